import { useEffect, useRef, useState } from 'react';
import { cameraAvailable, openCamera, stopStream, type Facing } from './scanner';

type Props = {
  facing: Facing;
  /** The playing video element, once the camera delivers frames; null when it stops. */
  onVideo: (video: HTMLVideoElement | null) => void;
  onError: (error: 'unsupported' | 'denied') => void;
  mirrored?: boolean;
  testId?: string;
};

/** A live camera picture; the camera is released when the component goes away. */
export function CameraView({ facing, onVideo, onError, mirrored, testId }: Props) {
  const ref = useRef<HTMLVideoElement>(null);
  const [ready, setReady] = useState(false);
  // The callbacks change identity on every render of the parent; the camera must not reopen for that.
  const callbacks = useRef({ onVideo, onError });
  callbacks.current = { onVideo, onError };

  useEffect(() => {
    if (!cameraAvailable()) {
      callbacks.current.onError('unsupported');
      return;
    }
    let stream: MediaStream | null = null;
    let cancelled = false;
    openCamera(facing).then(
      async (opened) => {
        if (cancelled) return stopStream(opened);
        stream = opened;
        const video = ref.current!;
        video.srcObject = opened;
        await video.play().catch(() => undefined);
        setReady(true);
        callbacks.current.onVideo(video);
      },
      () => !cancelled && callbacks.current.onError('denied'),
    );
    return () => {
      cancelled = true;
      stopStream(stream);
      callbacks.current.onVideo(null);
    };
  }, [facing]);

  return (
    <div className="yx-lc-camera" data-ready={String(ready)} data-testid={testId}>
      <video ref={ref} playsInline muted autoPlay className={mirrored ? 'yx-lc-mirrored' : undefined} />
    </div>
  );
}
