import type { Kysely } from 'kysely';

// The learning engine: who learnt what, when and where (sessions, written once), the evidence of every report,
// check and decision (records: append-only, hash-chained per learner), and the progress derived from them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('courses')
    .addColumn('lessons_in_order', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('learning_sessions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull().references('courses.id'))
    .addColumn('lesson_id', 'varchar(36)', (c) => c.notNull().references('lessons.id'))
    .addColumn('login_session_id', 'varchar(64)')
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(400)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('start_position_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('learning_sessions_user_idx')
    .on('learning_sessions')
    .columns(['user_id', 'started_at'])
    .execute();
  await db.schema
    .createIndex('learning_sessions_class_idx')
    .on('learning_sessions')
    .columns(['class_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('learning_records')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('chain_seq', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('credited_ms', 'integer', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    // One learner's chain is a line: a fork fails here instead of passing silently.
    .addUniqueConstraint('learning_records_chain_uq', ['user_id', 'chain_seq'])
    .execute();
  await db.schema
    .createIndex('learning_records_session_idx')
    .on('learning_records')
    .columns(['session_id', 'chain_seq'])
    .execute();

  await db.schema
    .createTable('lesson_progress')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('lesson_id', 'varchar(36)', (c) => c.notNull().references('lessons.id'))
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('coverage', 'text', (c) => c.notNull())
    .addColumn('credited_ms', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('face_passes', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_progress_pk', ['user_id', 'class_id', 'lesson_id'])
    .execute();
  await db.schema
    .createIndex('lesson_progress_class_idx')
    .on('lesson_progress')
    .columns(['class_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('learning_daily')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('credited_ms', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_daily_pk', ['user_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['learning_daily', 'lesson_progress', 'learning_records', 'learning_sessions'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('courses').dropColumn('lessons_in_order').execute();
}
