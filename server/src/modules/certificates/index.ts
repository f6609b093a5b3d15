// Front door of modules/certificates (training certificates issued when a class closes, signed and publicly verifiable, revocation; skill-level certificates); other modules import only from here.
export { type AssessmentOutcome, type AssessmentResults, noAssessmentResults } from './assessment-results.js';
export { certificateFacts } from './certificate-facts.js';
export { certificateRoutes } from './certificates.routes.js';
export { CertificatesService, proposeRevocationForFraud } from './certificates.service.js';
export {
  type CertificateCountersTable,
  type CertificateInstitutionCodesTable,
  type CertificateRefusalsTable,
  type CertificatesTable,
  type SkillCertificatesTable,
} from './certificates.tables.js';
export { alertFraudFindings, type FraudFindings, noSubsidyHolds, type SubsidyHolds } from './holds-and-findings.js';
export { signingKeyFrom, type SigningKey } from './signature.js';
export { SkillCertificatesService } from './skill-certificates.service.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as certificatesContract from './certificates.contract.js';
