import { Type, type Static } from 'typebox';
import { NoContent, OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import { ClassStatusSchema } from '../classes/index.js';
import type {
  MyAttendanceSummary as MyAttendanceSummarySource,
  MyClassDetail as MyClassDetailSource,
  MyClassSummary as MyClassSummarySource,
  MySession as MySessionSource,
  OpenClass as OpenClassSource,
  Phase as PhaseSource,
} from './learner-classes.service.js';

export const PhaseSchema = StringEnum(['upcoming', 'ended', 'running']);
export type Phase = Static<typeof PhaseSchema>;

export const MyAttendanceSummarySchema = Type.Object({
  sessions: Type.Number(),
  attended: Type.Number(),
  minutes: Type.Number(),
  classHours: Type.Number(),
});
export type MyAttendanceSummary = Static<typeof MyAttendanceSummarySchema>;

export const MyClassSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  occupationNameEn: Type.String(),
  level: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ClassStatusSchema,
  phase: PhaseSchema,
  offlineHours: Type.Number(),
  learning: Type.Object({
    allowed: Type.Boolean(),
    reason: StringEnum(['ok', 'not_enrolled', 'not_approved', 'institution_suspended', 'outside_period']),
  }),
  source: StringEnum(['import', 'manual', 'self']),
  courseCount: Type.Number(),
  attendance: MyAttendanceSummarySchema,
});
export type MyClassSummary = Static<typeof MyClassSummarySchema>;

export const MySessionSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  venueName: Type.String(),
  address: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  attendance: OrNull(
    Type.Object({ checkInAt: Type.String(), checkOutAt: OrNull(Type.String()), minutes: Type.Number() }),
  ),
});
export type MySession = Static<typeof MySessionSchema>;

export const MyClassDetailSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  occupationNameEn: Type.String(),
  level: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ClassStatusSchema,
  phase: PhaseSchema,
  offlineHours: Type.Number(),
  learning: Type.Object({
    allowed: Type.Boolean(),
    reason: StringEnum(['ok', 'not_enrolled', 'not_approved', 'institution_suspended', 'outside_period']),
  }),
  source: StringEnum(['import', 'manual', 'self']),
  courseCount: Type.Number(),
  attendance: MyAttendanceSummarySchema,
  classHourMinutes: Type.Number(),
  radiusMeters: Type.Number(),
  theoryComplete: Type.Boolean(),
  withdrawable: Type.Boolean(),
  courses: Type.Array(
    Type.Object({ id: Type.String(), title: Type.String(), classHours: Type.Number(), lessons: Type.Number() }),
  ),
  sessions: Type.Array(MySessionSchema),
});
export type MyClassDetail = Static<typeof MyClassDetailSchema>;

export const OpenClassSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  occupationNameEn: Type.String(),
  level: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ClassStatusSchema,
  phase: PhaseSchema,
  offlineHours: Type.Number(),
  capacity: Type.Number(),
  enrolled: Type.Number(),
  placesLeft: Type.Number(),
  courseCount: Type.Number(),
  sessionCount: Type.Number(),
  mine: Type.Boolean(),
});
export type OpenClass = Static<typeof OpenClassSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const learnerClassesResponses = {
  'GET /my/classes': { 200: Type.Object({ items: Type.Array(MyClassSummarySchema) }) },
  'GET /my/classes/:id': { 200: Type.Object({ class: MyClassDetailSchema }) },
  'GET /open-classes': { 200: Type.Object({ items: Type.Array(OpenClassSchema) }) },
  'POST /open-classes/:id/enrol': { 201: Type.Object({ class: MyClassDetailSchema }) },
  'POST /open-classes/:id/withdraw': { 204: NoContent },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type LearnerClassesContractMatchesSources = [
  Check<SameShape<Phase, PhaseSource>>,
  Check<SameShape<MyAttendanceSummary, MyAttendanceSummarySource>>,
  Check<SameShape<MyClassSummary, MyClassSummarySource>>,
  Check<SameShape<MySession, MySessionSource>>,
  Check<SameShape<MyClassDetail, MyClassDetailSource>>,
  Check<SameShape<OpenClass, OpenClassSource>>,
];
