import type { Kysely } from 'kysely';

// Classes, their review, enrolment, offline sessions and attendance, and teachers' qualifications.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacher_qualifications')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull().references('occupations.code'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('certificate_no', 'varchar(64)', (c) => c.notNull())
    .addColumn('valid_until', 'varchar(10)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('teacher_qualifications_user_idx')
    .on('teacher_qualifications')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull().references('institutions.id'))
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull().references('regions.code'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull().references('occupations.code'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('offline_hours', 'integer', (c) => c.notNull())
    .addColumn('assessment_plan', 'text', (c) => c.notNull())
    .addColumn('self_enrol', 'integer', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('policy_refs', 'text')
    .addColumn('submitted_at', 'varchar(30)')
    .addColumn('review_due_at', 'varchar(30)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('classes_institution_idx').on('classes').columns(['institution_id', 'status']).execute();
  await db.schema
    .createIndex('classes_review_idx')
    .on('classes')
    .columns(['status', 'region_code', 'review_due_at'])
    .execute();

  await db.schema
    .createTable('class_courses')
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull().references('courses.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('class_courses_pk', ['class_id', 'course_id'])
    .execute();
  await db.schema
    .createTable('class_teachers')
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('class_teachers_pk', ['class_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('class_sessions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('venue_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('address', 'varchar(200)', (c) => c.notNull())
    .addColumn('latitude', 'double precision', (c) => c.notNull())
    .addColumn('longitude', 'double precision', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('class_sessions_class_idx')
    .on('class_sessions')
    .columns(['class_id', 'starts_at'])
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('enrolments_class_user_uq', ['class_id', 'user_id'])
    .execute();
  await db.schema.createIndex('enrolments_user_idx').on('enrolments').columns(['user_id', 'status']).execute();

  await db.schema
    .createTable('class_changes')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('review_due_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('class_changes_class_idx').on('class_changes').columns(['class_id', 'status']).execute();

  await db.schema
    .createTable('class_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('change_id', 'varchar(36)', (c) => c.references('class_changes.id'))
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('comment', 'varchar(1000)', (c) => c.notNull())
    .addColumn('prechecks', 'text')
    .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('class_reviews_class_idx').on('class_reviews').columns(['class_id', 'at']).execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('session_id', 'varchar(36)', (c) => c.notNull().references('class_sessions.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('check_in_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('check_in_latitude', 'double precision', (c) => c.notNull())
    .addColumn('check_in_longitude', 'double precision', (c) => c.notNull())
    .addColumn('check_in_photo_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('check_out_at', 'varchar(30)')
    .addColumn('check_out_latitude', 'double precision')
    .addColumn('check_out_longitude', 'double precision')
    .addColumn('check_out_photo_key', 'varchar(200)')
    .addColumn('minutes', 'integer')
    .addUniqueConstraint('attendance_session_user_uq', ['session_id', 'user_id'])
    .execute();
  await db.schema.createIndex('attendance_class_user_idx').on('attendance').columns(['class_id', 'user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'attendance',
    'class_reviews',
    'class_changes',
    'enrolments',
    'class_sessions',
    'class_teachers',
    'class_courses',
    'classes',
    'teacher_qualifications',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
