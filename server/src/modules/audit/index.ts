// Front door of modules/audit (the append-only, hash-chained audit log); other modules import only from here.
export { auditRoutes } from './audit.routes.js';
export { AuditService } from './audit.service.js';
export { type AuditLogTable } from './audit.tables.js';
