import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import type { CertificatesTable } from './certificates.tables.js';

// Queries of the certificates tables. Numbers are allocated from counters by conditional increments, so two issuing
// runs in the same region never hand out the same serial (the row lock of the update orders them on PostgreSQL).

export type CertificateRow = Selectable<CertificatesTable>;

/** Adds `by` to a counter (created at 0 when missing) and returns its new value. */
export async function bumpCounter(db: DbOrTrx, key: string, by: number): Promise<number> {
  await db
    .insertInto('certificate_counters')
    .values({ key, last: 0 })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  await db
    .updateTable('certificate_counters')
    .set((eb) => ({ last: eb('last', '+', by) }))
    .where('key', '=', key)
    .execute();
  const row = await db
    .selectFrom('certificate_counters')
    .select('last')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/** The institution's 4-digit code in a region: the one it has, or the next free one. */
export async function institutionCode(db: DbOrTrx, institutionId: string, regionCode: string): Promise<string> {
  const find = () =>
    db
      .selectFrom('certificate_institution_codes')
      .select('code')
      .where('institution_id', '=', institutionId)
      .where('region_code', '=', regionCode)
      .executeTakeFirst();
  const known = await find();
  if (known) return known.code;
  const next = await bumpCounter(db, `inst:${regionCode}`, 1);
  if (next > 9999) throw new Error(`region ${regionCode} has used every institution code`);
  await db
    .insertInto('certificate_institution_codes')
    .values({ institution_id: institutionId, region_code: regionCode, code: String(next).padStart(4, '0') })
    .onConflict((oc) => oc.columns(['institution_id', 'region_code']).doNothing())
    .execute();
  return (await find())!.code;
}

export function selectCertificates(db: DbOrTrx) {
  return db
    .selectFrom('certificates')
    .innerJoin('users', 'users.id', 'certificates.user_id')
    .innerJoin('classes', 'classes.id', 'certificates.class_id')
    .selectAll('certificates')
    .select(['users.name as learner_name', 'classes.name as class_name']);
}

export type CertificateListRow = CertificateRow & { learner_name: string; class_name: string };

/** The active live face enrolment of a learner (its photo goes on the certificate). */
export async function livePhotoEnrolment(
  db: DbOrTrx,
  userId: string,
): Promise<{ id: string; photo_key: string } | undefined> {
  return db
    .selectFrom('face_enrolments')
    .select(['id', 'photo_key'])
    .where('user_id', '=', userId)
    .where('source', '=', 'live')
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function photoKeyOf(db: DbOrTrx, enrolmentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('face_enrolments')
    .select('photo_key')
    .where('id', '=', enrolmentId)
    .executeTakeFirst();
  return row?.photo_key ?? null;
}

/** Marks a learner's valid certificate of a class as proposed for revocation (once); returns how many it marked. */
export async function markProposedForRevocation(
  db: DbOrTrx,
  input: { userId: string; classId: string; alertId: string; reason: string; at: string },
): Promise<number> {
  const result = await db
    .updateTable('certificates')
    .set({
      revocation_proposed_at: input.at,
      revocation_proposal_reason: input.reason,
      revocation_proposal_alert_id: input.alertId,
    })
    .where('user_id', '=', input.userId)
    .where('class_id', '=', input.classId)
    .where('status', '=', 'valid')
    .where('revocation_proposed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
