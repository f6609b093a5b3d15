import type { Role } from './context.js';
import { AppError } from './errors.js';
import type { Actor } from './context.js';

/**
 * Each module declares its permissions as `name -> roles allowed`. Services call `requirePermission` first and then
 * check tenant scope (institution or region subtree) on the data itself.
 */
export type PermissionTable = Record<string, readonly Role[]>;

const registry = new Map<string, readonly Role[]>();

export function declarePermissions<T extends PermissionTable>(table: T): { [K in keyof T]: K } {
  for (const [name, roles] of Object.entries(table)) registry.set(name, roles);
  return Object.fromEntries(Object.keys(table).map((k) => [k, k])) as { [K in keyof T]: K };
}

export function hasPermission(actor: Pick<Actor, 'role'>, permission: string): boolean {
  const roles = registry.get(permission);
  if (!roles) throw new Error(`Undeclared permission: ${permission}`);
  return roles.includes(actor.role);
}

export function requirePermission(actor: Actor, permission: string): void {
  if (!hasPermission(actor, permission)) throw new AppError('FORBIDDEN');
}

/** Permissions an actor holds, for the web app to decide what to show (the server still checks every call). */
export function permissionsOf(actor: Pick<Actor, 'role'>): string[] {
  return [...registry.entries()]
    .filter(([, roles]) => roles.includes(actor.role))
    .map(([name]) => name)
    .sort();
}
