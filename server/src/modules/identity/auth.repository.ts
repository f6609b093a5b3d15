import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { SessionEndReason, SessionsTable, VerificationCodesTable } from './identity.tables.js';

// The queries of sign-in (auth.service.ts): sessions and SMS verification codes. The users they touch are in
// users.repository.ts.

export type SessionRow = Selectable<SessionsTable>;
export type VerificationCodeRow = Selectable<VerificationCodesTable>;

// ---- sessions ------------------------------------------------------------------------------------------------------

export function findSession(db: DbOrTrx, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertSession(db: DbOrTrx, row: Insertable<SessionsTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A user's sessions not ended. */
export function openSessionsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'ip', 'device'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

/** Ends the sessions as replaced by a newer sign-in. */
export async function replaceSessions(
  db: DbOrTrx,
  ids: string[],
  newer: { id: string; createdAt: string },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('sessions')
    .set({ ended_at: newer.createdAt, ended_reason: 'replaced', replaced_by: newer.id })
    .where('id', 'in', ids)
    .execute();
}

/** Ends one session, or every open session of a user but one; sessions already ended keep their end. */
export async function endOpenSessions(
  db: DbOrTrx,
  which: { sessionId: string } | { userId: string; exceptSessionId?: string },
  reason: SessionEndReason,
  at: string,
): Promise<void> {
  let q = db.updateTable('sessions').set({ ended_at: at, ended_reason: reason }).where('ended_at', 'is', null);
  if ('sessionId' in which) q = q.where('id', '=', which.sessionId);
  else {
    q = q.where('user_id', '=', which.userId);
    if (which.exceptSessionId) q = q.where('id', '!=', which.exceptSessionId);
  }
  await q.execute();
}

export async function touchSession(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
}

// ---- verification codes --------------------------------------------------------------------------------------------

export async function insertVerificationCode(db: DbOrTrx, row: Insertable<VerificationCodesTable>): Promise<void> {
  await db.insertInto('verification_codes').values(row).execute();
}

/** The newest unconsumed code sent to the phone for the purpose. */
export function latestUnconsumedCode(
  db: DbOrTrx,
  phoneHash: string,
  purpose: VerificationCodeRow['purpose'],
): Promise<VerificationCodeRow | undefined> {
  return db
    .selectFrom('verification_codes')
    .selectAll()
    .where('phone_hash', '=', phoneHash)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function setCodeAttempts(db: DbOrTrx, id: string, attempts: number): Promise<void> {
  await db.updateTable('verification_codes').set({ attempts }).where('id', '=', id).execute();
}

export async function consumeCode(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('verification_codes').set({ consumed_at: at }).where('id', '=', id).execute();
}
