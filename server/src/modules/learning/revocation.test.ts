import { describe, expect, it } from 'vitest';
import { encodeRecord, type Evidence } from './evidence.js';
import type { RecordRow } from './records.js';
import { replayCredit } from './revocation.js';

// The replay that rebuilds progress after a decision: committed credit from the records, held credit only when a
// check was passed, struck-out sessions left out, lesson resets applied.

let seq = 0;
const rec = (session: string, evidence: Evidence, credited = 0): { row: RecordRow; evidence: Evidence } => ({
  row: {
    id: `r${++seq}`,
    user_id: 'u',
    chain_seq: seq,
    session_id: session,
    ...encodeRecord(evidence),
    at: '2026-11-24T02:00:00.000Z',
    credited_ms: credited,
    prev_hash: '',
    hash: '',
  },
  evidence,
});
const beat = (fromPositionMs: number, positionMs: number, heldMs: number): Evidence => ({
  kind: 'heartbeat',
  data: { seq: 1, positionMs, fromPositionMs, heldMs, reason: null },
});
const check = { checkId: 'c1', kind: 'code' as const, deadline: '2026-11-24T02:01:00.000Z' };
const lessons = new Map([
  ['s1', 'L'],
  ['s2', 'L'],
  ['s3', 'L'],
]);

describe('replaying credit', () => {
  it('keeps committed credit, commits held credit on a passed check only, and leaves struck-out sessions out', () => {
    const records = [
      rec('s1', beat(0, 20_000, 0), 20_000),
      rec('s1', { kind: 'check_issued', data: { ...check, code: '1234' } }),
      rec('s1', beat(20_000, 40_000, 20_000)),
      rec(
        's1',
        {
          kind: 'check_answered',
          data: { checkId: 'c1', kind: 'code', result: 'passed', attempt: 1, committedMs: 20_000 },
        },
        20_000,
      ),
      rec('s2', beat(40_000, 60_000, 20_000)),
      rec('s2', { kind: 'check_missed', data: check }),
      rec('s3', beat(40_000, 100_000, 0), 60_000),
    ];
    expect(replayCredit(records, lessons, new Set()).get('L')).toMatchObject({
      coverage: [[0, 100_000]],
      credited: 100_000,
    });
    expect(replayCredit(records, lessons, new Set(['s3'])).get('L')).toMatchObject({
      coverage: [[0, 40_000]],
      credited: 40_000,
    });
    expect(replayCredit(records, lessons, new Set(['s1'])).get('L')).toMatchObject({
      coverage: [[40_000, 100_000]],
      credited: 60_000,
    });
  });

  it('applies a lesson reset even when its session is struck out', () => {
    const records = [
      rec('s1', beat(0, 30_000, 0), 30_000),
      rec('s2', {
        kind: 'lesson_reset',
        data: { classId: 'C', lessonId: 'L', misses: 3, limit: 3, revokedMs: 30_000, watchedMs: 30_000, coverage: [] },
      }),
      rec('s3', beat(0, 10_000, 0), 10_000),
    ];
    expect(replayCredit(records, lessons, new Set(['s2'])).get('L')).toMatchObject({
      coverage: [[0, 10_000]],
      credited: 10_000,
    });
  });
});
