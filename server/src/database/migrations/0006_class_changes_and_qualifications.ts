import type { Kysely } from 'kysely';

// What a class looked like when a change was proposed (so the reviewer and the history show before → after), and
// why, when and by whom a teacher's qualification was withdrawn; the kind of certificate a qualification rests on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('class_changes').addColumn('before_payload', 'text').execute();
  await db.schema
    .alterTable('teacher_qualifications')
    .addColumn('certificate_kind', 'varchar(32)', (c) => c.notNull().defaultTo('vocational_qualification'))
    .execute();
  await db.schema.alterTable('teacher_qualifications').addColumn('disqualified_at', 'varchar(30)').execute();
  // No foreign key: SQLite cannot drop a column that has one, and the down migration must run on both dialects.
  await db.schema.alterTable('teacher_qualifications').addColumn('disqualified_by', 'varchar(36)').execute();
  await db.schema.alterTable('teacher_qualifications').addColumn('disqualified_reason', 'varchar(500)').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['disqualified_reason', 'disqualified_by', 'disqualified_at', 'certificate_kind']) {
    await db.schema.alterTable('teacher_qualifications').dropColumn(column).execute();
  }
  await db.schema.alterTable('class_changes').dropColumn('before_payload').execute();
}
