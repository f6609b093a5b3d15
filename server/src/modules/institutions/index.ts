export { InstitutionsService, canSeeInstitution, findInstitution, institutionPermissions, type Institution } from './institutions.service.js';
