import type { ColumnType, Generated } from 'kysely';

// Subsidy claims (issue 17): an institution's claim for a class, one line per learner with the computed amount, its
// explanation and the policy versions it was computed under; the person-level ledger that makes the platform-wide
// limits hold (one lock row per person, trainings with a partial unique index, grants); payment batches.

/** A bigint money column: written as a number, read as whatever the driver answers (pg: a string). */
export type BigFen = ColumnType<number | string, number, number>;

/** submitted → returned (→ submitted again) → closed once no line is pending. */
export type ClaimStatus = 'submitted' | 'returned' | 'closed';

export interface SubsidyClaimsTable {
  id: string;
  class_id: string;
  institution_id: string;
  /** The class's region: decides the reviewing regulators. */
  region_code: string;
  occupation_code: string;
  level: number;
  /** Beijing year of the (first) submission: the year the grants count in. */
  year: number;
  status: ClaimStatus;
  /** The enterprise's actual training cost per person, as the institution declared it (cost share); fen. */
  enterprise_cost_fen: number | null;
  /** JSON: the policy version refs the amounts were computed under (the class's). */
  policy_refs: string;
  /** Sum of the lines' amounts at submission (fen; bigint: PostgreSQL answers a string, read it with Number()). */
  total_fen: BigFen;
  submitted_by: string;
  submitted_at: string;
  review_due_at: string;
  return_reason: string | null;
  returned_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  /** 1 when the institution was under credit restriction at submission: every line needs its own decision. */
  strict_review: Generated<number>;
}

/** ineligible (nothing payable, kept for the explanation) | pending → approved → paid | rejected; cancelled. */
export type LineStatus = 'ineligible' | 'pending' | 'approved' | 'rejected' | 'paid' | 'cancelled';

export interface SubsidyClaimLinesTable {
  id: string;
  claim_id: string;
  class_id: string;
  institution_id: string;
  region_code: string;
  user_id: string;
  /** HMAC lookup hash of the resident ID number (users.id_number_hash): the person across accounts and regions. */
  person_hash: string;
  learner_name: string;
  id_number_masked: string;
  amount_fen: number;
  trainee_fen: number;
  institution_fen: number;
  /** JSON: the evidence facts the amount was computed from. */
  evidence: string;
  /** JSON: the eligibility (lines and explanation items in zh-CN and English). */
  explanation: string;
  status: LineStatus;
  /** The regulator's reason for a rejection (or the reason of a cancellation). */
  reason: string | null;
  decided_by: string | null;
  decided_at: string | null;
  batch_id: string | null;
  voucher_no: string | null;
  paid_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per person who was ever claimed for: locked (no-op update) while a claim computes their limits. */
export interface SubsidyPersonsTable {
  person_hash: string;
  created_at: string;
}

/**
 * A subsidised training of a person (occupation and level, the class, the year). The unique index on
 * (person_hash, occupation_code, level) over active rows says "never twice for the same occupation and level" in the
 * database itself; a rejected or cancelled training is marked cancelled and no longer counts.
 */
export interface SubsidyTrainingsTable {
  id: string;
  person_hash: string;
  occupation_code: string;
  level: number;
  class_id: string;
  year: number;
  status: 'active' | 'cancelled';
  created_at: string;
  cancelled_at: string | null;
}

/** An amount granted to a person by one rule for one payee (reserved by a pending line, then approved, then paid). */
export interface SubsidyGrantsTable {
  id: string;
  line_id: string;
  training_id: string;
  person_hash: string;
  class_id: string;
  rule_id: string;
  kind: string;
  payee: 'trainee' | 'institution';
  stage: 'whole' | 'theory' | 'final';
  occupation_code: string;
  level: number;
  year: number;
  amount_fen: number;
  status: 'active' | 'cancelled';
  created_at: string;
}

/** Approved lines of a region subtree handed to the finance system as one Excel file, then marked paid. */
export interface SubsidyBatchesTable {
  id: string;
  region_code: string;
  status: 'open' | 'paid';
  line_count: number;
  total_fen: BigFen;
  voucher_no: string | null;
  created_by: string;
  created_at: string;
  paid_by: string | null;
  paid_at: string | null;
}

/** open → partly_recovered → recovered; open | partly_recovered → written_off. */
export type RecoveryStatus = 'open' | 'partly_recovered' | 'recovered' | 'written_off';

/**
 * Money already paid on a line that a confirmed fraud finding put in doubt, to be recovered from whoever the rules paid
 * it to (the learner's share or the institution's), by a due date counted in working days.
 */
export interface SubsidyRecoveryOrdersTable {
  id: string;
  line_id: string;
  claim_id: string;
  class_id: string;
  institution_id: string;
  region_code: string;
  /** The confirmed alert that opened it. */
  alert_id: string | null;
  payer: 'institution' | 'learner';
  learner_id: string;
  learner_name: string;
  amount_fen: number;
  recovered_fen: number;
  status: RecoveryStatus;
  /** Why it was opened (the finding's reason). */
  reason: string;
  due_at: string;
  /** When it was first found past its due date while still open (recorded once, with a credit event). */
  overdue_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface SubsidyRecoveryEventsTable {
  id: string;
  order_id: string;
  action: 'opened' | 'recovered' | 'written_off' | 'overdue';
  amount_fen: number;
  reason: string;
  actor_id: string | null;
  at: string;
}
