import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { Role, UserStatus, UsersTable } from './identity.tables.js';

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
export function selectUsers(db: DbOrTrx) {
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
