import type { Evidence } from '../learning/index.js';

// Pure parts of a learner's traceability timeline: what a session's evidence records say (checks and their answers,
// refused reports, how it ended), which session a face check belongs to, and a short name for a browser.

/** A session's record as evidence (learning's typed union) with its time. */
export type TraceRecord = Evidence & { at: string };

export type CheckTrace = {
  checkId: string;
  kind: 'face' | 'code';
  issuedAt: string;
  deadline: string | null;
  retryOf: string | null;
  answers: { at: string; result: string; attempt: number | null; committedMs: number }[];
  missedAt: string | null;
  /** passed, failed (wrong answers used up, or late), missed (no answer before the deadline), open (still waiting). */
  outcome: 'passed' | 'failed' | 'missed' | 'open';
};
export type SessionEvents = {
  checks: CheckTrace[];
  refused: { at: string; reason: string; positionMs: number | null }[];
  end: {
    kind: 'ended' | 'superseded' | 'open';
    at: string | null;
    bySession: string | null;
    byDevice: string | null;
    byIp: string | null;
  };
};

/** Reads a session's records (any order; heartbeats may be left out) into its checks, refusals and ending. */
export function sessionEvents(records: TraceRecord[]): SessionEvents {
  const sorted = [...records].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const checks = new Map<string, CheckTrace>();
  const refused: SessionEvents['refused'] = [];
  let end: SessionEvents['end'] = { kind: 'open', at: null, bySession: null, byDevice: null, byIp: null };
  for (const r of sorted) {
    switch (r.kind) {
      case 'check_issued':
        checks.set(r.data.checkId, {
          checkId: r.data.checkId,
          kind: r.data.kind,
          issuedAt: r.at,
          deadline: r.data.deadline,
          retryOf: r.data.retryOf ?? null,
          answers: [],
          missedAt: null,
          outcome: 'open',
        });
        break;
      case 'check_answered': {
        const check = checks.get(r.data.checkId);
        if (!check) break;
        const result = r.data.result;
        check.answers.push({ at: r.at, result, attempt: r.data.attempt, committedMs: r.data.committedMs });
        if (result === 'passed') check.outcome = 'passed';
        else if (result === 'failed' || result === 'late') check.outcome = 'failed';
        break;
      }
      case 'check_missed': {
        const check = checks.get(r.data.checkId);
        if (check) {
          check.missedAt = r.at;
          if (check.outcome === 'open') check.outcome = 'missed';
        }
        break;
      }
      case 'heartbeat_refused':
        refused.push({ at: r.at, reason: r.data.reason, positionMs: r.data.positionMs });
        break;
      case 'session_ended':
        if (end.kind === 'open') end = { kind: 'ended', at: r.at, bySession: null, byDevice: null, byIp: null };
        break;
      case 'session_superseded':
        if (end.kind === 'open')
          end = {
            kind: 'superseded',
            at: r.at,
            bySession: r.data.bySession,
            byDevice: r.data.deviceId,
            byIp: r.data.ip,
          };
        break;
      default:
        break;
    }
  }
  return { checks: [...checks.values()], refused, end };
}

export type FaceCheckRef = { id: string; at: string; contextId: string | null };
export type SessionSpan = { id: string; startedAt: string; lastAt: string };

/**
 * The session each face check belongs to: the one its context names, or else the session that was open at its time
 * (a learner has one lesson open at a time, so at most one session spans a moment; a small grace covers a check
 * answered just after the last record). Checks of no listed session map to null.
 */
export function attachFaceChecks(
  sessions: SessionSpan[],
  checks: FaceCheckRef[],
  graceMs = 5 * 60_000,
): Map<string, string | null> {
  const ids = new Set(sessions.map((s) => s.id));
  const byStart = [...sessions].sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  const out = new Map<string, string | null>();
  for (const check of checks) {
    if (check.contextId && ids.has(check.contextId)) {
      out.set(check.id, check.contextId);
      continue;
    }
    const t = Date.parse(check.at);
    let found: string | null = null;
    for (const s of byStart) {
      if (Date.parse(s.startedAt) > t) break;
      if (t <= Date.parse(s.lastAt) + graceMs) found = s.id;
    }
    out.set(check.id, found);
  }
  return out;
}

/** "Chrome 126 · Windows", "WeChat · iPhone": enough to tell devices apart on a timeline (the full string is kept). */
export function describeDevice(userAgent: string): string {
  const ua = userAgent || '';
  const os = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /Android/.test(ua)
        ? 'Android'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macOS'
            : /CrOS/.test(ua)
              ? 'ChromeOS'
              : /Linux/.test(ua)
                ? 'Linux'
                : null;
  const rules: [RegExp, string][] = [
    [/MicroMessenger\/([\d.]+)/, 'WeChat'],
    [/DingTalk\/([\d.]+)/, 'DingTalk'],
    [/Edg\/([\d]+)/, 'Edge'],
    [/HeadlessChrome\/([\d]+)/, 'Headless Chrome'],
    [/(?:Chrome|CriOS)\/([\d]+)/, 'Chrome'],
    [/(?:Firefox|FxiOS)\/([\d]+)/, 'Firefox'],
    [/Version\/([\d]+)[\d.]* .*Safari/, 'Safari'],
  ];
  let browser: string | null = null;
  for (const [pattern, name] of rules) {
    const m = pattern.exec(ua);
    if (m) {
      browser = name === 'WeChat' || name === 'DingTalk' ? name : `${name} ${m[1]}`;
      break;
    }
  }
  if (!browser && !os) return ua.slice(0, 60) || '—';
  return [browser, os].filter(Boolean).join(' · ');
}
