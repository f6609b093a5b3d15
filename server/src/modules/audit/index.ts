// Front door of modules/audit (the append-only, hash-chained audit log); other modules import only from here.
export { auditRoutes } from './audit.routes.js';
export { AuditService } from './audit.service.js';
export { type AuditLogTable } from './audit.tables.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as auditContract from './audit.contract.js';
