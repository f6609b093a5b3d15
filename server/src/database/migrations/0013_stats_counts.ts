import type { Kysely } from 'kysely';

// Dashboards that stay fast as data grows (docs/performance.md, "Dashboards"): what they used to count over big tables
// at read time is derived by the roll-up job instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Each scope's day totals next to its distinct learners, so a trend, an all-time total or a breakdown by child scope
  // reads a few rows per day instead of summing stats_daily over the whole subtree.
  await db.schema
    .alterTable('stats_active_daily')
    .addColumn('learner_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('stats_active_daily')
    .addColumn('credited_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('stats_active_daily')
    .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // Day totals per region scope ('n', 'r:<prefix>') and occupation, for the dashboards' occupation ranking.
  await db.schema
    .createTable('stats_occupation_daily')
    .addColumn('scope', 'varchar(48)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('learner_days', 'integer', (c) => c.notNull())
    .addColumn('credited_ms', 'bigint', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_occupation_daily_pk', ['scope', 'day', 'occupation_code'])
    .execute();

  // Registered users per role, region and institution ('' for none), counted by the roll-up job over the users created
  // before the bound kept in stats_cursors ('user_counts'); readers add the users created since then.
  await db.schema
    .createTable('stats_user_counts')
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('users', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_user_counts_pk', ['role', 'region_code', 'institution_id'])
    .execute();
  await db.schema
    .createIndex('stats_user_counts_institution_idx')
    .on('stats_user_counts')
    .columns(['institution_id', 'role'])
    .execute();

  // Days derived before these columns existed are derived again by the next roll-up run (read directly until then).
  await db
    .insertInto('stats_dirty_days')
    .expression(
      db
        .selectFrom('stats_learner_daily')
        .select('day')
        .distinct()
        .where('day', 'not in', db.selectFrom('stats_dirty_days').select('day')),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('stats_cursors').where('name', '=', 'user_counts').execute();
  await db.schema.dropTable('stats_user_counts').ifExists().execute();
  await db.schema.dropTable('stats_occupation_daily').ifExists().execute();
  for (const column of ['sessions', 'credited_ms', 'learner_days'])
    await db.schema.alterTable('stats_active_daily').dropColumn(column).execute();
}
