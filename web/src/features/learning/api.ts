// Queries and calls of the learning API (docs/api.md "Learning"), for the lesson list and the player.
import { useQuery } from '@tanstack/react-query';
import { api, readCookie } from '../../api/client';
import type { CourseDetail } from '../../api/catalog-types';
import type {
  AnswerReply,
  Beat,
  HeartbeatResult,
  LearnerClass,
  LearningRecord,
  LessonProgress,
  LiveView,
  SessionSummary,
  StartedSession,
} from './types';

const enc = encodeURIComponent;
export const learningKey = ['learning'] as const;

export function useClassProgress(classId: string) {
  return useQuery({
    queryKey: [...learningKey, 'progress', classId],
    queryFn: ({ signal }) =>
      api.get<{ items: LessonProgress[] }>(`/api/learning/classes/${enc(classId)}/progress`, undefined, signal),
    select: (data) => data.items,
  });
}

export function useMySessions(classId: string, enabled = true) {
  return useQuery({
    queryKey: [...learningKey, 'sessions', classId],
    queryFn: ({ signal }) =>
      api.get<{ items: SessionSummary[] }>(`/api/learning/classes/${enc(classId)}/sessions`, undefined, signal),
    select: (data) => data.items,
    enabled,
  });
}

export function useSessionRecords(sessionId: string | null) {
  return useQuery({
    queryKey: [...learningKey, 'records', sessionId],
    queryFn: ({ signal }) =>
      api.get<{ items: LearningRecord[] }>(`/api/learning/sessions/${enc(sessionId ?? '')}/records`, undefined, signal),
    select: (data) => data.items,
    enabled: !!sessionId,
  });
}

/** The class head (name, period, class-hour length); the pages work without it, so it is not retried. */
export function useLearnerClass(classId: string) {
  return useQuery({
    queryKey: ['my-classes', 'detail', classId],
    queryFn: ({ signal }) => api.get<{ class: LearnerClass }>(`/api/my/classes/${enc(classId)}`, undefined, signal),
    select: (data) => data.class,
    retry: false,
  });
}

/** The course as the catalogue shows it: the player takes the lesson's media from here. */
export function useCourseDetail(courseId: string | undefined) {
  return useQuery({
    queryKey: ['catalog', 'course', courseId, null],
    queryFn: ({ signal }) =>
      api.get<{ course: CourseDetail }>(`/api/catalog/courses/${enc(courseId ?? '')}`, undefined, signal),
    select: (data) => data.course,
    enabled: !!courseId,
  });
}

export function mediaFileUrl(mediaId: string, file: 'video.mp4' | 'poster.jpg' | 'document.pdf'): string {
  return `/api/media/${enc(mediaId)}/${file}`;
}

/** The calls of one learning session; the player's controller takes them as its transport. */
export type LearningTransport = {
  start: (input: {
    classId: string;
    lessonId: string;
    deviceId: string;
    clientTimeMs: number;
  }) => Promise<StartedSession>;
  heartbeats: (sessionId: string, beats: Beat[]) => Promise<LiveView & { results: HeartbeatResult[] }>;
  /** The code typed back, or a face check's frames (JPEG data URLs, in the order filmed). */
  answer: (
    sessionId: string,
    checkId: string,
    body: { code: string } | { frames: string[] },
  ) => Promise<LiveView & AnswerReply>;
  retry: (sessionId: string) => Promise<LiveView>;
  /** Asks for a final check now, so the time held since the last passed check can count before leaving. */
  finalCheck: (sessionId: string) => Promise<LiveView>;
  end: (sessionId: string) => Promise<unknown>;
  /** Ends the session while the page goes away: a keep-alive request that outlives the page. */
  endOnLeave: (sessionId: string) => void;
};

/**
 * The transport of one player. It keeps the learning token the start hands out (and any renewed one an answer brings)
 * and sends it with the session's calls, which lets the server skip looking up the sign-in on every heartbeat. The
 * CSRF header still goes along: a token due for renewal makes the server check the sign-in the ordinary way.
 */
export function learningTransport(): LearningTransport {
  let token: { sessionId: string; value: string } | null = null;
  const keep = <T>(sessionId: string, answer: T): T => {
    const renewed = (answer as { learningToken?: string } | undefined)?.learningToken;
    if (renewed) token = { sessionId, value: renewed };
    return answer;
  };
  const headers = (sessionId: string): Record<string, string> | undefined =>
    token?.sessionId === sessionId ? { 'x-learning-token': token.value } : undefined;
  const call = async <T>(sessionId: string, path: string, body: unknown = {}): Promise<T> =>
    keep(sessionId, await api.post<T>(`/api/learning/sessions/${enc(sessionId)}${path}`, body, headers(sessionId)));
  return {
    start: async (input) => {
      // navigator.webdriver is reported for early warning (automation); the server never credits on it.
      const { session } = await api.post<{ session: StartedSession }>('/api/learning/sessions', {
        ...input,
        webdriver: navigator.webdriver === true,
      });
      return keep(session.sessionId, session);
    },
    heartbeats: (sessionId, beats) => call(sessionId, '/heartbeats', { beats }),
    answer: (sessionId, checkId, body) => call(sessionId, `/checks/${enc(checkId)}`, body),
    retry: (sessionId) => call(sessionId, '/checks/retry'),
    finalCheck: (sessionId) => call(sessionId, '/checks/final'),
    end: (sessionId) => call(sessionId, '/end'),
    endOnLeave: (sessionId) => {
      // sendBeacon cannot carry the CSRF header (nor the token), so a keep-alive fetch does the same job.
      const sent: Record<string, string> = { 'content-type': 'application/json', ...headers(sessionId) };
      const csrf = readCookie('yx_csrf');
      if (csrf) sent['x-csrf-token'] = csrf;
      void fetch(`/api/learning/sessions/${enc(sessionId)}/end`, {
        method: 'POST',
        headers: sent,
        body: '{}',
        keepalive: true,
        credentials: 'same-origin',
      }).catch(() => undefined);
    },
  };
}

const DEVICE_KEY = 'yx_learning_device';

/** A random id for this browser, kept across visits, so the records tell devices apart. */
export function deviceId(): string {
  try {
    const kept = window.localStorage.getItem(DEVICE_KEY);
    if (kept && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
    const fresh = randomId();
    window.localStorage.setItem(DEVICE_KEY, fresh);
    return fresh;
  } catch {
    return randomId();
  }
}

// getRandomValues works on plain http too (randomUUID needs a secure context).
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
