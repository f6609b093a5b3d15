import { describe, expect, it } from 'vitest';
import { attachFaceChecks, describeDevice, sessionEvents, type TraceRecord } from './trace.js';

describe('a session’s evidence as a timeline', () => {
  it('pairs checks with their answers and tells how each went, lists refused reports and how the session ended', () => {
    const started: TraceRecord = {
      kind: 'session_started',
      at: '2026-03-01T02:00:00.000Z',
      data: {
        classId: 'k1',
        courseId: 'co1',
        lessonId: 'l1',
        durationMs: 600_000,
        positionMs: 0,
        deviceId: 'laptop',
        ip: '10.0.0.8',
        userAgent: 'Firefox',
      },
    };
    const ev = sessionEvents([
      {
        kind: 'session_superseded',
        at: '2026-03-01T02:10:00.000Z',
        data: { bySession: 's2', lessonId: 'l2', deviceId: 'phone', ip: '10.0.0.9', heldMsDropped: 0 },
      },
      started,
      {
        kind: 'check_issued',
        at: '2026-03-01T02:01:00.000Z',
        data: { checkId: 'c1', kind: 'code', code: '1234', deadline: '2026-03-01T02:02:00.000Z' },
      },
      {
        kind: 'check_answered',
        at: '2026-03-01T02:01:20.000Z',
        data: { checkId: 'c1', kind: 'code', result: 'wrong', attempt: 1, committedMs: 0 },
      },
      {
        kind: 'check_answered',
        at: '2026-03-01T02:01:30.000Z',
        data: { checkId: 'c1', kind: 'code', result: 'passed', attempt: 2, committedMs: 40_000 },
      },
      {
        kind: 'check_issued',
        at: '2026-03-01T02:05:00.000Z',
        data: { checkId: 'c2', kind: 'face', code: null, deadline: '2026-03-01T02:06:00.000Z' },
      },
      {
        kind: 'check_missed',
        at: '2026-03-01T02:06:30.000Z',
        data: { checkId: 'c2', kind: 'face', deadline: '2026-03-01T02:06:00.000Z' },
      },
      {
        kind: 'check_issued',
        at: '2026-03-01T02:07:00.000Z',
        data: { checkId: 'c3', kind: 'code', code: '5678', deadline: '2026-03-01T02:08:00.000Z', retryOf: 'c2' },
      },
      {
        kind: 'heartbeat_refused',
        at: '2026-03-01T02:08:00.000Z',
        data: { seq: 9, reason: 'clock_backwards', positionMs: 12_000 },
      },
    ]);
    expect(ev.checks.map((c) => [c.checkId, c.kind, c.outcome, c.answers.length])).toEqual([
      ['c1', 'code', 'passed', 2],
      ['c2', 'face', 'missed', 0],
      ['c3', 'code', 'open', 0],
    ]);
    expect(ev.checks[0].answers[1]).toEqual({
      at: '2026-03-01T02:01:30.000Z',
      result: 'passed',
      attempt: 2,
      committedMs: 40_000,
    });
    expect(ev.refused).toEqual([{ at: '2026-03-01T02:08:00.000Z', reason: 'clock_backwards', positionMs: 12_000 }]);
    expect(ev.end).toEqual({
      kind: 'superseded',
      at: '2026-03-01T02:10:00.000Z',
      bySession: 's2',
      byDevice: 'phone',
      byIp: '10.0.0.9',
    });
    expect(sessionEvents([started]).end.kind).toBe('open');
  });

  it('puts a face check on the session its context names, else on the session open at its time', () => {
    const sessions = [
      { id: 's1', startedAt: '2026-03-01T02:00:00.000Z', lastAt: '2026-03-01T02:20:00.000Z' },
      { id: 's2', startedAt: '2026-03-01T03:00:00.000Z', lastAt: '2026-03-01T03:30:00.000Z' },
    ];
    const owner = attachFaceChecks(sessions, [
      { id: 'f1', at: '2026-03-01T02:10:00.000Z', contextId: null },
      { id: 'f2', at: '2026-03-01T02:22:00.000Z', contextId: null },
      { id: 'f3', at: '2026-03-01T02:50:00.000Z', contextId: null },
      { id: 'f4', at: '2026-03-01T02:50:00.000Z', contextId: 's2' },
      { id: 'f5', at: '2026-03-01T01:00:00.000Z', contextId: 'elsewhere' },
    ]);
    expect(Object.fromEntries(owner)).toEqual({ f1: 's1', f2: 's1', f3: null, f4: 's2', f5: null });
  });

  it('names browsers and systems briefly', () => {
    expect(
      describeDevice(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 126 · Windows');
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49',
      ),
    ).toBe('WeChat · iPhone');
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      ),
    ).toBe('Safari 17 · macOS');
    expect(
      describeDevice(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36',
      ),
    ).toBe('Headless Chrome 126 · Linux');
    expect(describeDevice('curl/8.1')).toBe('curl/8.1');
  });
});
