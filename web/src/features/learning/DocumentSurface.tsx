import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Tag, Typography } from 'antd';
import { useEffect, useReducer, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { mediaFileUrl } from './api';
import { formatClock, percent } from './reasons';
import type { PlaybackReader } from './session-controller';

type Props = {
  mediaId: string;
  startAtMs: number;
  durationMs: number;
  blocked: boolean;
  playback: RefObject<PlaybackReader | null>;
  onChange: () => void;
};

const isVisible = () => document.visibilityState === 'visible';

/**
 * A document lesson: the PDF in a frame, and a reading timer that plays the part of the video's position. It runs
 * only while the page is in front, no check is open and the learner has not paused it; the lesson's planned
 * minutes are its length.
 */
export function DocumentSurface({ mediaId, startAtMs, durationMs, blocked, playback, onChange }: Props) {
  const { t } = useTranslation();
  const [userPaused, setUserPaused] = useState(false);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The timer: ground read so far, and since when it has been running (null when stopped).
  const base = useRef(Math.min(startAtMs, durationMs));
  const since = useRef<number | null>(null);
  const wanted = useRef(false);

  const position = () =>
    since.current === null ? base.current : Math.min(durationMs, base.current + (Date.now() - since.current));

  // Starts or stops the timer from what is wanted and whether the page is in front; reports any change at once.
  const apply = () => {
    const run = wanted.current && isVisible() && position() < durationMs;
    if (run && since.current === null) since.current = Date.now();
    else if (!run && since.current !== null) {
      base.current = position();
      since.current = null;
    } else return;
    onChange();
    rerender();
  };
  const applyRef = useRef(apply);
  applyRef.current = apply;

  useEffect(() => {
    // Declared first so that the reader exists when the effect below starts the timer and reports it.
    // What the timer is about to do, even before this page's own visibility listener has run.
    playback.current = () => ({
      positionMs: position(),
      playing: wanted.current && isVisible() && position() < durationMs,
      rate: 1,
    });
    const onVisibility = () => applyRef.current();
    document.addEventListener('visibilitychange', onVisibility);
    const tick = setInterval(() => {
      if (since.current === null) return;
      if (position() >= durationMs) applyRef.current();
      rerender();
    }, 1000);
    return () => {
      playback.current = null;
      document.removeEventListener('visibilitychange', onVisibility);
      clearInterval(tick);
    };
    // position() reads refs only; durationMs is fixed for the lesson.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- position is a new function each render but reads refs only
  }, [playback, durationMs]);

  useEffect(() => {
    wanted.current = !userPaused && !blocked;
    applyRef.current();
  }, [userPaused, blocked]);

  const running = since.current !== null;
  const now = position();
  return (
    <div className="yx-learn-doc">
      <iframe
        className="yx-learn-doc-frame"
        src={mediaFileUrl(mediaId, 'document.pdf')}
        title={t('learning.player.reading.frame')}
        data-testid="learning-document"
      />
      <div
        className="yx-learn-reading"
        data-testid="reading-timer"
        data-running={String(running)}
        data-position={Math.floor(now)}
      >
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Flex align="center" gap={8} wrap>
            <Typography.Text strong>{t('learning.player.reading.title')}</Typography.Text>
            <span className="yx-learn-clock">
              {formatClock(now)} / {formatClock(durationMs)}
            </span>
            <Tag color={running ? 'processing' : 'default'}>
              {t(running ? 'learning.player.reading.running' : 'learning.player.reading.paused')}
            </Tag>
          </Flex>
          <Button
            size="small"
            icon={userPaused ? <PlayCircleOutlined /> : <PauseCircleOutlined />}
            onClick={() => setUserPaused((p) => !p)}
            disabled={blocked}
            data-testid="reading-toggle"
          >
            {t(userPaused ? 'learning.player.reading.continue' : 'learning.player.reading.pause')}
          </Button>
        </Flex>
        <Progress percent={percent(now, durationMs)} showInfo={false} size="small" />
        <Typography.Text type="secondary" className="yx-learn-small">
          {t('learning.player.reading.hint')}
        </Typography.Text>
      </div>
    </div>
  );
}
