import { Type, type Static } from 'typebox';
import { Binary, ErrorCodeSchema, OrNull, StringEnum, XLSX, type Check, type SameShape } from '../../http/contract.js';
import type {
  Certificate as CertificateSource,
  CertificateCounts as CertificateCountsSource,
  CertificateRefusal as CertificateRefusalSource,
  ClassCertificates as ClassCertificatesSource,
  PublicVerification as PublicVerificationSource,
} from './certificates.service.js';
import type { EligibilityReason as EligibilityReasonSource } from './eligibility.js';
import type {
  SkillCertificate as SkillCertificateSource,
  SkillImportReport as SkillImportReportSource,
} from './skill-certificates.service.js';

export const CertificateStatusSchema = StringEnum(['valid', 'revoked']);

export const EligibilityReasonSchema = Type.Object({
  code: StringEnum([
    'hours_online',
    'hours_offline',
    'theory_not_passed',
    'practical_not_passed',
    'fraud_confirmed',
    'subsidy_hold',
  ]),
  zh: Type.String(),
  en: Type.String(),
});
export type EligibilityReason = Static<typeof EligibilityReasonSchema>;

export const CertificateSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  status: CertificateStatusSchema,
  classId: Type.String(),
  className: Type.String(),
  userId: Type.String(),
  learnerName: Type.String(),
  idNumberMasked: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  level: Type.Number(),
  onlineHours: Type.Number(),
  offlineHours: Type.Number(),
  totalHours: Type.Number(),
  institutionId: Type.String(),
  institutionName: Type.String(),
  issueDate: Type.String(),
  issuedAt: Type.String(),
  revokedAt: OrNull(Type.String()),
  revocationReason: OrNull(Type.String()),
  revocationProposal: OrNull(Type.Object({ at: Type.String(), reason: Type.String(), alertId: OrNull(Type.String()) })),
});
export type Certificate = Static<typeof CertificateSchema>;

export const CertificateRefusalSchema = Type.Object({
  userId: Type.String(),
  learnerName: Type.String(),
  idNumberMasked: Type.String(),
  reasons: Type.Array(EligibilityReasonSchema),
  assessedAt: Type.String(),
});
export type CertificateRefusal = Static<typeof CertificateRefusalSchema>;

export const ClassCertificatesSchema = Type.Object({
  classId: Type.String(),
  className: Type.String(),
  classStatus: Type.String(),
  issued: Type.Array(CertificateSchema),
  refused: Type.Array(CertificateRefusalSchema),
});
export type ClassCertificates = Static<typeof ClassCertificatesSchema>;

export const PublicVerificationSchema = Type.Object({
  number: Type.String(),
  status: CertificateStatusSchema,
  revokedOn: OrNull(Type.String()),
  name: Type.String(),
  idNumber: Type.String(),
  occupationCode: Type.String(),
  occupationName: Type.String(),
  level: Type.Number(),
  levelLabelZh: Type.String(),
  levelLabelEn: Type.String(),
  onlineHours: Type.Number(),
  offlineHours: Type.Number(),
  totalHours: Type.Number(),
  institution: Type.String(),
  issueDate: Type.String(),
  payload: Type.String(),
  signature: Type.String(),
  keyId: Type.String(),
  algorithm: StringEnum(['Ed25519']),
  signatureValid: Type.Boolean(),
});
export type PublicVerification = Static<typeof PublicVerificationSchema>;

export const CertificateKeySchema = Type.Object({
  algorithm: StringEnum(['Ed25519']),
  keyId: Type.String(),
  publicKeyPem: Type.String(),
});
export type CertificateKey = Static<typeof CertificateKeySchema>;

export const CertificateCountsSchema = Type.Object({
  valid: Type.Number(),
  revoked: Type.Number(),
  proposed: Type.Number(),
});
export type CertificateCounts = Static<typeof CertificateCountsSchema>;

export const SkillCertificateSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  kind: StringEnum(['Y', 'S']),
  name: Type.String(),
  idNumberMasked: Type.String(),
  userId: OrNull(Type.String()),
  occupationCode: Type.String(),
  occupationName: OrNull(Type.String()),
  level: Type.Number(),
  organisation: Type.String(),
  issuedOn: Type.String(),
  source: StringEnum(['import', 'api']),
  createdAt: Type.String(),
});
export type SkillCertificate = Static<typeof SkillCertificateSchema>;

export const SkillRowIssueSchema = Type.Object({
  row: Type.Number(),
  field: OrNull(StringEnum(['number', 'name', 'idNumber', 'occupationCode', 'organisation', 'issuedOn'])),
  code: ErrorCodeSchema,
  messages: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

export const SkillImportReportSchema = Type.Object({
  mode: StringEnum(['check', 'all', 'valid-only']),
  rows: Type.Number(),
  valid: Type.Number(),
  invalid: Type.Number(),
  errors: Type.Array(SkillRowIssueSchema),
  imported: Type.Number(),
});
export type SkillImportReport = Static<typeof SkillImportReportSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const certificatesResponses = {
  'GET /certificates': { 200: Type.Object({ items: Type.Array(CertificateSchema), total: Type.Number() }) },
  'GET /certificates/counts': { 200: CertificateCountsSchema },
  'GET /certificates/:id': { 200: Type.Object({ certificate: CertificateSchema }) },
  'GET /certificates/:id/pdf': { 200: Binary(['application/pdf'], 'The certificate as a PDF') },
  'POST /certificates/:id/revoke': { 200: Type.Object({ certificate: CertificateSchema }) },
  'GET /classes/:id/certificates': { 200: ClassCertificatesSchema },
  'POST /classes/:id/certificates/issue': { 200: ClassCertificatesSchema },
  'GET /public/verify/:number': { 200: PublicVerificationSchema },
  'GET /public/certificate-key': { 200: CertificateKeySchema },
  'GET /skill-certificates': { 200: Type.Object({ items: Type.Array(SkillCertificateSchema), total: Type.Number() }) },
  'POST /skill-certificates': { 201: Type.Object({ certificate: SkillCertificateSchema }) },
  'POST /skill-certificates/import': { 200: SkillImportReportSchema },
  'GET /skill-certificates/template.xlsx': { 200: Binary([XLSX], 'The import template') },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type CertificatesContractMatchesSources = [
  Check<SameShape<Certificate, CertificateSource>>,
  Check<SameShape<CertificateRefusal, CertificateRefusalSource>>,
  Check<SameShape<ClassCertificates, ClassCertificatesSource>>,
  Check<SameShape<PublicVerification, PublicVerificationSource>>,
  Check<SameShape<CertificateCounts, CertificateCountsSource>>,
  Check<SameShape<EligibilityReason, EligibilityReasonSource>>,
  Check<SameShape<SkillCertificate, SkillCertificateSource>>,
  Check<SameShape<SkillImportReport, SkillImportReportSource>>,
];
