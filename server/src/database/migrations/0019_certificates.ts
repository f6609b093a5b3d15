import type { Kysely } from 'kysely';

// Certificates (issue 16): training certificates issued when a class closes, with their signed payload and
// revocation; the refusals with their reasons; the counters behind certificate numbers; skill-level certificates
// recorded from evaluation organisations.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificates')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('signature', 'varchar(200)', (c) => c.notNull())
    .addColumn('key_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('photo_enrolment_id', 'varchar(36)')
    .addColumn('issued_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('issue_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(30)')
    .addColumn('revoked_by', 'varchar(36)')
    .addColumn('revocation_reason', 'varchar(1000)')
    .addColumn('revocation_proposed_at', 'varchar(30)')
    .addColumn('revocation_proposal_reason', 'varchar(1000)')
    .addColumn('revocation_proposal_alert_id', 'varchar(36)')
    .execute();
  // One certificate per learner and class, even when two issuing runs race.
  await db.schema
    .createIndex('certificates_class_user_uq')
    .on('certificates')
    .columns(['class_id', 'user_id'])
    .unique()
    .execute();
  await db.schema.createIndex('certificates_user_idx').on('certificates').columns(['user_id', 'issued_at']).execute();
  await db.schema
    .createIndex('certificates_region_idx')
    .on('certificates')
    .columns(['region_code', 'issued_at'])
    .execute();
  await db.schema
    .createIndex('certificates_institution_idx')
    .on('certificates')
    .columns(['institution_id', 'issued_at'])
    .execute();

  await db.schema
    .createTable('certificate_refusals')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('assessed_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('certificate_refusals_class_user_uq')
    .on('certificate_refusals')
    .columns(['class_id', 'user_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('certificate_counters')
    .addColumn('key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('certificate_institution_codes')
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('code', 'varchar(4)', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificate_institution_codes_pk', ['institution_id', 'region_code'])
    .execute();
  await db.schema
    .createIndex('certificate_institution_codes_uq')
    .on('certificate_institution_codes')
    .columns(['region_code', 'code'])
    .unique()
    .execute();

  await db.schema
    .createTable('skill_certificates')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('number', 'varchar(22)', (c) => c.notNull().unique())
    .addColumn('id_number_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('id_number_enc', 'varchar(200)', (c) => c.notNull())
    .addColumn('id_number_masked', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('organisation', 'varchar(100)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull())
    .addColumn('source', 'varchar(8)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('skill_certificates_person_idx')
    .on('skill_certificates')
    .column('id_number_hash')
    .execute();
  await db.schema
    .createIndex('skill_certificates_region_idx')
    .on('skill_certificates')
    .columns(['region_code', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('skill_certificates').execute();
  await db.schema.dropTable('certificate_institution_codes').execute();
  await db.schema.dropTable('certificate_counters').execute();
  await db.schema.dropTable('certificate_refusals').execute();
  await db.schema.dropTable('certificates').execute();
}
