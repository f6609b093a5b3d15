import { ReadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { mediaUrl } from './api';

type Props = { mediaId: string | null; alt: string; caption?: string | null; className?: string };

/** The poster frame of a course's first ready video; a calm placeholder when there is none or it fails to load. */
export function Poster({ mediaId, alt, caption, className }: Props) {
  const [failed, setFailed] = useState<string | null>(null);
  const usable = mediaId !== null && failed !== mediaId;
  return (
    <div className={`yx-poster${className ? ` ${className}` : ''}`}>
      {usable ? (
        <img
          src={mediaUrl(mediaId, 'poster.jpg')}
          alt={alt}
          loading="lazy"
          decoding="async"
          onError={() => setFailed(mediaId)}
        />
      ) : (
        <div className="yx-poster-placeholder" role="img" aria-label={alt} data-testid="poster-placeholder">
          <ReadOutlined aria-hidden />
          {caption && <span>{caption}</span>}
        </div>
      )}
    </div>
  );
}
