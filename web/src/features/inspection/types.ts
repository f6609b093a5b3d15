// Shapes of /api/inspection (see docs/api.md, "Self-inspection").

export type Finding =
  | 'refused_reports'
  | 'missed_checks'
  | 'failed_checks'
  | 'face_check_failures'
  | 'other_device'
  | 'alerts'
  | 'offline_without_online';
export type InspectionLearner = {
  userId: string;
  name: string;
  idNumberMasked: string;
  enrolment: 'enrolled' | 'withdrawn';
  onlineSeconds: number;
  onlineHours: number;
  offlineMinutes: number;
  offlineHours: number;
  lessonsCompleted: number;
  lessonsTotal: number;
  faceChecksPassed: number;
  faceChecksFailed: number;
  alerts: number;
  refusedReports: number;
  missedChecks: number;
  failedChecks: number;
  otherDeviceStarts: number;
  sessions: number;
  anomalies: number;
  findings: Finding[];
};
export type ClassTotals = {
  enrolled: number;
  withdrawn: number;
  onlineHours: number;
  offlineHours: number;
  lessonsCompleted: number;
  faceChecksPassed: number;
  faceChecksFailed: number;
  alerts: number;
  anomalies: number;
  flagged: number;
};
export type InspectionClass = {
  classId: string;
  name: string;
  status: string;
  startDate: string;
  endDate: string;
  classHourMinutes: number;
  totals: ClassTotals;
  learners: InspectionLearner[];
};
export type InspectionReport = {
  institution: { id: string; name: string; regionCode: string; regionName: string };
  from: string;
  to: string;
  generatedAt: string;
  summary: ClassTotals & { classes: number };
  classes: InspectionClass[];
};
