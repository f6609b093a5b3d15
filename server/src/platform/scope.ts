import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Actor } from './context.js';

/**
 * Tenant scope declared once. A module states, per role, which rows an actor may see as a small condition tree over
 * the row's columns; the same declaration is interpreted twice — as a predicate over a loaded row (`allows`) and as
 * a SQL condition for lists (`where`) — so the check on one object and the filter of a list cannot drift apart.
 * scope.test.ts proves on the real database that both interpretations select the same rows.
 *
 * Values taken from the actor may be missing (a regulator without a region, an institution admin without an
 * institution): a condition needing a missing value matches nothing, in both interpretations.
 */
export type ScopeCondition<C extends string> =
  | { kind: 'all' }
  | { kind: 'none' }
  /** The column equals a value taken from the actor (e.g. `institution_id` = the actor's institution). */
  | { kind: 'eq'; column: C; value: (actor: Actor) => string | null | undefined }
  /** The column equals a constant (e.g. `role` = 'learner'); `null` means the column is null. */
  | { kind: 'is'; column: C; value: string | null }
  /** The column holds a value and it is not this constant (e.g. `status` is not 'draft'). */
  | { kind: 'isNot'; column: C; value: string }
  /** The column starts with a prefix taken from the actor (e.g. a region subtree by division-code prefix). */
  | { kind: 'prefix'; column: C; prefix: (actor: Actor) => string | null | undefined }
  | { kind: 'and'; of: ScopeCondition<C>[] }
  | { kind: 'or'; of: ScopeCondition<C>[] };

/** Builders for conditions, so declarations read as sentences. */
export const scopeRule = {
  all: { kind: 'all' } as const,
  none: { kind: 'none' } as const,
  eq: <C extends string>(column: C, value: (actor: Actor) => string | null | undefined): ScopeCondition<C> => ({
    kind: 'eq',
    column,
    value,
  }),
  is: <C extends string>(column: C, value: string | null): ScopeCondition<C> => ({ kind: 'is', column, value }),
  isNot: <C extends string>(column: C, value: string): ScopeCondition<C> => ({ kind: 'isNot', column, value }),
  prefix: <C extends string>(column: C, prefix: (actor: Actor) => string | null | undefined): ScopeCondition<C> => ({
    kind: 'prefix',
    column,
    prefix,
  }),
  and: <C extends string>(...of: ScopeCondition<C>[]): ScopeCondition<C> => ({ kind: 'and', of }),
  or: <C extends string>(...of: ScopeCondition<C>[]): ScopeCondition<C> => ({ kind: 'or', of }),
};

/** Per role, what an actor of that role may see; a role not listed sees nothing. */
export type ScopeRules<C extends string> = Partial<Record<Actor['role'], ScopeCondition<C>>>;

export type Scope<C extends string> = {
  /** The rule applied to one loaded row (object-level check; callers answer NOT_FOUND when false). */
  allows(actor: Actor, row: { readonly [K in C]: string | null | undefined }): boolean;
  /** The same rule as a SQL condition on `table`'s columns, for `qb.where((eb) => scope.where(eb, actor))`. */
  where<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, actor: Actor): Expression<SqlBool>;
  /** The condition that applies to an actor (for tests and documentation). */
  conditionFor(actor: Actor): ScopeCondition<C>;
};

export function defineScope<C extends string>(table: string, rules: ScopeRules<C>): Scope<C> {
  const conditionFor = (actor: Actor): ScopeCondition<C> => rules[actor.role] ?? scopeRule.none;
  return {
    conditionFor,
    allows: (actor, row) => test(conditionFor(actor), actor, row),
    where: (eb, actor) => toSql(eb, table, conditionFor(actor), actor),
  };
}

function test<C extends string>(
  cond: ScopeCondition<C>,
  actor: Actor,
  row: { readonly [K in C]: string | null | undefined },
): boolean {
  switch (cond.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'eq': {
      const v = cond.value(actor);
      return v != null && row[cond.column] === v;
    }
    case 'is':
      return cond.value === null ? row[cond.column] == null : row[cond.column] === cond.value;
    case 'isNot':
      return row[cond.column] != null && row[cond.column] !== cond.value;
    case 'prefix': {
      const p = cond.prefix(actor);
      const v = row[cond.column];
      return p != null && v != null && v.startsWith(p);
    }
    case 'and':
      return cond.of.every((c) => test(c, actor, row));
    case 'or':
      return cond.of.some((c) => test(c, actor, row));
  }
}

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

function toSql<DB, TB extends keyof DB, C extends string>(
  eb: ExpressionBuilder<DB, TB>,
  table: string,
  cond: ScopeCondition<C>,
  actor: Actor,
): Expression<SqlBool> {
  const col = (c: C) => sql.ref(`${table}.${c}`);
  switch (cond.kind) {
    case 'all':
      return TRUE;
    case 'none':
      return FALSE;
    case 'eq': {
      const v = cond.value(actor);
      return v == null ? FALSE : sql<SqlBool>`${col(cond.column)} = ${v}`;
    }
    case 'is':
      return cond.value === null
        ? sql<SqlBool>`${col(cond.column)} is null`
        : sql<SqlBool>`${col(cond.column)} = ${cond.value}`;
    case 'isNot':
      return sql<SqlBool>`${col(cond.column)} <> ${cond.value}`;
    case 'prefix': {
      const p = cond.prefix(actor);
      if (p == null) return FALSE;
      if (!/^[0-9]*$/.test(p)) throw new Error(`Scope prefix must be digits: ${p}`);
      // Prefixes are division codes (digits only), so LIKE has no wildcard or case to disagree on between engines.
      return sql<SqlBool>`${col(cond.column)} like ${`${p}%`}`;
    }
    case 'and':
      return cond.of.length === 0 ? TRUE : eb.and(cond.of.map((c) => toSql(eb, table, c, actor)));
    case 'or':
      return cond.of.length === 0 ? FALSE : eb.or(cond.of.map((c) => toSql(eb, table, c, actor)));
  }
}
