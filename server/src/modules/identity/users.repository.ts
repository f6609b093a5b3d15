import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { containsText } from '../../adapters/db.js';
import type { Actor } from '../../platform/context.js';
import { invitationScope, userScope } from './identity.policy.js';
import type { InvitationsTable, Role, UserStatus, UsersTable } from './identity.tables.js';

export type UserRow = Selectable<UsersTable>;
export type UserRowWithNames = UserRow & { region_name: string | null; institution_name: string | null };

/** The API shape of a user: masked PII only, camelCase. */
export type User = {
  id: string;
  name: string;
  role: Role;
  status: UserStatus;
  phoneMasked: string;
  idNumberMasked: string;
  gender: 'male' | 'female';
  birthDate: string;
  regionCode: string | null;
  regionName: string | null;
  institutionId: string | null;
  institutionName: string | null;
  createdAt: string;
};

export function userRowToUser(row: UserRowWithNames): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.status,
    phoneMasked: row.phone_masked,
    idNumberMasked: row.id_number_masked,
    gender: row.gender,
    birthDate: row.birth_date,
    regionCode: row.region_code,
    regionName: row.region_name,
    institutionId: row.institution_id,
    institutionName: row.institution_name,
    createdAt: row.created_at,
  };
}

/** Users joined with the names of their region and institution, ready for `userRowToUser`. */
function selectUsers(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.code', 'users.region_code')
    .leftJoin('institutions', 'institutions.id', 'users.institution_id')
    .selectAll('users')
    .select(['regions.name as region_name', 'institutions.name as institution_name']);
}

export async function findUserById(db: DbOrTrx, id: string): Promise<UserRowWithNames | undefined> {
  return selectUsers(db).where('users.id', '=', id).executeTakeFirst();
}

export async function findUserByPhoneHash(db: DbOrTrx, phoneHash: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst();
}

export async function findUserByIdNumberHash(db: DbOrTrx, idHash: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id_number_hash', '=', idHash).executeTakeFirst();
}

/** Who a signed-in user is, for the acting identity of a request (no personal data). */
export function findActorUser(db: DbOrTrx, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'name', 'status', 'region_code', 'institution_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function insertUser(db: DbOrTrx, row: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: DbOrTrx, id: string, set: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

const notLockedAt = (now: string) => (eb: ExpressionBuilder<Database, 'users'>) =>
  eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]);

/**
 * Takes one of the account's password attempts in one atomic statement that also refuses an account locked at `now`:
 * the failed-attempt count including this one, or undefined while the account is locked.
 */
export async function takeLoginAttempt(db: DbOrTrx, userId: string, now: string): Promise<number | undefined> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
    .where('id', '=', userId)
    .where(notLockedAt(now))
    .returning(['failed_login_count'])
    .executeTakeFirst();
  return row?.failed_login_count;
}

/** Locks the account until `until` unless a lock is already in place at `now`; answers whether this call locked it. */
export async function lockUser(db: DbOrTrx, userId: string, until: string, now: string): Promise<boolean> {
  const locked = await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: until, updated_at: now })
    .where('id', '=', userId)
    .where(notLockedAt(now))
    .executeTakeFirst();
  return Number(locked.numUpdatedRows) > 0;
}

/** A search of users: a name by substring, or a full phone or ID number by its lookup hash. */
export type UserSearch = { text: string; phoneHash: string; idNumberHash: string };

/** One page of the users an actor may see (`userScope`), newest first, and how many match in all. */
export async function visibleUsersPage(
  db: DbOrTrx,
  actor: Actor,
  filter: { role?: Role; institutionId?: string; search?: UserSearch },
  page: { limit: number; offset: number },
): Promise<{ rows: UserRowWithNames[]; total: number }> {
  let qb = selectUsers(db).where((eb) => userScope.where(eb, actor));
  if (filter.role) qb = qb.where('users.role', '=', filter.role);
  if (filter.institutionId) qb = qb.where('users.institution_id', '=', filter.institutionId);
  const search = filter.search;
  if (search)
    qb = qb.where((eb) =>
      eb.or([
        containsText('users.name', search.text),
        eb('users.phone_hash', '=', search.phoneHash),
        eb('users.id_number_hash', '=', search.idNumberHash),
      ]),
    );
  const { total } = await qb
    .clearSelect()
    .select((eb) => eb.fn.countAll<string | number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await qb
    .orderBy('users.created_at', 'desc')
    .orderBy('users.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total) };
}

// ---- invitations ---------------------------------------------------------------------------------------------------

export async function insertInvitation(db: DbOrTrx, row: Insertable<InvitationsTable>): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

export function findInvitationByTokenHash(db: DbOrTrx, tokenHash: string) {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The invitations an actor may see (`invitationScope`), newest first; the token hash and the phone stay out. */
export function visibleInvitations(db: DbOrTrx, actor: Actor, limit: number) {
  return db
    .selectFrom('invitations')
    .select([
      'id',
      'role',
      'name',
      'phone_hash',
      'phone_masked',
      'region_code',
      'institution_id',
      'invited_by',
      'status',
      'expires_at',
      'accepted_user_id',
      'created_at',
    ])
    .where((eb) => invitationScope.where(eb, actor))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
