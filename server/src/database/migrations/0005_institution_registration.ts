import type { Kysely } from 'kysely';

// Institution registration (机构入驻): the application's fields on `institutions`, its qualification documents and
// its review history. Existing institutions keep their status ('active') and simply have no application data.
const NEW_COLUMNS: [
  name: string,
  type: 'text' | 'varchar(30)' | 'varchar(36)' | 'varchar(60)' | 'varchar(200)' | 'varchar(11)',
][] = [
  ['address', 'varchar(200)'],
  ['legal_representative', 'varchar(60)'],
  ['contact_name', 'varchar(60)'],
  ['contact_phone_enc', 'text'],
  ['contact_phone_masked', 'varchar(11)'],
  ['business_scope', 'text'],
  ['submitted_at', 'varchar(30)'],
  ['review_due_at', 'varchar(30)'],
  ['decided_at', 'varchar(30)'],
  ['status_reason', 'text'],
  ['created_by', 'varchar(36)'],
];

export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
  for (const [name, type] of NEW_COLUMNS) {
    await db.schema.alterTable('institutions').addColumn(name, type).execute();
  }
  await db.schema
    .createIndex('institutions_review_idx')
    .on('institutions')
    .columns(['status', 'region_code', 'review_due_at'])
    .execute();

  await db.schema
    .createTable('institution_documents')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull().references('institutions.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('blob_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(64)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploaded_by', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_documents_institution_idx')
    .on('institution_documents')
    .columns(['institution_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('institution_reviews')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull().references('institutions.id'))
    .addColumn('action', 'varchar(24)', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(36)', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_reviews_institution_idx')
    .on('institution_reviews')
    .columns(['institution_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('institution_reviews').ifExists().execute();
  await db.schema.dropTable('institution_documents').ifExists().execute();
  await db.schema.dropIndex('institutions_review_idx').ifExists().execute();
  for (const [name] of [...NEW_COLUMNS].reverse()) {
    await db.schema.alterTable('institutions').dropColumn(name).execute();
  }
}
