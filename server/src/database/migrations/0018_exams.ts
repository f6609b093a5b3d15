import type { Kysely } from 'kysely';

// Exams of a class (practice, mock, the formal theory exam), their attempts with the server's deadline, the answers
// saved as they are given (graded by the server or by a teacher, one decision each), what happened during an attempt
// (focus lost, face checks) and the practical skills assessment entered by the assessor per item of the plan.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exams')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('paper_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('window_start', 'varchar(30)', (c) => c.notNull())
    .addColumn('window_end', 'varchar(30)', (c) => c.notNull())
    .addColumn('time_limit_minutes', 'integer')
    .addColumn('max_attempts', 'integer')
    .addColumn('pass_mark', 'integer', (c) => c.notNull())
    .addColumn('counts', 'varchar(8)', (c) => c.notNull())
    .addColumn('total_score', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exams_class_idx').on('exams').columns(['class_id', 'kind']).execute();

  await db.schema
    .createTable('exam_attempts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('exam_id', 'varchar(36)', (c) => c.notNull().references('exams.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('attempt_no', 'integer', (c) => c.notNull())
    .addColumn('seed', 'varchar(64)', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)')
    .addColumn('deadline_at', 'varchar(30)')
    .addColumn('submitted_at', 'varchar(30)')
    .addColumn('submitted_by', 'varchar(16)')
    .addColumn('score', 'double precision')
    .addColumn('pending_manual', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('device_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('login_session_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('focus_losses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('face_plan', 'text', (c) => c.notNull())
    .addUniqueConstraint('exam_attempts_no_uq', ['exam_id', 'user_id', 'attempt_no'])
    .execute();
  await db.schema.createIndex('exam_attempts_user_idx').on('exam_attempts').columns(['user_id', 'exam_id']).execute();
  await db.schema
    .createIndex('exam_attempts_open_idx')
    .on('exam_attempts')
    .columns(['status', 'deadline_at'])
    .execute();
  await db.schema
    .createIndex('exam_attempts_class_idx')
    .on('exam_attempts')
    .columns(['class_id', 'started_at'])
    .execute();

  await db.schema
    .createTable('exam_answers')
    .addColumn('attempt_id', 'varchar(36)', (c) => c.notNull().references('exam_attempts.id'))
    .addColumn('item_index', 'integer', (c) => c.notNull())
    .addColumn('version_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('max_score', 'double precision', (c) => c.notNull())
    .addColumn('graded_score', 'double precision')
    .addColumn('needs_person', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grader_id', 'varchar(36)')
    .addColumn('decided_at', 'varchar(30)')
    .addPrimaryKeyConstraint('exam_answers_pk', ['attempt_id', 'item_index'])
    .execute();

  await db.schema
    .createTable('exam_events')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('attempt_id', 'varchar(36)', (c) => c.notNull().references('exam_attempts.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exam_events_attempt_idx').on('exam_events').columns(['attempt_id', 'at']).execute();
  await db.schema.createIndex('exam_events_class_idx').on('exam_events').columns(['class_id', 'kind', 'at']).execute();

  await db.schema
    .createTable('practical_items')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('max_score', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('practical_items_class_idx')
    .on('practical_items')
    .columns(['class_id', 'sort'])
    .execute();

  await db.schema
    .createTable('practical_scores')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('item_id', 'varchar(36)', (c) => c.notNull().references('practical_items.id'))
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('assessor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('practical_scores_uq', ['class_id', 'user_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['practical_scores', 'practical_items', 'exam_events', 'exam_answers', 'exam_attempts', 'exams'])
    await db.schema.dropTable(table).execute();
}
