// Institutions and their registration: the server's contracts (server/src/modules/institutions/
// institutions.contract.ts), as types; what the pages send is declared here.
import type {
  ApiAnswer,
  InstitutionApplication as Application,
  InstitutionDocumentKind as DocumentKind,
  InstitutionStatus,
} from '@contracts';
export type {
  InstitutionStatus,
  InstitutionDocumentKind as DocumentKind,
  InstitutionAction,
  Institution as InstitutionSummary,
  InstitutionDocument,
  DocumentRequirement as Requirement,
  InstitutionApplication as Application,
} from '@contracts';
export type ReviewEntry = Application['reviews'][number];
export type Registered = ApiAnswer<'POST /institution-applications'>;
import type { InstitutionKind } from '../../api/types';

export type { InstitutionKind };
export const INSTITUTION_STATUSES: readonly InstitutionStatus[] = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'active',
  'suspended',
];
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'business_licence',
  'legal_person_certificate',
  'school_permit',
  'other',
];
export type Decision = 'approve' | 'return' | 'reject';
export type Oversight = 'suspend' | 'reinstate';

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
