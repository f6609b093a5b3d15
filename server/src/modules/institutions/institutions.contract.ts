import { Type, type Static } from 'typebox';
import { Binary, NoContent, OrNull, StringEnum, type Check, type SameShape } from '../../http/contract.js';
import { UserSchema } from '../identity/index.js';
import type { InstitutionAction as InstitutionActionSource } from './institution-state.js';
import type {
  Institution as InstitutionSource,
  InstitutionApplication as InstitutionApplicationSource,
  InstitutionDocument as InstitutionDocumentSource,
} from './institutions.repository.js';
import type {
  InstitutionDocumentKind as InstitutionDocumentKindSource,
  InstitutionKind as InstitutionKindSource,
  InstitutionReviewAction as InstitutionReviewActionSource,
  InstitutionStatus as InstitutionStatusSource,
} from './institutions.tables.js';
import type { DocumentRequirement as DocumentRequirementSource } from './required-documents.js';

export const InstitutionKindSchema = StringEnum(['training', 'enterprise', 'college']);
export type InstitutionKind = Static<typeof InstitutionKindSchema>;

export const InstitutionStatusSchema = StringEnum([
  'draft',
  'submitted',
  'returned',
  'rejected',
  'active',
  'suspended',
]);
export type InstitutionStatus = Static<typeof InstitutionStatusSchema>;

export const InstitutionSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: InstitutionKindSchema,
  creditCode: Type.String(),
  regionCode: Type.String(),
  regionName: OrNull(Type.String()),
  status: InstitutionStatusSchema,
  createdAt: Type.String(),
  submittedAt: OrNull(Type.String()),
  reviewDueAt: OrNull(Type.String()),
  overdue: Type.Boolean(),
  decidedAt: OrNull(Type.String()),
  statusReason: OrNull(Type.String()),
});
export type Institution = Static<typeof InstitutionSchema>;

export const InstitutionDocumentKindSchema = StringEnum([
  'other',
  'business_licence',
  'legal_person_certificate',
  'school_permit',
]);
export type InstitutionDocumentKind = Static<typeof InstitutionDocumentKindSchema>;

export const InstitutionDocumentSchema = Type.Object({
  id: Type.String(),
  kind: InstitutionDocumentKindSchema,
  fileName: Type.String(),
  mime: Type.String(),
  size: Type.Number(),
  sha256: Type.String(),
  createdAt: Type.String(),
  url: Type.String(),
});
export type InstitutionDocument = Static<typeof InstitutionDocumentSchema>;

export const DocumentRequirementSchema = Type.Object({
  key: StringEnum(['business_licence', 'legal_person_certificate', 'school_permit', 'registration']),
  kinds: Type.Array(InstitutionDocumentKindSchema),
  satisfied: Type.Boolean(),
});
export type DocumentRequirement = Static<typeof DocumentRequirementSchema>;

export const InstitutionReviewActionSchema = StringEnum([
  'submitted',
  'returned',
  'rejected',
  'approved',
  'suspended',
  'reinstated',
]);
export type InstitutionReviewAction = Static<typeof InstitutionReviewActionSchema>;

export const InstitutionActionSchema = StringEnum([
  'approve',
  'return',
  'reject',
  'suspend',
  'reinstate',
  'edit',
  'submit',
]);
export type InstitutionAction = Static<typeof InstitutionActionSchema>;

export const InstitutionApplicationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: InstitutionKindSchema,
  creditCode: Type.String(),
  regionCode: Type.String(),
  regionName: OrNull(Type.String()),
  status: InstitutionStatusSchema,
  createdAt: Type.String(),
  submittedAt: OrNull(Type.String()),
  reviewDueAt: OrNull(Type.String()),
  overdue: Type.Boolean(),
  decidedAt: OrNull(Type.String()),
  statusReason: OrNull(Type.String()),
  address: OrNull(Type.String()),
  legalRepresentative: OrNull(Type.String()),
  contactName: OrNull(Type.String()),
  contactPhoneMasked: OrNull(Type.String()),
  businessScope: OrNull(Type.String()),
  documents: Type.Array(InstitutionDocumentSchema),
  requirements: Type.Array(DocumentRequirementSchema),
  reviews: Type.Array(
    Type.Object({
      action: InstitutionReviewActionSchema,
      comment: Type.String(),
      actorName: Type.String(),
      at: Type.String(),
    }),
  ),
  actions: Type.Array(InstitutionActionSchema),
});
export type InstitutionApplication = Static<typeof InstitutionApplicationSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const institutionsResponses = {
  'POST /institution-applications': { 201: Type.Object({ institution: InstitutionSchema, user: UserSchema }) },
  'GET /institutions': { 200: Type.Object({ items: Type.Array(InstitutionSchema) }) },
  'GET /institutions/review-queue': { 200: Type.Object({ items: Type.Array(InstitutionSchema) }) },
  'GET /institutions/:id': { 200: Type.Object({ institution: InstitutionSchema }) },
  'GET /institutions/:id/application': { 200: Type.Object({ application: InstitutionApplicationSchema }) },
  'PUT /institutions/:id/application': { 200: Type.Object({ application: InstitutionApplicationSchema }) },
  'POST /institutions/:id/submit': { 200: Type.Object({ application: InstitutionApplicationSchema }) },
  'POST /institutions/:id/{decision}': { 200: Type.Object({ application: InstitutionApplicationSchema }) },
  'POST /institutions/:id/{action}': { 200: Type.Object({ application: InstitutionApplicationSchema }) },
  'POST /institutions/:id/documents': { 201: Type.Object({ document: InstitutionDocumentSchema }) },
  'GET /institutions/:id/documents/:documentId/file': {
    200: Binary(
      ['application/pdf', 'image/jpeg', 'image/png'],
      'The uploaded document, with the type it was stored as',
    ),
  },
  'DELETE /institutions/:id/documents/:documentId': { 204: NoContent },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type InstitutionsContractMatchesSources = [
  Check<SameShape<InstitutionKind, InstitutionKindSource>>,
  Check<SameShape<InstitutionStatus, InstitutionStatusSource>>,
  Check<SameShape<Institution, InstitutionSource>>,
  Check<SameShape<InstitutionDocumentKind, InstitutionDocumentKindSource>>,
  Check<SameShape<InstitutionDocument, InstitutionDocumentSource>>,
  Check<SameShape<DocumentRequirement, DocumentRequirementSource>>,
  Check<SameShape<InstitutionReviewAction, InstitutionReviewActionSource>>,
  Check<SameShape<InstitutionAction, InstitutionActionSource>>,
  Check<SameShape<InstitutionApplication, InstitutionApplicationSource>>,
];
