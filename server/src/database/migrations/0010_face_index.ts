import type { Kysely } from 'kysely';

// The platform-wide face index (bucket keys of stored faces, modules/faces/face-index.ts) and the evidence of face
// alerts raised by checks rather than by enrolments.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('face_index')
    .addColumn('bucket', 'varchar(32)', (c) => c.notNull())
    .addColumn('enrolment_id', 'varchar(36)', (c) => c.notNull().references('face_enrolments.id'))
    // The primary key is the lookup: bucket first, and the enrolment read from the index itself.
    .addPrimaryKeyConstraint('face_index_pk', ['bucket', 'enrolment_id'])
    .execute();
  await db.schema.createIndex('face_index_enrolment_idx').on('face_index').column('enrolment_id').execute();

  // One column per statement: SQLite adds columns one at a time.
  await db.schema.alterTable('face_alerts').addColumn('check_id', 'varchar(36)').execute();
  await db.schema.alterTable('face_alerts').addColumn('evidence', 'text').execute();
  await db.schema
    .createIndex('face_alerts_user_kind_idx')
    .on('face_alerts')
    .columns(['user_id', 'kind', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('face_alerts_user_kind_idx').execute();
  await db.schema.alterTable('face_alerts').dropColumn('evidence').execute();
  await db.schema.alterTable('face_alerts').dropColumn('check_id').execute();
  await db.schema.dropTable('face_index').execute();
}
