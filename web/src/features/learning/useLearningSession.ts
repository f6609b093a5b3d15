import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import { deviceId, learningKey, learningTransport } from './api';
import { SessionController, type ControllerState, type PlaybackReader } from './session-controller';

const IDLE: ControllerState = {
  status: 'idle',
  live: null,
  startedAtMs: 0,
  last: null,
  offline: false,
  queued: 0,
  superseded: null,
  faceChecks: null,
  end: null,
  error: null,
};
const noop = () => () => undefined;

const isVisible = () => document.visibilityState === 'visible';

/**
 * One supervised session for the lesson on screen: started on mount, reported on a timer and on visibility and
 * focus changes (the media surface reports its own play, pause, seek and rate events through `report`), ended on
 * unmount and, with a keep-alive request, when the page is unloaded.
 */
export function useLearningSession(classId: string, lessonId: string, playback: RefObject<PlaybackReader | null>) {
  const client = useQueryClient();
  const [controller, setController] = useState<SessionController | null>(null);

  useEffect(() => {
    const created = new SessionController(
      {
        transport: learningTransport(),
        read: () => playback.current?.() ?? null,
        visible: isVisible,
        focused: () => document.hasFocus(),
        now: () => Date.now(),
      },
      { classId, lessonId, deviceId: deviceId() },
    );
    setController(created);
    // Started a tick later: React's development double mount closes the first controller before it sends anything.
    const starting = setTimeout(() => void created.start(), 0);

    const report = () => created.report();
    const online = () => created.resume();
    const leave = () => created.leave();
    // Back from the browser's page cache: the session was ended on the way out, so start a new one.
    const back = (event: PageTransitionEvent) => {
      if (event.persisted) void created.start();
    };
    document.addEventListener('visibilitychange', report);
    window.addEventListener('focus', report);
    window.addEventListener('blur', report);
    window.addEventListener('online', online);
    window.addEventListener('pagehide', leave);
    window.addEventListener('pageshow', back);
    return () => {
      clearTimeout(starting);
      document.removeEventListener('visibilitychange', report);
      window.removeEventListener('focus', report);
      window.removeEventListener('blur', report);
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', back);
      void created.close().finally(() => client.invalidateQueries({ queryKey: learningKey }));
    };
  }, [classId, lessonId, playback, client]);

  const state = useSyncExternalStore(controller?.subscribe ?? noop, controller?.snapshot ?? (() => IDLE));

  const report = useCallback(() => controller?.report(), [controller]);
  const restart = useCallback(() => void controller?.start(), [controller]);
  const answer = useCallback(
    (code: string) => controller?.answer(code) ?? Promise.resolve('closed' as const),
    [controller],
  );
  const answerFace = useCallback(
    (frames: string[]) => controller?.answerFace(frames) ?? Promise.resolve('closed' as const),
    [controller],
  );
  const retryCheck = useCallback(() => controller?.retryCheck() ?? Promise.resolve(), [controller]);
  const confirmHeld = useCallback(() => controller?.confirmHeld() ?? Promise.resolve(), [controller]);

  return { state, report, restart, answer, answerFace, retryCheck, confirmHeld };
}
