import { Type, type Static } from 'typebox';
import { OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type {
  ChangeDecision as ChangeDecisionSource,
  ChangePeople as ChangePeopleSource,
  ChangeSession as ChangeSessionSource,
  ClassChange as ClassChangeSource,
  ClassChangeInput as ClassChangeInputSource,
} from './class-changes.js';
import type { ClassAction as ClassActionSource } from './class-state.js';
import type { ClassDetail as ClassDetailSource, ClassSummary as ClassSummarySource } from './classes.service.js';
import type { ClassStatus as ClassStatusSource } from './classes.tables.js';
import type { PrecheckItem as PrecheckItemSource, PrecheckKey as PrecheckKeySource } from './prechecks.js';

export const ClassStatusSchema = StringEnum(['draft', 'submitted', 'returned', 'rejected', 'approved', 'closed']);
export type ClassStatus = Static<typeof ClassStatusSchema>;

export const ClassSummarySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  level: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ClassStatusSchema,
  submittedAt: OrNull(Type.String()),
  reviewDueAt: OrNull(Type.String()),
  overdue: Type.Boolean(),
  learnerCount: Type.Number(),
});
export type ClassSummary = Static<typeof ClassSummarySchema>;

export const PrecheckKeySchema = StringEnum([
  'institution_credit',
  'courses',
  'teachers',
  'dates',
  'hours',
  'online_share',
  'general_modules',
  'offline_sessions',
  'learners',
  'no_overlap',
]);
export type PrecheckKey = Static<typeof PrecheckKeySchema>;

export const PrecheckItemSchema = Type.Object({
  key: PrecheckKeySchema,
  passed: Type.Boolean(),
  reason: Type.String(),
  figures: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type PrecheckItem = Static<typeof PrecheckItemSchema>;

export const ClassActionSchema = StringEnum([
  'close',
  'approve',
  'return',
  'reject',
  'edit',
  'submit',
  'propose_change',
]);
export type ClassAction = Static<typeof ClassActionSchema>;

export const ClassDetailSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  level: Type.Number(),
  startDate: Type.String(),
  endDate: Type.String(),
  status: ClassStatusSchema,
  submittedAt: OrNull(Type.String()),
  reviewDueAt: OrNull(Type.String()),
  overdue: Type.Boolean(),
  learnerCount: Type.Number(),
  offlineHours: Type.Number(),
  assessmentPlan: Type.String(),
  selfEnrol: Type.Boolean(),
  capacity: Type.Number(),
  policyRefs: Type.Optional(Type.Unknown()),
  courses: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      classHours: Type.Number(),
      generalModuleCode: OrNull(Type.String()),
    }),
  ),
  teachers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  sessions: Type.Array(
    Type.Object({
      title: Type.String(),
      venueName: Type.String(),
      address: Type.String(),
      latitude: Type.Number(),
      longitude: Type.Number(),
      startsAt: Type.String(),
      endsAt: Type.String(),
      id: Type.String(),
    }),
  ),
  prechecks: Type.Array(PrecheckItemSchema),
  actions: Type.Array(ClassActionSchema),
  reviews: Type.Array(
    Type.Object({ action: Type.String(), comment: Type.String(), actorName: Type.String(), at: Type.String() }),
  ),
});
export type ClassDetail = Static<typeof ClassDetailSchema>;

export const ChangeSessionSchema = Type.Object({
  title: Type.String(),
  venueName: Type.String(),
  address: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  startsAt: Type.String(),
  endsAt: Type.String(),
});
export type ChangeSession = Static<typeof ChangeSessionSchema>;

export const ClassChangeInputSchema = Type.Union([
  Type.Object({ kind: Type.Literal('teachers'), teacherIds: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('sessions'), sessions: Type.Array(ChangeSessionSchema) }),
  Type.Object({ kind: Type.Literal('dates'), startDate: Type.String(), endDate: Type.String() }),
  Type.Object({ kind: Type.Literal('roster'), add: Type.Array(Type.String()), remove: Type.Array(Type.String()) }),
]);
export type ClassChangeInput = Static<typeof ClassChangeInputSchema>;

export const ChangePeopleSchema = Type.Record(
  Type.String(),
  Type.Object({ name: Type.String(), idNumberMasked: Type.String() }),
);
export type ChangePeople = Static<typeof ChangePeopleSchema>;

export const ChangeDecisionSchema = Type.Object({
  comment: Type.String(),
  actorName: Type.String(),
  at: Type.String(),
});
export type ChangeDecision = Static<typeof ChangeDecisionSchema>;

export const ClassChangeSchema = Type.Object({
  id: Type.String(),
  classId: Type.String(),
  kind: StringEnum(['sessions', 'teachers', 'dates', 'roster']),
  change: ClassChangeInputSchema,
  before: Type.Union([
    Type.Object({ kind: Type.Literal('teachers'), teacherIds: Type.Array(Type.String()) }),
    Type.Object({ kind: Type.Literal('sessions'), sessions: Type.Array(ChangeSessionSchema) }),
    Type.Object({ kind: Type.Literal('dates'), startDate: Type.String(), endDate: Type.String() }),
    Type.Object({ kind: Type.Literal('roster'), learnerCount: Type.Number() }),
    Type.Null(),
  ]),
  people: ChangePeopleSchema,
  reason: Type.String(),
  status: Type.String(),
  submittedAt: Type.String(),
  reviewDueAt: Type.String(),
  overdue: Type.Boolean(),
  decidedAt: OrNull(Type.String()),
  decision: OrNull(ChangeDecisionSchema),
});
export type ClassChange = Static<typeof ClassChangeSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const classesResponses = {
  'GET /classes': { 200: Type.Object({ items: Type.Array(ClassSummarySchema) }) },
  'GET /classes/review-queue': { 200: Type.Object({ items: Type.Array(ClassSummarySchema) }) },
  'POST /classes': { 201: Type.Object({ class: ClassDetailSchema }) },
  'GET /classes/:id': { 200: Type.Object({ class: ClassDetailSchema }) },
  'PUT /classes/:id': { 200: Type.Object({ class: ClassDetailSchema }) },
  'GET /classes/:id/prechecks': { 200: Type.Object({ items: Type.Array(PrecheckItemSchema) }) },
  'POST /classes/:id/submit': { 200: Type.Object({ class: ClassDetailSchema }) },
  'POST /classes/:id/{decision}': { 200: Type.Object({ class: ClassDetailSchema }) },
  'GET /classes/:id/changes': { 200: Type.Object({ items: Type.Array(ClassChangeSchema) }) },
  'POST /classes/:id/changes': { 201: Type.Object({ change: ClassChangeSchema }) },
  'GET /class-changes/review-queue': {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          id: Type.String(),
          classId: Type.String(),
          kind: StringEnum(['sessions', 'teachers', 'dates', 'roster']),
          change: ClassChangeInputSchema,
          before: Type.Union([
            Type.Object({ kind: Type.Literal('teachers'), teacherIds: Type.Array(Type.String()) }),
            Type.Object({ kind: Type.Literal('sessions'), sessions: Type.Array(ChangeSessionSchema) }),
            Type.Object({ kind: Type.Literal('dates'), startDate: Type.String(), endDate: Type.String() }),
            Type.Object({ kind: Type.Literal('roster'), learnerCount: Type.Number() }),
            Type.Null(),
          ]),
          people: ChangePeopleSchema,
          reason: Type.String(),
          status: Type.String(),
          submittedAt: Type.String(),
          reviewDueAt: Type.String(),
          overdue: Type.Boolean(),
          decidedAt: OrNull(Type.String()),
          decision: OrNull(ChangeDecisionSchema),
          className: Type.String(),
          institutionName: Type.String(),
        }),
      ),
    }),
  },
  'POST /class-changes/:id/{decision}': { 200: Type.Object({ change: ClassChangeSchema }) },
  'POST /classes/:id/close': { 200: Type.Object({ class: ClassDetailSchema }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type ClassesContractMatchesSources = [
  Check<SameShape<ClassStatus, ClassStatusSource>>,
  Check<SameShape<ClassSummary, ClassSummarySource>>,
  Check<SameShape<PrecheckKey, PrecheckKeySource>>,
  Check<SameShape<PrecheckItem, PrecheckItemSource>>,
  Check<SameShape<ClassAction, ClassActionSource>>,
  Check<SameShape<ClassDetail, ClassDetailSource>>,
  Check<SameShape<ChangeSession, ChangeSessionSource>>,
  Check<SameShape<ClassChangeInput, ClassChangeInputSource>>,
  Check<SameShape<ChangePeople, ChangePeopleSource>>,
  Check<SameShape<ChangeDecision, ChangeDecisionSource>>,
  Check<SameShape<ClassChange, ClassChangeSource>>,
];
