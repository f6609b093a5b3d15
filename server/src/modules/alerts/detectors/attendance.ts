import type { EvidenceRef, Finding, Thresholds } from './types.js';

// Teacher subjects: offline practice sessions (ADR 0005) whose check-ins show that the people were not there. The
// teachers of the class run its sessions and sign off the hours, so the finding names each of them; the check-ins
// and face checks are the evidence. What the data supports:
//  - one device checking in several learners: the same browser (user agent), address and exact reported position
//    for several accounts — separate phones in one room never report the same coordinates to a millionth of a
//    degree, one phone passed from hand to hand (or one mock-location app) does;
//  - check-in photos showing another face than the account's: the face check refuses them (ADR 0005), and
//    several learners of one session refused that way means someone tried to check in for them.

export type CheckInFact = {
  attendanceId: string;
  userId: string;
  at: number;
  latitude: number;
  longitude: number;
  /** From the audit entry of the check-in (null when it is missing). */
  userAgent: string | null;
  ip: string | null;
};
export type AttendanceFaceFact = {
  faceCheckId: string;
  userId: string;
  at: number;
  result: string;
  reason: string | null;
};
export type OfflineSessionFact = {
  sessionId: string;
  classId: string;
  title: string;
  startsAt: number;
  endsAt: number;
  teacherIds: readonly string[];
};

export function detectAttendanceAnomalies(
  session: OfflineSessionFact,
  checkIns: readonly CheckInFact[],
  faceChecks: readonly AttendanceFaceFact[],
  t: Thresholds,
): Finding[] {
  if (session.teacherIds.length === 0) return [];
  const byDevice = new Map<string, CheckInFact[]>();
  for (const c of checkIns) {
    const key = `${c.userAgent ?? '?'}|${c.ip ?? '?'}|${c.latitude.toFixed(6)},${c.longitude.toFixed(6)}`;
    byDevice.set(key, [...(byDevice.get(key) ?? []), c]);
  }
  const shared = [...byDevice.values()].filter(
    (list) => new Set(list.map((c) => c.userId)).size >= t.attendanceSameDeviceMin,
  );
  const sharedLearners = new Set(shared.flatMap((list) => list.map((c) => c.userId)));
  const mismatches = faceChecks.filter((f) => f.reason === 'mismatch');
  const mismatchLearners = new Set(mismatches.map((f) => f.userId));
  const deviceHit = sharedLearners.size > 0;
  const faceHit = mismatchLearners.size >= t.attendanceFaceMismatchMin;
  if (!deviceHit && !faceHit) return [];

  const signals = [...(deviceHit ? ['same_device'] : []), ...(faceHit ? ['face_mismatch'] : [])];
  const severity: Finding['severity'] =
    (deviceHit && faceHit) ||
    sharedLearners.size >= 2 * t.attendanceSameDeviceMin ||
    mismatchLearners.size >= 2 * t.attendanceFaceMismatchMin
      ? 'high'
      : 'medium';
  const evidence: EvidenceRef[] = [
    ...shared.flat().map((c) => ({
      type: 'attendance' as const,
      id: c.attendanceId,
      at: c.at,
      userId: c.userId,
      note: `${c.latitude.toFixed(6)},${c.longitude.toFixed(6)}`,
    })),
    ...(faceHit
      ? mismatches.map((f) => ({
          type: 'face_check' as const,
          id: f.faceCheckId,
          at: f.at,
          userId: f.userId,
          note: 'mismatch',
        }))
      : []),
  ]
    .sort((a, b) => a.at - b.at)
    .slice(0, 120);
  const facts = {
    sessionId: session.sessionId,
    session: session.title,
    startsAt: new Date(session.startsAt).toISOString(),
    checkIns: checkIns.length,
    signals,
    sameDeviceLearners: sharedLearners.size,
    devices: shared.length,
    faceMismatchLearners: mismatchLearners.size,
    thresholdDevice: t.attendanceSameDeviceMin,
    thresholdFace: t.attendanceFaceMismatchMin,
  };
  const at = evidence.map((e) => e.at);
  return session.teacherIds.map((teacherId) => ({
    kind: 'attendance_anomaly' as const,
    subject: { type: 'teacher' as const, id: teacherId },
    userId: null,
    classId: session.classId,
    severity,
    windowKey: `session:${session.sessionId}`,
    windowStart: Math.min(session.startsAt, ...at),
    windowEnd: Math.max(session.endsAt, ...at),
    facts,
    evidence,
    sessionIds: [],
  }));
}
