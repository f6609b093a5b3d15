import type { Kysely } from 'kysely';
import type { AppError } from './errors.js';

// The one home of a reviewed-state move: a conditional update from the allowed states, then the review (history) row
// and the audit entry, all on the caller's transaction. Two reviewers deciding the same row at once both pass their
// read, but the database lets exactly one conditional update match; the other gets the conflict error and writes
// nothing (no review row, no audit entry), and its transaction rolls back. Domain-free: the table, the states, the
// history row and the audit entry come in from the module that owns them (its state table says which states allow
// the action).

/** The writes that go with a move, run after the update matched and only then. */
export type TransitionEffects<Trx> = {
  /** Writes the review / history row. */
  history?: (trx: Trx) => Promise<unknown>;
  /** Writes the audit entry. */
  audit?: (trx: Trx) => Promise<unknown>;
};

export type TransitionSpec<DB, TB extends keyof DB & string> = {
  table: TB;
  /**
   * The states the move is allowed from (the module's state table); the update matches no row in any other. Left out
   * for a row whose state is not a status column (a learner's suspension in a class is a timestamp): `unchanged` then
   * is the whole condition.
   */
  from?: readonly string[];
  /** The column holding the state; `status` unless told. */
  stateColumn?: keyof DB[TB] & string;
  /** The columns to write, the new state among them. */
  set: Partial<{ [C in keyof DB[TB]]: unknown }>;
  /** Further columns that must still hold what the caller read (e.g. `updated_at`: nothing edited in between). */
  unchanged?: Partial<{ [C in keyof DB[TB]]: string | number | null }>;
  /** The error when the row is no longer in an allowed state (someone else moved it first, or it changed). */
  conflict: () => AppError;
} & (
  | {
      /** The row's primary key (column `id`). */
      id: string;
    }
  | {
      /** The row's key when it is not a column `id` (e.g. user and class). */
      key: Partial<{ [C in keyof DB[TB]]: string }>;
    }
);

/**
 * Moves one row from an allowed state and writes its history and audit entries, on `trx` (which must be a
 * transaction: a conflict throws, and the caller's transaction rolls back whatever it wrote before).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;
/** The database type of a Kysely instance or transaction. */
type DbOf<Trx> = Trx extends Kysely<infer DB> ? DB : never;

export async function transition<Trx extends AnyDb, TB extends keyof DbOf<Trx> & string>(
  trx: Trx,
  spec: TransitionSpec<DbOf<Trx>, TB>,
  effects: TransitionEffects<Trx> = {},
): Promise<void> {
  if (spec.from?.length === 0 || ('key' in spec && Object.keys(spec.key).length === 0)) throw spec.conflict();
  // Kysely cannot type a query over a table chosen by a type parameter; the spec's types above keep callers honest.
  const db: AnyDb = trx;
  let update = db.updateTable(spec.table as string).set(spec.set);
  for (const [column, value] of Object.entries('key' in spec ? spec.key : { id: spec.id }))
    update = update.where(column, '=', value);
  if (spec.from) update = update.where(spec.stateColumn ?? 'status', 'in', [...spec.from]);
  for (const [column, value] of Object.entries(spec.unchanged ?? {}))
    update = value === null ? update.where(column, 'is', null) : update.where(column, '=', value);
  const result = await update.executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw spec.conflict();
  if (effects.history) await effects.history(trx);
  if (effects.audit) await effects.audit(trx);
}
