import { sql, type Kysely, PostgresAdapter } from 'kysely';

// Catalogue, content, media, policies, campaigns and the job table. Schema builder only, except the full-text index,
// which each dialect builds its own way over the same `search_tokens` column (see modules/catalog/search-tokens.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('locked_by', 'varchar(64)')
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_ready_idx').on('jobs').columns(['status', 'run_at']).execute();

  await db.schema
    .createTable('occupation_categories')
    .addColumn('code', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('level', 'varchar(8)', (c) => c.notNull())
    .addColumn('name_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('parent_code', 'varchar(16)')
    .execute();

  await db.schema
    .createTable('occupations')
    .addColumn('code', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('category_code', 'varchar(16)', (c) => c.notNull().references('occupation_categories.code'))
    .addColumn('tags', 'varchar(500)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('skill_standards')
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull().references('occupations.code'))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('min_hours', 'integer', (c) => c.notNull())
    .addColumn('max_online_percent', 'integer', (c) => c.notNull())
    .addColumn('modules', 'text', (c) => c.notNull())
    .addColumn('estimated', 'integer', (c) => c.notNull())
    .addColumn('basis', 'varchar(500)', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_standards_pk', ['occupation_code', 'level'])
    .execute();

  await db.schema
    .createTable('course_categories')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(60)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(120)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('course_category_occupations')
    .addColumn('category_code', 'varchar(32)', (c) => c.notNull().references('course_categories.code'))
    .addColumn('occupation_code', 'varchar(16)', (c) => c.notNull().references('occupations.code'))
    .addPrimaryKeyConstraint('course_category_occupations_pk', ['category_code', 'occupation_code'])
    .execute();

  await db.schema
    .createTable('policies')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('scope', 'varchar(16)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('policies_scope_version_uq', ['scope', 'version'])
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.references('institutions.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('original_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('page_count', 'integer')
    .addColumn('error', 'varchar(500)')
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_institution_idx').on('media').columns(['institution_id', 'created_at']).execute();

  await db.schema
    .createTable('courses')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.references('institutions.id'))
    .addColumn('occupation_code', 'varchar(16)', (c) => c.references('occupations.code'))
    .addColumn('level', 'integer')
    .addColumn('category_code', 'varchar(32)', (c) => c.references('course_categories.code'))
    .addColumn('general_module_code', 'varchar(32)')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('search_tokens', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('courses_institution_idx').on('courses').columns(['institution_id', 'status']).execute();
  await db.schema
    .createIndex('courses_browse_idx')
    .on('courses')
    .columns(['status', 'category_code', 'occupation_code', 'level'])
    .execute();

  await db.schema
    .createTable('chapters')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull().references('courses.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chapters_course_idx').on('chapters').columns(['course_id', 'sort']).execute();

  await db.schema
    .createTable('lessons')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull().references('courses.id'))
    .addColumn('chapter_id', 'varchar(36)', (c) => c.notNull().references('chapters.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('media_id', 'varchar(36)', (c) => c.references('media.id'))
    .addColumn('document_minutes', 'integer')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lessons_chapter_idx').on('lessons').columns(['chapter_id', 'sort']).execute();
  await db.schema.createIndex('lessons_course_idx').on('lessons').column('course_id').execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('region_code', 'varchar(6)', (c) => c.references('regions.code'))
    .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('campaign_items')
    .addColumn('campaign_id', 'varchar(36)', (c) => c.notNull().references('campaigns.id'))
    .addColumn('course_id', 'varchar(36)', (c) => c.references('courses.id'))
    .addColumn('category_code', 'varchar(32)', (c) => c.references('course_categories.code'))
    .execute();
  await db.schema.createIndex('campaign_items_campaign_idx').on('campaign_items').column('campaign_id').execute();

  await db.schema
    .createTable('regional_columns')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('region_code', 'varchar(6)', (c) => c.notNull().references('regions.code'))
    .addColumn('title_zh', 'varchar(100)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('column_courses')
    .addColumn('column_id', 'varchar(36)', (c) => c.notNull().references('regional_columns.id'))
    .addColumn('course_id', 'varchar(36)', (c) => c.notNull().references('courses.id'))
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('column_courses_pk', ['column_id', 'course_id'])
    .execute();

  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // PostgreSQL: a GIN index over the pre-tokenised text with the 'simple' configuration (no stemming, no stop words).
    await sql`create index courses_search_idx on courses using gin (to_tsvector('simple', search_tokens))`.execute(db);
  } else {
    // SQLite: an FTS5 index kept in step with `courses` by triggers; tokens are already split, so unicode61 suffices.
    await sql`create virtual table courses_fts using fts5(search_tokens, content='courses', content_rowid='rowid', tokenize='unicode61')`.execute(
      db,
    );
    await sql`create trigger courses_fts_ai after insert on courses begin
      insert into courses_fts(rowid, search_tokens) values (new.rowid, new.search_tokens); end`.execute(db);
    await sql`create trigger courses_fts_ad after delete on courses begin
      insert into courses_fts(courses_fts, rowid, search_tokens) values ('delete', old.rowid, old.search_tokens); end`.execute(
      db,
    );
    await sql`create trigger courses_fts_au after update of search_tokens on courses begin
      insert into courses_fts(courses_fts, rowid, search_tokens) values ('delete', old.rowid, old.search_tokens);
      insert into courses_fts(rowid, search_tokens) values (new.rowid, new.search_tokens); end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const t of ['courses_fts_ai', 'courses_fts_ad', 'courses_fts_au'])
      await sql.raw(`drop trigger if exists ${t}`).execute(db);
    await sql`drop table if exists courses_fts`.execute(db);
  }
  for (const table of [
    'column_courses',
    'regional_columns',
    'campaign_items',
    'campaigns',
    'lessons',
    'chapters',
    'courses',
    'media',
    'policies',
    'course_category_occupations',
    'course_categories',
    'skill_standards',
    'occupations',
    'occupation_categories',
    'jobs',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
