import { describe, expect, it } from 'vitest';
import {
  detectAttendanceAnomalies,
  type AttendanceFaceFact,
  type CheckInFact,
  type OfflineSessionFact,
} from './attendance.js';
import { T0, thresholds } from './testkit.js';

const t = thresholds();
const SESSION: OfflineSessionFact = {
  sessionId: 'os1',
  classId: 'c1',
  title: '实操一',
  startsAt: T0,
  endsAt: T0 + 4 * 3_600_000,
  teacherIds: ['t1', 't2'],
};
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

// People in one room: the same venue Wi-Fi, often the same phone model, but GPS fixes that differ in the last digits.
const person = (i: number, ua = IPHONE): CheckInFact => ({
  attendanceId: `att${i}`,
  userId: `u${i}`,
  at: T0 + i * 20_000,
  latitude: 30.274112 + i * 0.000013,
  longitude: 120.155131 - i * 0.000009,
  userAgent: ua,
  ip: '36.112.0.1',
});
const oneHand = (i: number): CheckInFact => ({ ...person(i), latitude: 30.2741, longitude: 120.1551 });
const mismatch = (i: number): AttendanceFaceFact => ({
  faceCheckId: `fc${i}`,
  userId: `u${i}`,
  at: T0 + i * 1000,
  result: 'fail',
  reason: 'mismatch',
});

describe('attendance anomalies of offline sessions (teacher subjects)', () => {
  it('names every teacher of the class when one device checked in three learners', () => {
    const checkIns = [...Array.from({ length: 20 }, (_, i) => person(i)), oneHand(30), oneHand(31), oneHand(32)];
    const findings = detectAttendanceAnomalies(SESSION, checkIns, [], t);
    expect(findings.map((f) => f.subject)).toEqual([
      { type: 'teacher', id: 't1' },
      { type: 'teacher', id: 't2' },
    ]);
    expect(findings[0]).toMatchObject({
      kind: 'attendance_anomaly',
      classId: 'c1',
      userId: null,
      severity: 'medium',
      windowKey: 'session:os1',
      facts: { signals: ['same_device'], sameDeviceLearners: 3, devices: 1, checkIns: 23, faceMismatchLearners: 0 },
    });
    expect(findings[0].evidence.map((e) => e.id)).toEqual(['att30', 'att31', 'att32']);
  });

  it('flags check-in photos of other faces for two learners, high together with a shared device', () => {
    const [f] = detectAttendanceAnomalies(SESSION, [person(1)], [mismatch(1), mismatch(1), mismatch(2)], t);
    expect(f).toMatchObject({ severity: 'medium', facts: { signals: ['face_mismatch'], faceMismatchLearners: 2 } });
    expect(f.evidence.map((e) => e.type)).toEqual(['face_check', 'face_check', 'face_check']);
    const [both] = detectAttendanceAnomalies(
      SESSION,
      [oneHand(1), oneHand(2), oneHand(3)],
      [mismatch(4), mismatch(5)],
      t,
    );
    expect(both).toMatchObject({ severity: 'high', facts: { signals: ['same_device', 'face_mismatch'] } });
  });

  it('leaves a real room alone: same model and Wi-Fi, different fixes; a retaken photo; two on one phone; no teacher', () => {
    const room = Array.from({ length: 40 }, (_, i) => person(i));
    const retake: AttendanceFaceFact[] = [
      mismatch(1),
      { ...mismatch(2), reason: 'too_dark' },
      { ...mismatch(3), result: 'pass', reason: null },
    ];
    expect(detectAttendanceAnomalies(SESSION, room, retake, t)).toEqual([]);
    expect(detectAttendanceAnomalies(SESSION, [...room, oneHand(50), oneHand(51)], [], t)).toEqual([]);
    // Same position but different browsers: two phones that both fell back to the venue's Wi-Fi location.
    expect(
      detectAttendanceAnomalies(
        SESSION,
        [oneHand(60), { ...oneHand(61), userAgent: 'Android' }, { ...oneHand(62), userAgent: 'Other' }],
        [],
        t,
      ),
    ).toEqual([]);
    expect(
      detectAttendanceAnomalies({ ...SESSION, teacherIds: [] }, [oneHand(1), oneHand(2), oneHand(3)], [], t),
    ).toEqual([]);
  });
});
