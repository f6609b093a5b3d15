import { Type, type Static } from 'typebox';
import {
  Binary,
  ErrorCodeSchema,
  NoContent,
  OrNull,
  StringEnum,
  XLSX,
  type Check,
  type SameShape,
} from '../../http/contract.js';
import { ClassStatusSchema, type EnrolmentStatus as EnrolmentStatusSource } from '../classes/index.js';
import { UserStatusSchema } from '../identity/index.js';
import type { RowIssue as RowIssueSource } from './enrolment-import.js';
import type {
  ImportMode as ImportModeSource,
  ImportReport as ImportReportSource,
  RosterEntry as RosterEntrySource,
} from './enrolment.service.js';

export const ImportModeSchema = StringEnum(['check', 'all', 'valid-only']);
export type ImportMode = Static<typeof ImportModeSchema>;

export const RowIssueSchema = Type.Object({
  row: Type.Number(),
  field: OrNull(StringEnum(['name', 'idNumber', 'phone'])),
  code: ErrorCodeSchema,
  messages: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type RowIssue = Static<typeof RowIssueSchema>;

export const ImportReportSchema = Type.Object({
  mode: ImportModeSchema,
  fileName: Type.String(),
  format: StringEnum(['xlsx', 'csv']),
  rows: Type.Number(),
  valid: Type.Number(),
  invalid: Type.Number(),
  errors: Type.Array(RowIssueSchema),
  warnings: Type.Array(RowIssueSchema),
  toEnrol: Type.Number(),
  toCreate: Type.Number(),
  capacity: Type.Object({ limit: Type.Number(), enrolled: Type.Number() }),
  imported: Type.Optional(Type.Number()),
  created: Type.Optional(Type.Number()),
});
export type ImportReport = Static<typeof ImportReportSchema>;

export const EnrolmentStatusSchema = StringEnum(['enrolled', 'withdrawn']);
export type EnrolmentStatus = Static<typeof EnrolmentStatusSchema>;

export const RosterEntrySchema = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
  gender: StringEnum(['male', 'female']),
  birthDate: Type.String(),
  accountStatus: UserStatusSchema,
  status: EnrolmentStatusSchema,
  source: StringEnum(['import', 'manual', 'self']),
  enrolledAt: Type.String(),
});
export type RosterEntry = Static<typeof RosterEntrySchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const enrolmentResponses = {
  'GET /classes/:id/enrolment-template.xlsx': { 200: Binary([XLSX], 'The enrolment template workbook') },
  'POST /classes/:id/enrolments/import': { 200: ImportReportSchema },
  'GET /classes/:id/enrolments': {
    200: Type.Object({
      items: Type.Array(RosterEntrySchema),
      total: Type.Number(),
      capacity: Type.Number(),
      classStatus: ClassStatusSchema,
    }),
  },
  'DELETE /classes/:id/enrolments/:userId': { 204: NoContent },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type EnrolmentContractMatchesSources = [
  Check<SameShape<ImportMode, ImportModeSource>>,
  Check<SameShape<RowIssue, RowIssueSource>>,
  Check<SameShape<ImportReport, ImportReportSource>>,
  Check<SameShape<EnrolmentStatus, EnrolmentStatusSource>>,
  Check<SameShape<RosterEntry, RosterEntrySource>>,
];
