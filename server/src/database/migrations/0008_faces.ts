import type { Kysely } from 'kysely';

// Faces: enrolments (sealed descriptors, sealed photos in the blob store), check results (append-only evidence) and
// alerts (one face on several accounts; an ID photo that does not match the live face).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('face_enrolments')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('slot', 'varchar(32)')
    .addColumn('descriptor_enc', 'text', (c) => c.notNull())
    .addColumn('photo_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('engine', 'varchar(64)', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('compared_distance', 'double precision')
    .addColumn('compared_threshold', 'double precision')
    .addColumn('reason', 'varchar(500)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('decided_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('decision_note', 'varchar(500)')
    // NULL slots do not collide on either dialect: only active and pending rows are held unique per learner.
    .addUniqueConstraint('face_enrolments_slot_uq', ['user_id', 'slot'])
    .execute();
  await db.schema
    .createIndex('face_enrolments_status_idx')
    .on('face_enrolments')
    .columns(['status', 'source'])
    .execute();

  await db.schema
    .createTable('face_checks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('enrolment_id', 'varchar(36)', (c) => c.references('face_enrolments.id'))
    .addColumn('context_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('context_id', 'varchar(64)')
    .addColumn('engine', 'varchar(64)', (c) => c.notNull())
    .addColumn('distance', 'double precision')
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('result', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'varchar(32)')
    .addColumn('photo_key', 'varchar(200)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('face_checks_user_idx').on('face_checks').columns(['user_id', 'at']).execute();
  await db.schema
    .createIndex('face_checks_context_idx')
    .on('face_checks')
    .columns(['context_kind', 'context_id'])
    .execute();

  await db.schema
    .createTable('face_alerts')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('enrolment_id', 'varchar(36)', (c) => c.notNull().references('face_enrolments.id'))
    .addColumn('other_user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('other_enrolment_id', 'varchar(36)', (c) => c.references('face_enrolments.id'))
    .addColumn('distance', 'double precision', (c) => c.notNull())
    .addColumn('threshold', 'double precision', (c) => c.notNull())
    .addColumn('institution_id', 'varchar(36)')
    .addColumn('region_code', 'varchar(6)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('face_alerts_region_idx')
    .on('face_alerts')
    .columns(['region_code', 'created_at'])
    .execute();
  await db.schema
    .createIndex('face_alerts_institution_idx')
    .on('face_alerts')
    .columns(['institution_id', 'created_at'])
    .execute();
  await db.schema.createIndex('face_alerts_user_idx').on('face_alerts').columns(['user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('face_alerts').execute();
  await db.schema.dropTable('face_checks').execute();
  await db.schema.dropTable('face_enrolments').execute();
}
