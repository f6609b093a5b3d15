// Shapes of the teachers API (server/src/modules/teachers/teachers.service.ts).

export type CertificateKind = 'vocational_qualification' | 'skill_level' | 'special_ability' | 'other';
export const CERTIFICATE_KINDS: readonly CertificateKind[] = [
  'vocational_qualification',
  'skill_level',
  'special_ability',
  'other',
];

export type Qualification = {
  id: string;
  certificateKind: CertificateKind | string;
  occupationCode: string;
  occupationName: string;
  level: number;
  certificateNo: string;
  validUntil: string | null;
  status: 'valid' | 'disqualified';
  createdAt: string;
  /** Past its validity date: shown apart from valid ones even though nobody withdrew it. */
  expired: boolean;
  disqualifiedAt: string | null;
  disqualifiedReason: string | null;
  disqualifiedByName: string | null;
};

export type Teacher = {
  id: string;
  name: string;
  phoneMasked: string;
  status: string;
  institutionId: string | null;
  institutionName: string | null;
  regionCode: string | null;
  qualifications: Qualification[];
};

export type QualificationInput = {
  certificateKind: CertificateKind;
  occupationCode: string;
  level: number;
  certificateNo: string;
  validUntil: string | null;
};
