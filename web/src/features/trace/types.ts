// Shapes of /api/trace/* (see docs/api.md, "Traceability").

export type TracedLearner = {
  id: string;
  name: string;
  idNumberMasked: string;
  phoneMasked: string;
  status: string;
  institutionName: string | null;
  regionName: string | null;
};
export type CheckTrace = {
  checkId: string;
  kind: string;
  issuedAt: string;
  deadline: string | null;
  retryOf: string | null;
  answers: { at: string; result: string; attempt: number | null; committedMs: number }[];
  missedAt: string | null;
  outcome: 'passed' | 'failed' | 'missed' | 'open';
};
export type FaceCheckTrace = {
  id: string;
  at: string;
  result: string;
  reason: string | null;
  distance: number | null;
  threshold: number;
  hasPhoto: boolean;
  context: string;
};
export type SessionTrace = {
  id: string;
  classId: string;
  className: string;
  courseTitle: string;
  lessonTitle: string;
  startedAt: string;
  lastAt: string;
  end: {
    kind: 'ended' | 'superseded' | 'open';
    at: string | null;
    bySession: string | null;
    byDevice: string | null;
    byIp: string | null;
  };
  ip: string;
  place: string | null;
  deviceId: string;
  device: string;
  userAgent: string;
  creditedMs: number;
  heartbeats: number;
  refused: { at: string; reason: string; positionMs: number | null }[];
  checks: CheckTrace[];
  faceChecks: FaceCheckTrace[];
};
export type Timeline = {
  learner: TracedLearner;
  classes: { id: string; name: string; institutionName: string; status: string }[];
  sessions: SessionTrace[];
  otherFaceChecks: FaceCheckTrace[];
  totals: {
    sessions: number;
    creditedMs: number;
    refused: number;
    checks: number;
    checksPassed: number;
    checksFailed: number;
    faceChecksPassed: number;
    faceChecksFailed: number;
  };
  placeNote: 'geoip_unavailable' | null;
  truncated: boolean;
  maySeePhotos: boolean;
};
