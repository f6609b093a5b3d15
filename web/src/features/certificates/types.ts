// Shapes of the certificates API: the server's contracts (server/src/modules/certificates/certificates.contract.ts).
export type {
  Certificate,
  CertificateCounts,
  CertificateKey,
  CertificateRefusal,
  ClassCertificates,
  EligibilityReason,
  PublicVerification,
  SkillCertificate,
} from '@contracts';
