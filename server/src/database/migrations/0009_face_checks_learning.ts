import type { Kysely } from 'kysely';

// Face checks while learning (issue 6): a face check row names the learning check it answered and keeps its liveness
// reading and the other frames it was judged on; misses of face checks are counted per lesson and per class, and
// too many in a class suspend the learner's learning there until the institution lifts it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('face_checks').addColumn('context_step', 'varchar(64)').execute();
  await db.schema.alterTable('face_checks').addColumn('liveness', 'text').execute();
  await db.schema.alterTable('face_checks').addColumn('frame_keys', 'text').execute();

  await db.schema
    .alterTable('lesson_progress')
    .addColumn('face_misses', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('learning_class_status')
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('face_misses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended_at', 'varchar(30)')
    .addColumn('suspension', 'text')
    .addColumn('lifted_at', 'varchar(30)')
    .addColumn('lifted_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('lift_note', 'varchar(500)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('learning_class_status_pk', ['user_id', 'class_id'])
    .execute();
  await db.schema
    .createIndex('learning_class_status_class_idx')
    .on('learning_class_status')
    .columns(['class_id', 'suspended_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('learning_class_status').execute();
  await db.schema.alterTable('lesson_progress').dropColumn('face_misses').execute();
  for (const column of ['frame_keys', 'liveness', 'context_step'])
    await db.schema.alterTable('face_checks').dropColumn(column).execute();
}
