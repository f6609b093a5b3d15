// Turning the server's verdicts into what the learner reads. Pure: the page passes `t`.
import type { TFunction } from 'i18next';
import type { Beat, CreditReason, HeartbeatResult } from './types';

export const NO_CREDIT_REASONS = [
  'paused',
  'hidden',
  'rate_too_high',
  'gap',
  'seek_back',
  'skipped_ahead',
  'ahead_of_frontier',
  'already_watched',
  'daily_cap',
  'check_failed',
  'late_report',
  'lesson_complete',
] as const;
export const REFUSAL_REASONS = [
  'duplicate',
  'out_of_order',
  'clock_backwards',
  'bad_position',
  'session_ended',
] as const;

export type Verdict =
  { tone: 'credited'; creditedMs: number } | { tone: 'held'; heldMs: number } | { tone: 'none'; reason: CreditReason };

/**
 * The verdict on the newest report. The server names the first rule an interval broke, so a video the page paused
 * because the tab went to the background reads "paused"; the report before it says the page was hidden, and that is
 * the reason the learner needs to hear.
 */
export function verdictOf(result: HeartbeatResult, previous: Beat | null): Verdict {
  if (result.reason) {
    const reason = result.reason === 'paused' && previous && !previous.visible ? 'hidden' : result.reason;
    return { tone: 'none', reason };
  }
  if (result.creditedMs > 0) return { tone: 'credited', creditedMs: result.creditedMs };
  if (result.heldMs > 0) return { tone: 'held', heldMs: result.heldMs };
  // Accepted, nothing new and no reason: the interval was too short to add ground.
  return { tone: 'credited', creditedMs: 0 };
}

/** The sentence for a reason; `capMs` and `classHourMinutes` let the daily cap name its size. */
export function reasonText(t: TFunction, reason: CreditReason, capMs: number, classHourMinutes: number | null): string {
  if (reason === 'daily_cap') {
    if (capMs <= 0) return t('learning.reason.daily_cap_plain');
    return classHourMinutes
      ? t('learning.reason.daily_cap', { hours: Math.round((capMs / 60_000 / classHourMinutes) * 10) / 10 })
      : t('learning.reason.daily_cap_time', { duration: formatDuration(t, capMs) });
  }
  return t(`learning.reason.${reason}`);
}

/** "1 小时 05 分" / "12 分 30 秒" style durations in the reader's language. */
export function formatDuration(t: TFunction, ms: number): string {
  if (ms > 0 && ms < 1000) return t('learning.duration.under');
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return t('learning.duration.hm', { h, m: String(m).padStart(2, '0') });
  if (m > 0) return t('learning.duration.ms', { m, s: String(s).padStart(2, '0') });
  return t('learning.duration.s', { s });
}

/** A media clock, "mm:ss" or "h:mm:ss". */
export function formatClock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
  const ss = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function percent(part: number, whole: number | null): number {
  if (!whole || whole <= 0) return 0;
  return Math.min(100, Math.floor((part / whole) * 100));
}
