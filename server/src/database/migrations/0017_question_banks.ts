import type { Kysely } from 'kysely';

// Question banks and papers (modules/question-banks): banks per occupation and level, questions whose content lives
// in immutable versions (attempts reference a version id, so an edit never changes a finished attempt), and papers.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('question_banks')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.references('institutions.id'))
    .addColumn('region_code', 'varchar(12)')
    .addColumn('occupation_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('question_banks_owner_idx')
    .on('question_banks')
    .columns(['institution_id', 'occupation_code', 'level'])
    .execute();

  await db.schema
    .createTable('questions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('bank_id', 'varchar(36)', (c) => c.notNull().references('question_banks.id'))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('questions_bank_idx').on('questions').columns(['bank_id', 'retired']).execute();

  await db.schema
    .createTable('question_versions')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('question_id', 'varchar(36)', (c) => c.notNull().references('questions.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'varchar(20)', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('difficulty', 'integer', (c) => c.notNull())
    .addColumn('module_code', 'varchar(100)')
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // One row per version: two editors saving at once cannot both write version n + 1.
  await db.schema
    .createIndex('question_versions_question_version_uq')
    .on('question_versions')
    .columns(['question_id', 'version'])
    .unique()
    .execute();

  await db.schema
    .createTable('papers')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.references('institutions.id'))
    .addColumn('region_code', 'varchar(12)')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('occupation_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('bank_ids', 'text', (c) => c.notNull())
    .addColumn('mode', 'varchar(10)', (c) => c.notNull())
    .addColumn('question_ids', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('type_scores', 'text', (c) => c.notNull())
    .addColumn('total_score', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_owner_idx').on('papers').columns(['institution_id', 'kind']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('papers').execute();
  await db.schema.dropTable('question_versions').execute();
  await db.schema.dropTable('questions').execute();
  await db.schema.dropTable('question_banks').execute();
}
