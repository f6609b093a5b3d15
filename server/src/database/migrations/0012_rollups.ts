import type { Kysely } from 'kysely';

// Statistics roll-ups for the supervision dashboards (server/src/modules/stats): learning activity per learner,
// class and China Standard Time day, folded from the evidence chain by a periodic job that follows a cursor, and
// the day totals derived from it. The dashboards read these plus the records the cursor has not reached yet.
export async function up(db: Kysely<any>): Promise<void> {
  // One row per learner, class and day: the grain at which "distinct learners" can still be counted exactly.
  await db.schema
    .createTable('stats_learner_daily')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('credited_ms', 'bigint', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_learner_daily_pk', ['day', 'class_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('stats_learner_daily_region_idx')
    .on('stats_learner_daily')
    .columns(['day', 'region_code'])
    .execute();
  await db.schema
    .createIndex('stats_learner_daily_institution_idx')
    .on('stats_learner_daily')
    .columns(['institution_id', 'day'])
    .execute();
  await db.schema
    .createIndex('stats_learner_daily_user_idx')
    .on('stats_learner_daily')
    .columns(['user_id', 'day'])
    .execute();

  // Day totals per region, institution and occupation (additive, except active_learners: distinct within the row).
  await db.schema
    .createTable('stats_daily')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('active_learners', 'integer', (c) => c.notNull())
    .addColumn('credited_ms', 'bigint', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_daily_pk', ['day', 'region_code', 'institution_id', 'occupation_code'])
    .execute();
  await db.schema
    .createIndex('stats_daily_institution_idx')
    .on('stats_daily')
    .columns(['institution_id', 'day'])
    .execute();

  // Distinct active learners per day for every scope a dashboard can have: 'n' (nation), 'r:<region prefix>' at each
  // level, 'i:<institution id>'. Distinct counts do not add up across rows, so each scope has its own.
  await db.schema
    .createTable('stats_active_daily')
    .addColumn('scope', 'varchar(48)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('active_learners', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_active_daily_pk', ['scope', 'day'])
    .execute();

  // Platform figures per day and province of the user ('' when the user has no region).
  await db.schema
    .createTable('stats_platform_daily')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('province', 'varchar(2)', (c) => c.notNull())
    .addColumn('logins', 'integer', (c) => c.notNull())
    .addColumn('registrations', 'integer', (c) => c.notNull())
    .addColumn('active_users', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stats_platform_daily_pk', ['day', 'province'])
    .execute();

  await db.schema
    .createTable('stats_cursors')
    .addColumn('name', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('position', 'varchar(64)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // Days whose totals must be derived again because learner rows of theirs changed.
  await db.schema
    .createTable('stats_dirty_days')
    .addColumn('day', 'varchar(10)', (c) => c.primaryKey())
    .execute();

  // Sign-ins and registrations per day are counted by time range.
  await db.schema.createIndex('sessions_created_idx').on('sessions').column('created_at').execute();
  await db.schema.createIndex('users_created_idx').on('users').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_created_idx').ifExists().execute();
  await db.schema.dropIndex('sessions_created_idx').ifExists().execute();
  for (const table of [
    'stats_dirty_days',
    'stats_cursors',
    'stats_platform_daily',
    'stats_active_daily',
    'stats_daily',
    'stats_learner_daily',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
