// Shapes of the teachers API: the server's contracts (server/src/modules/teachers/teachers.contract.ts), as types.
export type { Qualification, TeacherWithQualifications as Teacher } from '@contracts';

export type CertificateKind = 'vocational_qualification' | 'skill_level' | 'special_ability' | 'other';
export const CERTIFICATE_KINDS: readonly CertificateKind[] = [
  'vocational_qualification',
  'skill_level',
  'special_ability',
  'other',
];

export type QualificationInput = {
  certificateKind: CertificateKind;
  occupationCode: string;
  level: number;
  certificateNo: string;
  validUntil: string | null;
};
