import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../database/schema.js';
import { beijingDate } from '../../platform/time.js';
import type { SubsidyRuleKind } from '../policies/index.js';
import type { EarlierGrant, EligibilityLine, Payee, Stage } from './eligibility.js';
import type { SubsidyClaimLinesTable, SubsidyClaimsTable } from './subsidies.tables.js';

// Queries of the subsidies module. The ledger functions (lockPerson, activeGrantsOf, the inserts) run on the claim's
// transaction: the lock makes the person's grants a consistent read until the transaction ends.

export type ClaimRow = Selectable<SubsidyClaimsTable>;
export type LineRow = Selectable<SubsidyClaimLinesTable>;

export function findClass(db: DbOrTrx, classId: string) {
  return db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirst();
}

/** Enrolled learners of a class with the person key (the HMAC lookup hash of the resident ID number). */
export function enrolledPersons(db: DbOrTrx, classId: string) {
  return db
    .selectFrom('enrolments')
    .innerJoin('users', 'users.id', 'enrolments.user_id')
    .select(['users.id', 'users.name', 'users.id_number_hash', 'users.id_number_masked'])
    .where('enrolments.class_id', '=', classId)
    .where('enrolments.status', '=', 'enrolled')
    .orderBy('users.id_number_hash')
    .execute();
}

/** Distinct Beijing days on which each learner attended offline training (a check-out with minutes). */
export async function trainingDaysOf(db: DbOrTrx, classId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('attendance')
    .select(['user_id', 'check_in_at'])
    .where('class_id', '=', classId)
    .where('minutes', '>', 0)
    .execute();
  const days = new Map<string, Set<string>>();
  for (const r of rows) days.set(r.user_id, (days.get(r.user_id) ?? new Set()).add(beijingDate(r.check_in_at)));
  return new Map([...days].map(([id, set]) => [id, set.size]));
}

/**
 * Locks the person's ledger row for the rest of the transaction (created on first use; a no-op update takes the row
 * lock on PostgreSQL; SQLite runs one write transaction at a time anyway). Every claim for the person, from any
 * institution, waits here, so limits are counted on committed grants.
 */
export async function lockPerson(trx: DbOrTrx, personHash: string, now: string): Promise<void> {
  await trx
    .insertInto('subsidy_persons')
    .values({ person_hash: personHash, created_at: now })
    .onConflict((oc) => oc.column('person_hash').doNothing())
    .execute();
  await trx
    .updateTable('subsidy_persons')
    .set((eb) => ({ created_at: eb.ref('created_at') }))
    .where('person_hash', '=', personHash)
    .execute();
}

/** The grants still in force of these persons, platform-wide. */
export async function activeGrantsOf(
  db: DbOrTrx,
  personHashes: readonly string[],
): Promise<Map<string, EarlierGrant[]>> {
  const out = new Map<string, EarlierGrant[]>(personHashes.map((h) => [h, []]));
  if (personHashes.length === 0) return out;
  const rows = await db
    .selectFrom('subsidy_grants')
    .select(['person_hash', 'class_id', 'rule_id', 'kind', 'payee', 'occupation_code', 'level', 'year', 'amount_fen'])
    .where('person_hash', 'in', [...personHashes])
    .where('status', '=', 'active')
    .execute();
  for (const r of rows)
    out.get(r.person_hash)?.push({
      classId: r.class_id,
      ruleId: r.rule_id,
      kind: r.kind as SubsidyRuleKind,
      payee: r.payee,
      occupationCode: r.occupation_code,
      level: r.level,
      year: r.year,
      amountFen: Number(r.amount_fen),
    });
  return out;
}

/** The person's active training of this class (a later stage reuses it), else a new one. */
export async function trainingFor(
  trx: DbOrTrx,
  input: {
    id: string;
    personHash: string;
    classId: string;
    occupationCode: string;
    level: number;
    year: number;
    now: string;
  },
): Promise<string> {
  const existing = await trx
    .selectFrom('subsidy_trainings')
    .select('id')
    .where('person_hash', '=', input.personHash)
    .where('class_id', '=', input.classId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (existing) return existing.id;
  // The partial unique index refuses a second active training of the same occupation and level for this person.
  await trx
    .insertInto('subsidy_trainings')
    .values({
      id: input.id,
      person_hash: input.personHash,
      occupation_code: input.occupationCode,
      level: input.level,
      class_id: input.classId,
      year: input.year,
      status: 'active',
      created_at: input.now,
      cancelled_at: null,
    })
    .execute();
  return input.id;
}

export async function insertGrants(
  trx: DbOrTrx,
  rows: {
    lineId: string;
    trainingId: string;
    personHash: string;
    classId: string;
    occupationCode: string;
    level: number;
    year: number;
    now: string;
    lines: EligibilityLine[];
  }[],
  ids: () => string,
): Promise<void> {
  const values = rows.flatMap((r) =>
    r.lines
      .filter((l) => l.amountFen > 0)
      .map((l) => ({
        id: ids(),
        line_id: r.lineId,
        training_id: r.trainingId,
        person_hash: r.personHash,
        class_id: r.classId,
        rule_id: l.ruleId,
        kind: l.kind,
        payee: l.payee satisfies Payee,
        stage: l.stage satisfies Stage,
        occupation_code: r.occupationCode,
        level: r.level,
        year: r.year,
        amount_fen: l.amountFen,
        status: 'active' as const,
        created_at: r.now,
      })),
  );
  if (values.length > 0) await trx.insertInto('subsidy_grants').values(values).execute();
}

/** Cancels a line's grants, and its training when no grant of the training is left in force. */
export async function cancelGrantsOfLine(trx: DbOrTrx, lineId: string, now: string): Promise<void> {
  const grants = await trx
    .selectFrom('subsidy_grants')
    .select(['training_id'])
    .where('line_id', '=', lineId)
    .where('status', '=', 'active')
    .execute();
  if (grants.length === 0) return;
  await trx
    .updateTable('subsidy_grants')
    .set({ status: 'cancelled' })
    .where('line_id', '=', lineId)
    .where('status', '=', 'active')
    .execute();
  for (const trainingId of new Set(grants.map((g) => g.training_id))) {
    const left = await trx
      .selectFrom('subsidy_grants')
      .select('id')
      .where('training_id', '=', trainingId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!left)
      await trx
        .updateTable('subsidy_trainings')
        .set({ status: 'cancelled', cancelled_at: now })
        .where('id', '=', trainingId)
        .execute();
  }
}

export function linesOfClaim(db: DbOrTrx, claimId: string) {
  return db
    .selectFrom('subsidy_claim_lines')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('learner_name')
    .orderBy('id')
    .execute();
}

/** Closes a submitted claim once no line of it is pending. */
export async function closeClaimIfDecided(trx: DbOrTrx, claimId: string, at: string): Promise<void> {
  const pending = await trx
    .selectFrom('subsidy_claim_lines')
    .select('id')
    .where('claim_id', '=', claimId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (!pending)
    await trx
      .updateTable('subsidy_claims')
      .set({ status: 'closed', closed_at: at, updated_at: at })
      .where('id', '=', claimId)
      .where('status', '=', 'submitted')
      .execute();
}
