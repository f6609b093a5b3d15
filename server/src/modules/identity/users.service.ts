import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import type { PiiCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { AuditService } from '../audit/index.js';
import { UNUSABLE_PASSWORD_HASH, type AuthService } from './auth.service.js';
import type { Role, UserStatus } from './identity.tables.js';
import { canManageUser, canSeeUser, identityPermissions } from './identity.policy.js';
import {
  findUserById,
  updateUser,
  userRowToUser,
  visibleUsersPage,
  type User,
  type UserRowWithNames,
  type UserSearch,
} from './users.repository.js';

export type UserListQuery = { role?: Role; q?: string; institutionId?: string; page: number; pageSize: number };

export class UsersService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      audit: AuditService;
      auth: AuthService;
    },
  ) {}

  /** Loads a user the actor may see; anything out of scope is "not found" so existence does not leak across tenants. */
  private async visibleUser(actor: Actor, id: string): Promise<UserRowWithNames> {
    const row = await findUserById(this.deps.db, id);
    if (!row || !canSeeUser(actor, row)) throw new AppError('NOT_FOUND');
    return row;
  }

  async get(actor: Actor, id: string): Promise<User> {
    if (id !== actor.userId) requirePermission(actor, identityPermissions['users.read']);
    return userRowToUser(await this.visibleUser(actor, id));
  }

  /** Names match by substring; a full phone number or ID number matches through its lookup hash. */
  private search(q: string): UserSearch {
    const { cipher } = this.deps;
    return {
      text: q,
      phoneHash: cipher.lookupHash('phone', q),
      idNumberHash: cipher.lookupHash('id', q.toUpperCase()),
    };
  }

  async list(actor: Actor, query: UserListQuery): Promise<{ items: User[]; total: number }> {
    requirePermission(actor, identityPermissions['users.read']);
    const { rows, total } = await visibleUsersPage(
      this.deps.db,
      actor,
      {
        role: query.role,
        institutionId: query.institutionId,
        search: query.q ? this.search(query.q.trim()) : undefined,
      },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    );
    return { items: rows.map(userRowToUser), total };
  }

  /** Unmasked ID number, only for roles that need it, always with a stated reason, always audited. */
  async revealIdNumber(actor: Actor, id: string, reason: string, meta: RequestMeta): Promise<string> {
    requirePermission(actor, identityPermissions['users.reveal_id_number']);
    const row = await this.visibleUser(actor, id);
    const idNumber = this.deps.cipher.decrypt(row.id_number_enc);
    await this.deps.audit.record(this.deps.db, {
      actor,
      action: 'pii.id_number_revealed',
      targetType: 'user',
      targetId: id,
      regionCode: row.region_code,
      institutionId: row.institution_id,
      meta,
      details: { reason },
    });
    return idNumber;
  }

  async setStatus(
    actor: Actor,
    id: string,
    input: { status: 'active' | 'disabled'; reason: string },
    meta: RequestMeta,
  ): Promise<User> {
    requirePermission(actor, identityPermissions['users.update_status']);
    const row = await this.visibleUser(actor, id);
    if (!canManageUser(actor, row)) throw new AppError('FORBIDDEN');
    // Enabling an account whose holder never set a password makes it invited again, not active: only the holder
    // activates it, through the SMS password reset.
    const status: UserStatus =
      input.status === 'active' && row.password_hash === UNUSABLE_PASSWORD_HASH ? 'invited' : input.status;
    await this.deps.db.transaction().execute(async (trx) => {
      await updateUser(trx, id, { status, updated_at: this.deps.clock.now().toISOString() });
      if (input.status === 'disabled') await this.deps.auth.endSessions(trx, { userId: id }, 'disabled');
      await this.deps.audit.record(trx, {
        actor,
        action: input.status === 'disabled' ? 'user.disabled' : 'user.enabled',
        targetType: 'user',
        targetId: id,
        regionCode: row.region_code,
        institutionId: row.institution_id,
        meta,
        details: { reason: input.reason, from: row.status },
      });
    });
    if (input.status === 'disabled') await this.deps.auth.loginsEnded(id);
    return userRowToUser((await findUserById(this.deps.db, id))!);
  }
}
