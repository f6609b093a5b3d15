import type { GeoLocator } from '../../../adapters/geoip.js';
import { NATIONAL_POLICY } from '../../catalog/index.js';
import type { PolicyDocument } from '../../policies/index.js';
import { detectCheckEvasion } from './check-evasion.js';
import { detectConcurrentLessons } from './concurrent-lessons.js';
import { detectForeignIp, detectManyIps } from './ip-geo.js';
import { detectScripted } from './scripted.js';
import { detectAllNight, detectCapOverrun, detectSeekAhead } from './time-of-use.js';
import type { Finding, LearnerDigest, Thresholds } from './types.js';

export * from './types.js';
export { digestRecords, type RecordLike, type SessionContext } from './digest.js';
export { detectConcurrentLessons } from './concurrent-lessons.js';
export { detectCheckEvasion } from './check-evasion.js';
export { detectGroupIp, type RoomFact } from './group-ip.js';
export { detectForeignIp, detectManyIps } from './ip-geo.js';
export { detectScripted, AUTOMATION_UA } from './scripted.js';
export { detectFaceFailures, detectFaceMismatch, detectSharedFace } from './faces.js';
export { detectSharedDevice } from './shared-device.js';
export { detectCapOverrun, detectAllNight, detectSeekAhead } from './time-of-use.js';
export { detectClassCluster, type LearnerAlertFact } from './class-cluster.js';
export {
  detectInstitutionClusters,
  detectInstitutionFlaggedLearners,
  detectInstitutionIpConcentration,
  type ClusterAlertFact,
  type LearnerIpFact,
} from './institution.js';
export {
  detectAttendanceAnomalies,
  type AttendanceFaceFact,
  type CheckInFact,
  type OfflineSessionFact,
} from './attendance.js';

/** The detector thresholds of a policy document: its `alerts` block over the national defaults, plus engine timing. */
export function thresholdsOf(policy: PolicyDocument): Thresholds {
  const learning = { ...NATIONAL_POLICY.learning!, ...(policy.learning ?? {}) };
  // The national document names every threshold; fields a region leaves out keep the national value.
  return {
    ...NATIONAL_POLICY.alerts!,
    ...(policy.alerts ?? {}),
    heartbeatSeconds: policy.heartbeatSeconds,
    gapFactor: learning.gapFactor,
  } as Thresholds;
}

export const DEFAULT_THRESHOLDS: Thresholds = thresholdsOf(NATIONAL_POLICY);

export type LearnerContext = { geo: GeoLocator; classProvince: (classId: string) => string | null };

/** Every detector that needs only one learner's records (run as their events arrive). */
export function runLearnerDetectors(digest: LearnerDigest, t: Thresholds, context: LearnerContext): Finding[] {
  return [
    ...detectConcurrentLessons(digest, t),
    ...detectForeignIp(digest, t, context.geo, context.classProvince),
    ...detectManyIps(digest, t),
    ...detectScripted(digest, t),
    ...detectCapOverrun(digest, t),
    ...detectAllNight(digest, t),
    ...detectSeekAhead(digest, t),
    ...detectCheckEvasion(digest, t),
  ];
}
