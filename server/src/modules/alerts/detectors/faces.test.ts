import { describe, expect, it } from 'vitest';
import { detectFaceFailures, detectFaceMismatch, detectSharedFace } from './faces.js';
import { T0, thresholds } from './testkit.js';
import type { CheckFact, FaceAlertFact, FaceCheckFact } from './types.js';

const MIN = 60_000;
const check = (
  i: number,
  result: string,
  reason: string | null = null,
  distance: number | null = null,
): FaceCheckFact => ({ id: `fc${i}`, userId: 'u1', at: T0 + i * MIN, result, reason, distance, contextId: 'sess-1' });
const classOf = (id: string | null) => (id === 'sess-1' ? 'class-1' : null);

describe('face failure streaks', () => {
  const t = thresholds();

  it('flags eight checks in a row that did not pass, missed face checks included', () => {
    const checks = [check(0, 'pass'), ...Array.from({ length: 6 }, (_, i) => check(i + 1, 'rejected', 'FACE_NO_FACE'))];
    const missed: CheckFact[] = [1, 2].map((i) => ({
      recordId: `m${i}`,
      sessionId: 'sess-1',
      checkId: `k${i}`,
      kind: 'face',
      event: 'missed',
      at: T0 + (10 + i) * MIN,
      result: null,
    }));
    const [f] = detectFaceFailures('u1', checks, missed, t, classOf);
    expect(f).toMatchObject({
      kind: 'face_failures',
      classId: 'class-1',
      facts: { streak: 8 },
      sessionIds: ['sess-1'],
    });
    expect(f.evidence.map((e) => e.type)).toEqual([
      ...Array(6).fill('face_check'),
      'learning_record',
      'learning_record',
    ]);
  });

  it('leaves a dark room alone: refusals broken by passes', () => {
    const checks = Array.from({ length: 30 }, (_, i) => check(i, i % 4 === 3 ? 'pass' : 'rejected', 'FACE_TOO_DARK'));
    expect(detectFaceFailures('u1', checks, [], t, classOf)).toEqual([]);
  });
});

describe('a different face on one account', () => {
  const t = thresholds();

  it('flags four mismatches within a week, or the ID photo not matching the live face', () => {
    const checks = [
      check(0, 'fail', 'mismatch', 0.61),
      check(1, 'pass'),
      check(60, 'fail', 'mismatch', 0.7),
      check(61, 'fail', 'mismatch', 0.58),
      check(3000, 'fail', 'mismatch', 0.66),
    ];
    const [f] = detectFaceMismatch('u1', checks, [], t, classOf);
    expect(f).toMatchObject({ kind: 'face_mismatch', severity: 'high', facts: { mismatches: 4 }, classId: 'class-1' });
    expect(detectFaceMismatch('u1', checks.slice(0, 4), [], t, classOf)).toEqual([]);
    const idAlert: FaceAlertFact = {
      id: 'fa1',
      kind: 'id_photo_mismatch',
      userId: 'u1',
      otherUserId: null,
      at: T0,
      distance: 0.71,
    };
    expect(detectFaceMismatch('u1', [], [idAlert], t, classOf)).toMatchObject([{ facts: { idPhotoMismatch: true } }]);
  });

  it('leaves a rare mismatch alone, and mismatches spread over weeks', () => {
    const weeks = [0, 8, 16]
      .map((d, i) => check(i, 'fail', 'mismatch', 0.55))
      .map((c, i) => ({ ...c, at: T0 + i * 8 * 24 * 60 * MIN }));
    expect(detectFaceMismatch('u1', [check(0, 'fail', 'mismatch', 0.53), check(1, 'pass')], [], t, classOf)).toEqual(
      [],
    );
    expect(detectFaceMismatch('u1', weeks, [], t, classOf)).toEqual([]);
  });
});

describe('one face on several accounts', () => {
  it('keeps one finding per pair of accounts, whichever side the alert names', () => {
    const alerts: FaceAlertFact[] = [
      { id: 'a1', kind: 'same_face_other_account', userId: 'u1', otherUserId: 'u2', at: T0, distance: 0.31 },
      { id: 'a2', kind: 'same_face_other_account', userId: 'u2', otherUserId: 'u1', at: T0 + MIN, distance: 0.29 },
      { id: 'a3', kind: 'same_face_other_account', userId: 'u3', otherUserId: 'u1', at: T0 + MIN, distance: 0.4 },
      { id: 'a4', kind: 'id_photo_mismatch', userId: 'u1', otherUserId: null, at: T0, distance: 0.7 },
    ];
    const findings = detectSharedFace('u1', alerts, () => null);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({
      kind: 'shared_face',
      severity: 'high',
      windowKey: 'pair:u1+u2',
      facts: { matches: 2, distance: 0.29 },
    });
    expect(detectSharedFace('u9', alerts, () => null)).toEqual([]);
  });
});
