import type { Kysely } from 'kysely';

// Training rooms an institution declares (name, public address range, seats): group learning from a declared range
// by the institution's own learners is what a training room is for, and the group-learning detector says so.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('training_rooms')
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('institution_id', 'varchar(36)', (c) => c.notNull().references('institutions.id'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    /** Canonical CIDR text (network address/prefix); a single address is /32 or /128. */
    .addColumn('cidr', 'varchar(64)', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'varchar(36)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // One declaration per range and institution; two institutions may share a building's address.
  await db.schema
    .createIndex('training_rooms_institution_cidr_uq')
    .on('training_rooms')
    .columns(['institution_id', 'cidr'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('training_rooms').execute();
}
