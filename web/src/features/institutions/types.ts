// Institutions and their registration, as docs/api.md describes them.
import type { InstitutionKind, User } from '../../api/types';

export type { InstitutionKind };
export type InstitutionStatus = 'draft' | 'submitted' | 'returned' | 'rejected' | 'active' | 'suspended';
export const INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'active',
  'suspended',
];
export type DocumentKind = 'business_licence' | 'legal_person_certificate' | 'school_permit' | 'other';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'business_licence',
  'legal_person_certificate',
  'school_permit',
  'other',
];
export type InstitutionAction = 'edit' | 'submit' | 'approve' | 'return' | 'reject' | 'suspend' | 'reinstate';
export type Decision = 'approve' | 'return' | 'reject';
export type Oversight = 'suspend' | 'reinstate';

export type InstitutionSummary = {
  id: string;
  name: string;
  kind: InstitutionKind;
  creditCode: string;
  regionCode: string;
  regionName: string | null;
  status: InstitutionStatus;
  createdAt: string;
  submittedAt: string | null;
  reviewDueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  statusReason: string | null;
};

export type InstitutionDocument = {
  id: string;
  kind: DocumentKind;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: string;
  url: string;
};
export type Requirement = {
  key: 'registration' | 'business_licence' | 'legal_person_certificate' | 'school_permit';
  kinds: DocumentKind[];
  satisfied: boolean;
};
export type ReviewEntry = {
  action: 'submitted' | 'approved' | 'returned' | 'rejected' | 'suspended' | 'reinstated';
  comment: string;
  actorName: string;
  at: string;
};

export type Application = InstitutionSummary & {
  address: string | null;
  legalRepresentative: string | null;
  contactName: string | null;
  contactPhoneMasked: string | null;
  businessScope: string | null;
  documents: InstitutionDocument[];
  requirements: Requirement[];
  reviews: ReviewEntry[];
  actions: InstitutionAction[];
};

export type InstitutionFields = {
  name: string;
  kind: InstitutionKind;
  creditCode: string;
  regionCode: string;
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  businessScope: string;
};
export type AdminFields = { name: string; idNumber: string; phone: string; password: string };
export type Registered = { institution: InstitutionSummary; user: User };
