import { describe, expect, it } from 'vitest';
import type { RecordRow } from './records.js';
import { replayCredit } from './revocation.js';

// The replay that rebuilds progress after a decision: committed credit from the records, held credit only when a
// check was passed, struck-out sessions left out, lesson resets applied.

let seq = 0;
const rec = (session: string, kind: string, data: object, credited = 0) => ({
  row: {
    id: `r${++seq}`,
    user_id: 'u',
    chain_seq: seq,
    session_id: session,
    kind,
    at: '2026-11-24T02:00:00.000Z',
    data: JSON.stringify(data),
    credited_ms: credited,
    prev_hash: '',
    hash: '',
  },
  data: data as Record<string, unknown>,
});
const lessons = new Map([
  ['s1', 'L'],
  ['s2', 'L'],
  ['s3', 'L'],
]);

describe('replaying credit', () => {
  it('keeps committed credit, commits held credit on a passed check only, and leaves struck-out sessions out', () => {
    const records = [
      rec('s1', 'heartbeat', { fromPositionMs: 0, positionMs: 20_000, heldMs: 0 }, 20_000),
      rec('s1', 'check_issued', { kind: 'code' }),
      rec('s1', 'heartbeat', { fromPositionMs: 20_000, positionMs: 40_000, heldMs: 20_000 }),
      rec('s1', 'check_answered', { kind: 'code', result: 'passed' }, 20_000),
      rec('s2', 'heartbeat', { fromPositionMs: 40_000, positionMs: 60_000, heldMs: 20_000 }),
      rec('s2', 'check_missed', { kind: 'code' }),
      rec('s3', 'heartbeat', { fromPositionMs: 40_000, positionMs: 100_000, heldMs: 0 }, 60_000),
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
      rec('s1', 'heartbeat', { fromPositionMs: 0, positionMs: 30_000, heldMs: 0 }, 30_000),
      rec('s2', 'lesson_reset', { lessonId: 'L' }),
      rec('s3', 'heartbeat', { fromPositionMs: 0, positionMs: 10_000, heldMs: 0 }, 10_000),
    ];
    expect(replayCredit(records, lessons, new Set(['s2'])).get('L')).toMatchObject({
      coverage: [[0, 10_000]],
      credited: 10_000,
    });
  });
});
