import { sql, type Kysely } from 'kysely';

// Subsidy claims and the person-level ledger (issue 17). Money columns are integer fen (a line's amounts fit an
// `integer`; totals of claims and batches are `bigint`, read back with Number()). The partial unique index on
// active trainings is what "never twice for the same occupation and level" rests on, on SQLite and PostgreSQL alike.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('subsidy_batches')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('line_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('voucher_no', 'varchar(64)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('paid_by', 'varchar(36)')
    .addColumn('paid_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('subsidy_batches_region_idx').on('subsidy_batches').columns(['region_code']).execute();

  await db.schema
    .createTable('subsidy_claims')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull().references('classes.id'))
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull().references('institutions.id'))
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('enterprise_cost_fen', 'integer')
    .addColumn('policy_refs', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('review_due_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('return_reason', 'varchar(500)')
    .addColumn('returned_at', 'varchar(30)')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_claims_class_idx').on('subsidy_claims').columns(['class_id']).execute();
  await db.schema
    .createIndex('subsidy_claims_region_status_idx')
    .on('subsidy_claims')
    .columns(['region_code', 'status'])
    .execute();
  await db.schema
    .createIndex('subsidy_claims_institution_idx')
    .on('subsidy_claims')
    .columns(['institution_id'])
    .execute();

  await db.schema
    .createTable('subsidy_claim_lines')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('claim_id', 'varchar(36)', (c) => c.notNull().references('subsidy_claims.id'))
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('user_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('person_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('learner_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_number_masked', 'varchar(32)', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('trainee_fen', 'integer', (c) => c.notNull())
    .addColumn('institution_fen', 'integer', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('decided_by', 'varchar(36)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('batch_id', 'varchar(36)', (c) => c.references('subsidy_batches.id'))
    .addColumn('voucher_no', 'varchar(64)')
    .addColumn('paid_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('subsidy_lines_claim_idx').on('subsidy_claim_lines').columns(['claim_id']).execute();
  await db.schema.createIndex('subsidy_lines_user_idx').on('subsidy_claim_lines').columns(['user_id']).execute();
  await db.schema
    .createIndex('subsidy_lines_region_status_idx')
    .on('subsidy_claim_lines')
    .columns(['region_code', 'status'])
    .execute();
  await db.schema.createIndex('subsidy_lines_batch_idx').on('subsidy_claim_lines').columns(['batch_id']).execute();

  await db.schema
    .createTable('subsidy_persons')
    .addColumn('person_hash', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subsidy_trainings')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('person_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('cancelled_at', 'varchar(30)')
    .execute();
  // Never twice for the same occupation and level: at most one active training per person, occupation and level.
  await db.schema
    .createIndex('subsidy_trainings_person_occupation_level_uq')
    .on('subsidy_trainings')
    .columns(['person_hash', 'occupation_code', 'level'])
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('subsidy_trainings_person_class_idx')
    .on('subsidy_trainings')
    .columns(['person_hash', 'class_id'])
    .execute();

  await db.schema
    .createTable('subsidy_grants')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('line_id', 'varchar(36)', (c) => c.notNull().references('subsidy_claim_lines.id'))
    .addColumn('training_id', 'varchar(36)', (c) => c.notNull().references('subsidy_trainings.id'))
    .addColumn('person_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('class_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('rule_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('kind', 'varchar(24)', (c) => c.notNull())
    .addColumn('payee', 'varchar(12)', (c) => c.notNull())
    .addColumn('stage', 'varchar(8)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subsidy_grants_person_status_idx')
    .on('subsidy_grants')
    .columns(['person_hash', 'status'])
    .execute();
  await db.schema.createIndex('subsidy_grants_line_idx').on('subsidy_grants').columns(['line_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subsidy_grants').execute();
  await db.schema.dropTable('subsidy_trainings').execute();
  await db.schema.dropTable('subsidy_persons').execute();
  await db.schema.dropTable('subsidy_claim_lines').execute();
  await db.schema.dropTable('subsidy_claims').execute();
  await db.schema.dropTable('subsidy_batches').execute();
}
