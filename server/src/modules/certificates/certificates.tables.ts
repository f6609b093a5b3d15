// Training certificates (培训合格证书) issued when a class closes, the reasons of learners who were refused one, the
// counters behind certificate numbers, and skill-level certificates (职业技能等级证书) recorded from evaluation
// organisations. See docs/certificates.md.

export type CertificateStatus = 'valid' | 'revoked';

export interface CertificatesTable {
  id: string;
  /** YX + region (6) + year (4) + institution (4) + serial (6) + check character: certificate-number.ts. */
  number: string;
  class_id: string;
  user_id: string;
  institution_id: string;
  /** The class's region: the number's region and the regulators' scope. */
  region_code: string;
  /** The signed facts (canonical JSON, signature.ts): what the public page and the PDF show. */
  payload: string;
  /** Base64url Ed25519 signature over `payload`. */
  signature: string;
  /** Which platform key signed it (signature.ts keyIdOf). */
  key_id: string;
  /** The face enrolment whose live photo the PDF carries; null when the learner had none. */
  photo_enrolment_id: string | null;
  issued_at: string;
  /** Beijing date of issue (YYYY-MM-DD), as in the payload. */
  issue_date: string;
  issued_by: string;
  status: CertificateStatus;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  /** Proposed for revocation (a confirmed fraud finding on the learner and class); the regulator decides. */
  revocation_proposed_at: string | null;
  revocation_proposal_reason: string | null;
  revocation_proposal_alert_id: string | null;
}

/** A learner of a closed class who was refused a certificate, with the reasons item by item (JSON). */
export interface CertificateRefusalsTable {
  id: string;
  class_id: string;
  user_id: string;
  /** JSON: EligibilityReason[] (eligibility.ts). */
  reasons: string;
  assessed_at: string;
}

/** Counters: institution codes per region (`inst:<region>`) and serials per region, year and institution. */
export interface CertificateCountersTable {
  key: string;
  last: number;
}

/** The 4-digit code of an institution within a region, allocated on its first certificate there. */
export interface CertificateInstitutionCodesTable {
  institution_id: string;
  region_code: string;
  code: string;
}

export type SkillCertificateSource = 'import' | 'api';

/** A skill-level certificate (职业技能等级证书) recorded from a recognised evaluation organisation. */
export interface SkillCertificatesTable {
  id: string;
  /** 22 characters: skill-number.ts. */
  number: string;
  /** Lookup hash of the holder's resident ID number (PiiCipher.lookupHash('id', …)), as users.id_number_hash. */
  id_number_hash: string;
  id_number_enc: string;
  id_number_masked: string;
  name: string;
  /** The platform account with that ID number, when there is one. */
  user_id: string | null;
  occupation_code: string;
  level: number;
  organisation: string;
  /** YYYY-MM-DD */
  issued_on: string;
  /** Scope: the region of whoever recorded it (a regulator's region; the province for the operator). */
  region_code: string;
  source: SkillCertificateSource;
  created_by: string;
  created_at: string;
}
