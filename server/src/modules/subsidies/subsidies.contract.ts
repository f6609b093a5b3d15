import { Type, type Static } from 'typebox';
import { Binary, OrNull, StringEnum, XLSX, type Check, type SameShape } from '../../http/contract.js';
import { SUBSIDY_RULE_KINDS } from '../policies/index.js';
import type {
  ClaimDetail as ClaimDetailSource,
  ClaimLine as ClaimLineSource,
  ClaimPreview as ClaimPreviewSource,
  ClaimSummary as ClaimSummarySource,
  EvidenceSummary as EvidenceSummarySource,
  MySubsidy as MySubsidySource,
  PreviewLine as PreviewLineSource,
} from './claims.service.js';
import type { EligibilityLine as EligibilityLineSource } from './eligibility.js';
import { EXPLANATION_CODES, type Explanation as ExplanationSource } from './explanations.js';
import type { PaymentBatch as PaymentBatchSource } from './payments.service.js';

export const ExplanationSchema = Type.Object({
  code: StringEnum(EXPLANATION_CODES),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  zh: Type.String(),
  en: Type.String(),
});
export type Explanation = Static<typeof ExplanationSchema>;

export const EligibilityLineSchema = Type.Object({
  ruleId: Type.String(),
  kind: StringEnum(SUBSIDY_RULE_KINDS),
  payee: StringEnum(['trainee', 'institution']),
  stage: StringEnum(['whole', 'theory', 'final']),
  amountFen: Type.Integer(),
  explanation: Type.Array(ExplanationSchema),
});
export type EligibilityLine = Static<typeof EligibilityLineSchema>;

export const EvidenceSummarySchema = Type.Object({
  creditedHours: Type.Number(),
  onlineHours: Type.Number(),
  offlineHours: Type.Number(),
  theoryComplete: Type.Boolean(),
  trainingDays: Type.Integer(),
  examPassed: Type.Boolean(),
  trainingCertificate: OrNull(Type.String()),
  skillLevel: OrNull(Type.Integer()),
  openHolds: Type.Integer(),
  confirmedFindings: Type.Integer(),
});
export type EvidenceSummary = Static<typeof EvidenceSummarySchema>;

const previewLineProperties = {
  userId: Type.String(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  amountFen: Type.Integer(),
  traineeFen: Type.Integer(),
  institutionFen: Type.Integer(),
  evidence: EvidenceSummarySchema,
  blocked: Type.Array(ExplanationSchema),
  lines: Type.Array(EligibilityLineSchema),
};
export const PreviewLineSchema = Type.Object(previewLineProperties);
export type PreviewLine = Static<typeof PreviewLineSchema>;

export const LineStatusSchema = StringEnum(['ineligible', 'pending', 'approved', 'rejected', 'paid', 'cancelled']);
export const ClaimStatusSchema = StringEnum(['submitted', 'returned', 'closed']);

export const ClaimLineSchema = Type.Object({
  ...previewLineProperties,
  id: Type.String(),
  status: LineStatusSchema,
  reason: OrNull(Type.String()),
  decidedAt: OrNull(Type.String()),
  batchId: OrNull(Type.String()),
  voucherNo: OrNull(Type.String()),
  paidAt: OrNull(Type.String()),
});
export type ClaimLine = Static<typeof ClaimLineSchema>;

const RefSchema = Type.Object({ scope: Type.String(), version: Type.Number(), id: Type.String() });
const PolicyRefsSchema = Type.Object({ national: RefSchema, applied: Type.Array(RefSchema) });

export const ClaimPreviewSchema = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  policyRefs: PolicyRefsSchema,
  maxTrainingsPerYear: Type.Integer(),
  ruleCount: Type.Integer(),
  totalFen: Type.Integer(),
  lines: Type.Array(PreviewLineSchema),
});
export type ClaimPreview = Static<typeof ClaimPreviewSchema>;

const claimSummaryProperties = {
  id: Type.String(),
  classId: Type.String(),
  className: Type.String(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  regionCode: Type.String(),
  occupationCode: Type.String(),
  level: Type.Integer(),
  year: Type.Integer(),
  status: ClaimStatusSchema,
  totalFen: Type.Integer(),
  lineCount: Type.Integer(),
  pendingCount: Type.Integer(),
  submittedAt: Type.String(),
  reviewDueAt: Type.String(),
  overdue: Type.Boolean(),
  returnReason: OrNull(Type.String()),
  strictReview: Type.Boolean(),
};
export const ClaimSummarySchema = Type.Object(claimSummaryProperties);
export type ClaimSummary = Static<typeof ClaimSummarySchema>;

export const ClaimDetailSchema = Type.Object({
  ...claimSummaryProperties,
  policyRefs: PolicyRefsSchema,
  enterpriseCostFen: OrNull(Type.Integer()),
  lines: Type.Array(ClaimLineSchema),
});
export type ClaimDetail = Static<typeof ClaimDetailSchema>;

export const MySubsidySchema = Type.Object({
  id: Type.String(),
  claimId: Type.String(),
  className: Type.String(),
  institutionName: Type.String(),
  occupationCode: Type.String(),
  level: Type.Integer(),
  year: Type.Integer(),
  status: LineStatusSchema,
  amountFen: Type.Integer(),
  traineeFen: Type.Integer(),
  institutionFen: Type.Integer(),
  reason: OrNull(Type.String()),
  blocked: Type.Array(ExplanationSchema),
  lines: Type.Array(EligibilityLineSchema),
  submittedAt: Type.String(),
  decidedAt: OrNull(Type.String()),
  paidAt: OrNull(Type.String()),
  voucherNo: OrNull(Type.String()),
});
export type MySubsidy = Static<typeof MySubsidySchema>;

export const PaymentBatchSchema = Type.Object({
  id: Type.String(),
  regionCode: Type.String(),
  status: StringEnum(['open', 'paid']),
  lineCount: Type.Integer(),
  totalFen: Type.Integer(),
  voucherNo: OrNull(Type.String()),
  createdAt: Type.String(),
  paidAt: OrNull(Type.String()),
});
export type PaymentBatch = Static<typeof PaymentBatchSchema>;

const Claim = Type.Object({ claim: ClaimDetailSchema });
const Batch = Type.Object({ batch: PaymentBatchSchema });

/** What each route answers, by status (subsidies.routes.ts attaches these as `schema.response`). */
export const subsidiesResponses = {
  'GET /subsidies/classes/:classId/preview': { 200: Type.Object({ preview: ClaimPreviewSchema }) },
  'POST /subsidies/classes/:classId/claims': { 201: Claim },
  'GET /subsidies/claims': { 200: Type.Object({ claims: Type.Array(ClaimSummarySchema) }) },
  'GET /subsidies/claims/:id': { 200: Claim },
  'POST /subsidies/claims/:id/approve': { 200: Claim },
  'POST /subsidies/claims/:id/lines/:lineId/reject': { 200: Claim },
  'POST /subsidies/claims/:id/return': { 200: Claim },
  'POST /subsidies/claims/:id/resubmit': { 200: Claim },
  'GET /subsidies/mine': { 200: Type.Object({ subsidies: Type.Array(MySubsidySchema) }) },
  'GET /subsidies/batches': { 200: Type.Object({ batches: Type.Array(PaymentBatchSchema) }) },
  'POST /subsidies/batches': { 201: Batch },
  'GET /subsidies/batches/:id/export.xlsx': {
    200: Binary([XLSX], 'The payment batch workbook for the finance system'),
  },
  'POST /subsidies/batches/:id/paid': { 200: Batch },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type SubsidiesContractMatchesSources = [
  Check<SameShape<Explanation, ExplanationSource>>,
  Check<SameShape<EligibilityLine, EligibilityLineSource>>,
  Check<SameShape<EvidenceSummary, EvidenceSummarySource>>,
  Check<SameShape<PreviewLine, PreviewLineSource>>,
  Check<SameShape<ClaimLine, ClaimLineSource>>,
  Check<SameShape<ClaimPreview, ClaimPreviewSource>>,
  Check<SameShape<ClaimSummary, ClaimSummarySource>>,
  Check<SameShape<ClaimDetail, ClaimDetailSource>>,
  Check<SameShape<MySubsidy, MySubsidySource>>,
  Check<SameShape<PaymentBatch, PaymentBatchSource>>,
];
