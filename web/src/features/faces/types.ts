// What the faces API (server/src/modules/faces, docs/api.md "Faces") returns.

export type QualityMeasures = {
  faceShare: number;
  score: number;
  yaw: number;
  pitch: number;
  brightness: number;
  sharpness: number;
};

export type MyEnrolment = {
  status: 'none' | 'active';
  enrolledAt: string | null;
  idPhotoOnFile: boolean;
  request: {
    id: string;
    status: 'pending' | 'active' | 'rejected' | 'superseded';
    requestedAt: string;
    decidedAt: string | null;
    note: string | null;
  } | null;
};

export type Enrolment = {
  id: string;
  userId: string;
  source: 'live' | 'id_photo';
  status: 'active' | 'pending' | 'superseded' | 'rejected';
  createdAt: string;
  quality: QualityMeasures;
  comparedDistance: number | null;
  matchesCompared: boolean | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

export type ReenrolmentRequest = Enrolment & { userName: string };

export type LearnerFaces = {
  userId: string;
  name: string;
  live: Enrolment | null;
  idPhoto: Enrolment | null;
  pending: Enrolment | null;
};

export type AlertKind = 'same_face_other_account' | 'id_photo_mismatch' | 'different_face';

export type CheckEvidence = { count: number; checks: { id: string; distance: number; at: string; context: string }[] };

export type FaceAlert = {
  id: string;
  kind: AlertKind;
  enrolmentId: string;
  user: { id: string; name: string } | null;
  otherUser: { id: string; name: string } | null;
  otherAccount: boolean;
  distance: number;
  threshold: number;
  createdAt: string;
  evidence: CheckEvidence | null;
};
