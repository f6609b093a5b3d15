import { PlayCircleFilled } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaFileUrl } from './api';
import type { PlaybackReader } from './session-controller';

export type SurfaceNotice = 'frontier' | 'rateLocked' | 'hidden';

type Props = {
  mediaId: string;
  startAtMs: number;
  /** The end of the credited ground, from the server's last answer. */
  frontierMs: number;
  /** A check is open or the session is not running: no playing. */
  blocked: boolean;
  playback: RefObject<PlaybackReader | null>;
  onChange: () => void;
  onNotice: (notice: SurfaceNotice) => void;
};

// Natural playback moves at most this far between two timeupdate events; more is a jump.
const NATURAL_STEP_S = 3;
// Slack for keyframe snapping when the learner seeks to the frontier itself.
const SEEK_SLACK_S = 1;

/**
 * The lesson video (MP4; Chromium and phones play it natively). The learner cannot skip ahead of the ground the
 * server has credited (plus what has played since), cannot change the speed, and the video pauses while the page
 * is in the background or a check is open.
 */
export function VideoSurface({ mediaId, startAtMs, frontierMs, blocked, playback, onChange, onNotice }: Props) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const frontier = useRef(frontierMs);
  const reached = useRef(startAtMs / 1000);
  const lastTime = useRef(startAtMs / 1000);
  const resumeAfterBlock = useRef(false);
  const [needsTap, setNeedsTap] = useState(false);

  useEffect(() => {
    frontier.current = frontierMs;
  }, [frontierMs]);

  useEffect(() => {
    playback.current = () => {
      const v = video.current;
      if (!v || v.readyState === 0) return null;
      // While seeking, report where playback was: the ground played up to the seek still counts.
      const seconds = v.seeking ? lastTime.current : v.currentTime;
      return { positionMs: seconds * 1000, playing: !v.paused && !v.ended, rate: v.playbackRate };
    };
    return () => {
      playback.current = null;
    };
  }, [playback]);

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    if (blocked) {
      resumeAfterBlock.current = resumeAfterBlock.current || !v.paused;
      v.pause();
    } else if (resumeAfterBlock.current) {
      resumeAfterBlock.current = false;
      v.play().catch(() => setNeedsTap(true));
    }
  }, [blocked]);

  useEffect(() => {
    const onVisibility = () => {
      const v = video.current;
      if (document.visibilityState === 'hidden' && v && !v.paused) {
        v.pause();
        onNotice('hidden');
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [onNotice]);

  const play = () => {
    const v = video.current;
    if (!v || blocked) return;
    v.play().then(
      () => setNeedsTap(false),
      () => setNeedsTap(true),
    );
  };

  return (
    <div className="yx-learn-video-box">
      <video
        ref={video}
        className="yx-learn-video"
        data-testid="learning-video"
        src={mediaFileUrl(mediaId, 'video.mp4')}
        poster={mediaFileUrl(mediaId, 'poster.jpg')}
        controls
        playsInline
        preload="auto"
        controlsList="nodownload noplaybackrate"
        disablePictureInPicture
        onContextMenu={(event) => event.preventDefault()}
        onLoadedMetadata={(event) => {
          const v = event.currentTarget;
          v.currentTime = startAtMs / 1000;
          lastTime.current = reached.current = startAtMs / 1000;
          if (blocked || document.visibilityState !== 'visible') setNeedsTap(true);
          else play();
        }}
        onTimeUpdate={(event) => {
          const v = event.currentTarget;
          if (v.seeking) return;
          const step = v.currentTime - lastTime.current;
          if (step >= 0 && step < NATURAL_STEP_S) reached.current = Math.max(reached.current, v.currentTime);
          lastTime.current = v.currentTime;
        }}
        onSeeking={(event) => {
          const v = event.currentTarget;
          const allowed = Math.max(frontier.current / 1000, reached.current);
          if (v.currentTime > allowed + SEEK_SLACK_S) {
            v.currentTime = allowed;
            onNotice('frontier');
          }
          onChange();
        }}
        onSeeked={(event) => {
          lastTime.current = event.currentTarget.currentTime;
          onChange();
        }}
        onRateChange={(event) => {
          const v = event.currentTarget;
          if (v.playbackRate !== 1) {
            v.playbackRate = 1;
            onNotice('rateLocked');
          }
          onChange();
        }}
        onPlay={(event) => {
          if (blocked || document.visibilityState !== 'visible') event.currentTarget.pause();
          else setNeedsTap(false);
          onChange();
        }}
        onPause={onChange}
        onEnded={onChange}
      />
      {needsTap && !blocked && (
        <div className="yx-learn-video-tap">
          <Button
            type="primary"
            size="large"
            shape="round"
            icon={<PlayCircleFilled />}
            onClick={play}
            data-testid="video-tap-to-play"
          >
            {t('learning.player.tapToPlay')}
          </Button>
        </div>
      )}
    </div>
  );
}
