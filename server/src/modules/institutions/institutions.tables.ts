import type { Generated } from 'kysely';

export type InstitutionKind = 'training' | 'enterprise' | 'college';
/** draft → submitted → active | returned (→ submitted again) | rejected; active ⇄ suspended. */
export type InstitutionStatus = 'draft' | 'submitted' | 'returned' | 'rejected' | 'active' | 'suspended';
/** Qualification documents: 营业执照, 事业单位/民办非企业单位法人证书, 办学许可证, anything else the reviewer asked for. */
export type InstitutionDocumentKind = 'business_licence' | 'legal_person_certificate' | 'school_permit' | 'other';
export type InstitutionReviewAction = 'submitted' | 'approved' | 'returned' | 'rejected' | 'suspended' | 'reinstated';

export interface InstitutionsTable {
  id: string;
  name: string;
  kind: InstitutionKind;
  /** Unified social credit code (统一社会信用代码). */
  credit_code: string;
  region_code: string;
  status: InstitutionStatus;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
  // The application (null for institutions created before registration existed, e.g. the demo seed).
  address: string | null;
  legal_representative: string | null;
  contact_name: string | null;
  /** The contact's mobile, AES-GCM encrypted like users' phones; the masked copy is for display. */
  contact_phone_enc: string | null;
  contact_phone_masked: string | null;
  /** Business scope and the occupations the institution means to train for, in the applicant's words. */
  business_scope: string | null;
  submitted_at: string | null;
  /** Review deadline: working days after submission (policy reviewDeadlineWorkingDays). */
  review_due_at: string | null;
  decided_at: string | null;
  /** The reason of the last decision that changed the status (return, rejection, suspension, reinstatement). */
  status_reason: string | null;
  /** The administrator who registered the institution. */
  created_by: string | null;
}

export interface InstitutionDocumentsTable {
  id: string;
  institution_id: string;
  kind: InstitutionDocumentKind;
  blob_key: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
}

export interface InstitutionReviewsTable {
  id: string;
  institution_id: string;
  action: InstitutionReviewAction;
  comment: string;
  actor_id: string;
  at: string;
}

/** A training room the institution declares: its learners learning together from this address range is expected. */
export interface TrainingRoomsTable {
  id: string;
  institution_id: string;
  name: string;
  /** Canonical CIDR (network address/prefix, platform/cidr.ts). */
  cidr: string;
  /** Seats in the room: more of the institution's learners at once than this is flagged all the same. */
  seats: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** An event on an institution's credit record (信用记录): scored by credit-score.ts. */
export interface InstitutionCreditEventsTable {
  id: string;
  institution_id: string;
  region_code: string;
  kind: 'fraud_confirmed' | 'recovery_opened' | 'recovery_overdue' | 'false_materials';
  severity: 'minor' | 'major' | 'severe';
  /** What it is about: an alert, a recovery order, or the regulator's own record (false materials). */
  ref_type: 'alert' | 'recovery_order' | 'record';
  ref_id: string;
  reason: string;
  /** The regulator who recorded it (null: recorded by the platform as a consequence). */
  recorded_by: string | null;
  occurred_at: string;
}
