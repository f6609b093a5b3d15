export {
  InstitutionsService,
  canSeeInstitution,
  findInstitution,
  institutionPermissions,
  type Institution,
  type InstitutionApplication,
} from './institutions.service.js';
export { InstitutionRegistrationService } from './registration.service.js';
export { InstitutionReviewService } from './review.service.js';
export { InstitutionDocumentsService } from './documents.service.js';
export { requireActiveInstitution } from './institution-guard.js';
export { institutionsResponses } from './institutions.contract.js';
export { trainingRoomsResponses } from './training-rooms.contract.js';
