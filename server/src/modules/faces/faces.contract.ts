import { Type, type Static } from 'typebox';
import { Binary, OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type { CheckEvidence as CheckEvidenceSource } from './account-sharing.js';
import type { FaceAlert as FaceAlertSource } from './face-alerts.service.js';
import type {
  Enrolment as EnrolmentOfService,
  LearnerFaces as LearnerFacesSource,
  MyEnrolment as MyEnrolmentSource,
} from './faces.service.js';
import type {
  EnrolmentSource as EnrolmentSourceSource,
  EnrolmentStatus as EnrolmentStatusSource,
  FaceAlertKind as FaceAlertKindSource,
} from './faces.tables.js';
import type { QualityMeasures as QualityMeasuresSource } from './quality.js';

export const MyEnrolmentSchema = Type.Object({
  status: StringEnum(['none', 'active']),
  enrolledAt: OrNull(Type.String()),
  idPhotoOnFile: Type.Boolean(),
  request: OrNull(
    Type.Object({
      id: Type.String(),
      status: StringEnum(['rejected', 'active', 'pending', 'superseded']),
      requestedAt: Type.String(),
      decidedAt: OrNull(Type.String()),
      note: OrNull(Type.String()),
    }),
  ),
});
export type MyEnrolment = Static<typeof MyEnrolmentSchema>;

export const EnrolmentSourceSchema = StringEnum(['live', 'id_photo']);
export type EnrolmentSource = Static<typeof EnrolmentSourceSchema>;

export const EnrolmentStatusSchema = StringEnum(['rejected', 'active', 'pending', 'superseded']);
export type EnrolmentStatus = Static<typeof EnrolmentStatusSchema>;

export const QualityMeasuresSchema = Type.Object({
  faceShare: Type.Number(),
  score: Type.Number(),
  yaw: Type.Number(),
  pitch: Type.Number(),
  brightness: Type.Number(),
  sharpness: Type.Number(),
});
export type QualityMeasures = Static<typeof QualityMeasuresSchema>;

export const EnrolmentSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  source: EnrolmentSourceSchema,
  status: EnrolmentStatusSchema,
  createdAt: Type.String(),
  quality: QualityMeasuresSchema,
  comparedDistance: OrNull(Type.Number()),
  matchesCompared: OrNull(Type.Boolean()),
  reason: OrNull(Type.String()),
  decidedBy: OrNull(Type.String()),
  decidedAt: OrNull(Type.String()),
  decisionNote: OrNull(Type.String()),
});
export type Enrolment = Static<typeof EnrolmentSchema>;

export const LearnerFacesSchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  live: OrNull(EnrolmentSchema),
  idPhoto: OrNull(EnrolmentSchema),
  pending: OrNull(EnrolmentSchema),
});
export type LearnerFaces = Static<typeof LearnerFacesSchema>;

export const FaceAlertKindSchema = StringEnum(['same_face_other_account', 'id_photo_mismatch', 'different_face']);
export type FaceAlertKind = Static<typeof FaceAlertKindSchema>;

export const CheckEvidenceSchema = Type.Object({
  count: Type.Number(),
  checks: Type.Array(
    Type.Object({ id: Type.String(), distance: Type.Number(), at: Type.String(), context: Type.String() }),
  ),
});
export type CheckEvidence = Static<typeof CheckEvidenceSchema>;

export const FaceAlertSchema = Type.Object({
  id: Type.String(),
  kind: FaceAlertKindSchema,
  enrolmentId: Type.String(),
  user: OrNull(Type.Object({ id: Type.String(), name: Type.String() })),
  otherUser: OrNull(Type.Object({ id: Type.String(), name: Type.String() })),
  otherAccount: Type.Boolean(),
  distance: Type.Number(),
  threshold: Type.Number(),
  createdAt: Type.String(),
  evidence: OrNull(CheckEvidenceSchema),
});
export type FaceAlert = Static<typeof FaceAlertSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const facesResponses = {
  'GET /faces/enrolment': { 200: Type.Object({ enrolment: MyEnrolmentSchema }) },
  'POST /faces/enrolment': { 201: Type.Object({ enrolment: MyEnrolmentSchema }) },
  'POST /faces/re-enrolment': { 201: Type.Object({ enrolment: MyEnrolmentSchema }) },
  'GET /faces/re-enrolments': {
    200: Type.Object({
      requests: Type.Array(
        Type.Object({
          id: Type.String(),
          userId: Type.String(),
          source: EnrolmentSourceSchema,
          status: EnrolmentStatusSchema,
          createdAt: Type.String(),
          quality: QualityMeasuresSchema,
          comparedDistance: OrNull(Type.Number()),
          matchesCompared: OrNull(Type.Boolean()),
          reason: OrNull(Type.String()),
          decidedBy: OrNull(Type.String()),
          decidedAt: OrNull(Type.String()),
          decisionNote: OrNull(Type.String()),
          userName: Type.String(),
        }),
      ),
    }),
  },
  'POST /faces/re-enrolments/:id/approve': { 200: Type.Object({ faces: LearnerFacesSchema }) },
  'POST /faces/re-enrolments/:id/reject': { 200: Type.Object({ faces: LearnerFacesSchema }) },
  'GET /faces/users/:userId': { 200: Type.Object({ faces: LearnerFacesSchema }) },
  'POST /faces/users/:userId/id-photo': { 201: Type.Object({ faces: LearnerFacesSchema }) },
  'GET /faces/enrolments/:id/photo': { 200: Binary(['image/jpeg', 'image/png'], 'The enrolment photo') },
  'GET /faces/alerts': { 200: Type.Object({ alerts: Type.Array(FaceAlertSchema) }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type FacesContractMatchesSources = [
  Check<SameShape<MyEnrolment, MyEnrolmentSource>>,
  Check<SameShape<EnrolmentSource, EnrolmentSourceSource>>,
  Check<SameShape<EnrolmentStatus, EnrolmentStatusSource>>,
  Check<SameShape<QualityMeasures, QualityMeasuresSource>>,
  Check<SameShape<Enrolment, EnrolmentOfService>>,
  Check<SameShape<LearnerFaces, LearnerFacesSource>>,
  Check<SameShape<FaceAlertKind, FaceAlertKindSource>>,
  Check<SameShape<CheckEvidence, CheckEvidenceSource>>,
  Check<SameShape<FaceAlert, FaceAlertSource>>,
];
