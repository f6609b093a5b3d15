import type { Kysely } from 'kysely';

// The public catalogue lists newest first within a category (or overall): with these indexes the database reads
// the page in order instead of sorting every course of the category (bench/catalog.ts, docs/performance.md).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('courses_category_recent_idx')
    .on('courses')
    .columns(['status', 'category_code', 'updated_at'])
    .execute();
  await db.schema.createIndex('courses_recent_idx').on('courses').columns(['status', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('courses_recent_idx').ifExists().execute();
  await db.schema.dropIndex('courses_category_recent_idx').ifExists().execute();
}
