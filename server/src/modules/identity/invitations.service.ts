import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import { requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { newToken, sha256, type PiiCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { transition } from '../../platform/transition.js';
import { newId } from '../../platform/ids.js';
import { addDays } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import { findRegion } from '../regions/index.js';
import type { AuthService } from './auth.service.js';
import type { InstitutionLookup } from './institution-lookup.js';
import { identityPermissions } from './identity.policy.js';
import type { InvitationsTable, Role } from './identity.tables.js';
import { requireName, requirePhone } from './person.js';
import { maskPhone } from './phone.js';
import {
  findActorUser,
  findInvitationByTokenHash,
  findUserById,
  findUserByPhoneHash,
  insertInvitation,
  insertUser,
  userRowToUser,
  visibleInvitations,
  type User,
} from './users.repository.js';

export type Invitation = {
  id: string;
  role: Role;
  name: string;
  phoneMasked: string;
  regionCode: string | null;
  institutionId: string | null;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  expiresAt: string;
  createdAt: string;
};

type InvitationRow = Omit<InvitationsTable, 'phone_enc' | 'token_hash'>;

export function invitationRowToInvitation(row: InvitationRow, now: Date): Invitation {
  const expired = row.status === 'pending' && row.expires_at <= now.toISOString();
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    phoneMasked: row.phone_masked,
    regionCode: row.region_code,
    institutionId: row.institution_id,
    status: expired ? 'expired' : row.status,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
  };
}

export type InvitationInput = { role: Role; name: string; phone: string; regionCode?: string; institutionId?: string };

/**
 * Staff accounts come from the level above: operators invite operators and provincial regulators; a regulator invites
 * regulators of its direct sub-regions and administrators of institutions in its subtree; an institution administrator
 * invites its own teachers and administrators. Learners register themselves.
 */
export class InvitationsService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      cipher: PiiCipher;
      audit: AuditService;
      auth: AuthService;
      publicUrl: string;
      institutions: InstitutionLookup;
    },
  ) {}

  private async resolveScope(
    actor: Actor,
    input: InvitationInput,
  ): Promise<{ regionCode: string | null; institutionId: string | null }> {
    const { db } = this.deps;
    const refuse = () => new AppError('INVITATION_NOT_ALLOWED');
    if (input.role === 'regulator') {
      if (!input.regionCode) throw new AppError('VALIDATION_FAILED', { field: 'regionCode' });
      const region = await findRegion(db, input.regionCode);
      if (!region) throw new AppError('VALIDATION_FAILED', { field: 'regionCode' });
      const allowed =
        (actor.role === 'operator' && region.level === 'province') ||
        (actor.role === 'regulator' && region.parentCode === actor.regionCode);
      if (!allowed) throw refuse();
      return { regionCode: region.code, institutionId: null };
    }
    if (input.role === 'operator') {
      if (actor.role !== 'operator') throw refuse();
      return { regionCode: null, institutionId: null };
    }
    if (input.role === 'institution_admin' || input.role === 'teacher') {
      const institutionId = actor.role === 'institution_admin' ? actor.institutionId : input.institutionId;
      if (!institutionId) throw new AppError('VALIDATION_FAILED', { field: 'institutionId' });
      const institution = await this.deps.institutions.find(db, institutionId);
      if (!institution || !this.deps.institutions.canSee(actor, institution)) throw refuse();
      // Regulators and operators appoint an institution's administrators; teachers are the institution's own choice.
      if (input.role === 'teacher' && actor.role !== 'institution_admin') throw refuse();
      return { regionCode: institution.region_code, institutionId: institution.id };
    }
    throw refuse();
  }

  async create(
    actor: Actor,
    input: InvitationInput,
    meta: RequestMeta,
  ): Promise<{ invitation: Invitation; token: string; url: string }> {
    requirePermission(actor, identityPermissions['invitations.create']);
    const { db, clock, cipher, audit } = this.deps;
    await this.deps.institutions.requireActive(db, actor);
    const name = requireName(input.name);
    const phone = requirePhone(input.phone);
    const scope = await this.resolveScope(actor, input);
    const phoneHash = cipher.lookupHash('phone', phone);
    if (await findUserByPhoneHash(db, phoneHash)) throw new AppError('IDENTITY_PHONE_TAKEN', { field: 'phone' });
    const token = newToken();
    const now = clock.now();
    const row = {
      id: newId(),
      token_hash: sha256(token),
      role: input.role,
      name,
      phone_enc: cipher.encrypt(phone),
      phone_hash: phoneHash,
      phone_masked: maskPhone(phone),
      region_code: scope.regionCode,
      institution_id: scope.institutionId,
      invited_by: actor.userId,
      status: 'pending' as const,
      expires_at: addDays(now, 7).toISOString(),
      accepted_user_id: null,
      created_at: now.toISOString(),
    };
    await db.transaction().execute(async (trx) => {
      await insertInvitation(trx, row);
      await audit.record(trx, {
        actor,
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: row.id,
        regionCode: scope.regionCode,
        institutionId: scope.institutionId,
        meta,
        details: { role: input.role, name },
      });
    });
    return { invitation: invitationRowToInvitation(row, now), token, url: `${this.deps.publicUrl}/invite/${token}` };
  }

  async list(actor: Actor): Promise<Invitation[]> {
    requirePermission(actor, identityPermissions['invitations.read']);
    const now = this.deps.clock.now();
    return (await visibleInvitations(this.deps.db, actor, 200)).map((r) => invitationRowToInvitation(r, now));
  }

  private async pendingByToken(token: string) {
    const row = await findInvitationByTokenHash(this.deps.db, sha256(token));
    if (!row || row.status !== 'pending' || row.expires_at <= this.deps.clock.now().toISOString())
      throw new AppError('INVITATION_NOT_FOUND');
    return row;
  }

  /** What the invited person sees before accepting: no personal data beyond the masked phone. */
  async preview(token: string) {
    const row = await this.pendingByToken(token);
    const region = row.region_code ? await findRegion(this.deps.db, row.region_code) : undefined;
    const institution = row.institution_id
      ? await this.deps.institutions.find(this.deps.db, row.institution_id)
      : undefined;
    return {
      ...invitationRowToInvitation(row, this.deps.clock.now()),
      regionName: region?.name ?? null,
      institutionName: institution?.name ?? null,
    };
  }

  async accept(token: string, input: { idNumber: string; password: string }, meta: RequestMeta): Promise<User> {
    const { db, clock, cipher, audit, auth } = this.deps;
    const invitation = await this.pendingByToken(token);
    const phone = cipher.decrypt(invitation.phone_enc);
    const person = await auth.personColumns({
      name: invitation.name,
      idNumber: input.idNumber,
      phone,
      password: input.password,
    });
    const id = newId();
    const now = clock.now().toISOString();
    try {
      await db.transaction().execute(async (trx) => {
        await auth.assertPersonIsNew(trx, person.idNumber, person.phone);
        await insertUser(trx, {
          id,
          role: invitation.role,
          status: 'active',
          region_code: invitation.region_code,
          institution_id: invitation.institution_id,
          locked_until: null,
          created_at: now,
          updated_at: now,
          ...person.columns,
        });
        const inviter = await findActorUser(trx, invitation.invited_by);
        const scope = { regionCode: invitation.region_code, institutionId: invitation.institution_id };
        // Claimed from 'pending' only: a concurrent second acceptance fails (and rolls back its user).
        await transition(
          trx,
          {
            table: 'invitations',
            id: invitation.id,
            from: ['pending'],
            set: { status: 'accepted', accepted_user_id: id },
            conflict: () => new AppError('INVITATION_NOT_FOUND'),
          },
          {
            audit: async (t) => {
              await audit.record(t, {
                actor: { userId: id, role: invitation.role },
                action: 'invitation.accepted',
                targetType: 'invitation',
                targetId: invitation.id,
                ...scope,
                meta,
              });
              await audit.record(t, {
                actor: { userId: inviter.id, role: inviter.role },
                action: 'user.role_granted',
                targetType: 'user',
                targetId: id,
                ...scope,
                meta,
                details: { role: invitation.role, invitationId: invitation.id },
              });
            },
          },
        );
      });
    } catch (err) {
      throw auth.uniqueViolationToAppError(err);
    }
    return userRowToUser((await findUserById(db, id))!);
  }
}
