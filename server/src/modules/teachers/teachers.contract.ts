import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  Qualification as QualificationSource,
  TeacherWithQualifications as TeacherWithQualificationsSource,
} from './teachers.service.js';
import type { TeacherBan as TeacherBanSource } from './bans.service.js';

export const QualificationSchema = Type.Object({
  id: Type.String(),
  certificateKind: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  level: Type.Number(),
  certificateNo: Type.String(),
  validUntil: OrNull(Type.String()),
  status: StringEnum(['valid', 'disqualified']),
  createdAt: Type.String(),
  expired: Type.Boolean(),
  disqualifiedAt: OrNull(Type.String()),
  disqualifiedReason: OrNull(Type.String()),
  disqualifiedByName: OrNull(Type.String()),
});
export type Qualification = Static<typeof QualificationSchema>;

export const TeacherWithQualificationsSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  phoneMasked: Type.String(),
  status: Type.String(),
  institutionId: OrNull(Type.String()),
  institutionName: OrNull(Type.String()),
  regionCode: OrNull(Type.String()),
  qualifications: Type.Array(QualificationSchema),
});
export type TeacherWithQualifications = Static<typeof TeacherWithQualificationsSchema>;

export const TeacherBanSchema = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  teacherName: Type.String(),
  regionCode: OrNull(Type.String()),
  alertId: OrNull(Type.String()),
  status: StringEnum(['active', 'lifted']),
  reason: Type.String(),
  createdByName: OrNull(Type.String()),
  createdAt: Type.String(),
  liftedAt: OrNull(Type.String()),
  liftReason: OrNull(Type.String()),
  withdrawnQualifications: Type.Number(),
});
export type TeacherBan = Static<typeof TeacherBanSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const teachersResponses = {
  'GET /teachers': { 200: Type.Object({ items: Type.Array(TeacherWithQualificationsSchema), total: Type.Number() }) },
  'GET /teachers/:id/qualifications': { 200: Type.Object({ items: Type.Array(QualificationSchema) }) },
  'POST /teachers/:id/qualifications': { 201: Type.Object({ items: Type.Array(QualificationSchema) }) },
  'POST /teacher-qualifications/:id/disqualify': { 200: Type.Object({ ok: Type.Boolean() }) },
  'GET /teachers/:id/bans': { 200: Type.Object({ items: Type.Array(TeacherBanSchema) }) },
  'POST /teachers/:id/ban': { 201: TeacherBanSchema },
  'POST /teachers/:id/ban/lift': { 200: TeacherBanSchema },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type TeachersContractMatchesSources = [
  Check<SameShape<Qualification, QualificationSource>>,
  Check<SameShape<TeacherWithQualifications, TeacherWithQualificationsSource>>,
  Check<SameShape<TeacherBan, TeacherBanSource>>,
];
