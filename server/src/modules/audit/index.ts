export { auditRoutes } from './audit.routes.js';
export { AuditService } from './audit.service.js';
export { type AuditLogTable } from './audit.tables.js';
