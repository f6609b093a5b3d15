import type { Kysely } from 'kysely';

// The evidence seal (issue 18, modules/seal): the leaves of the Merkle tree over the append-only evidence, in tree
// order, and the signed tree heads. Both are append-only; the export under var/seal/ is their copy that leaves the
// platform. Leaf indexes and tree sizes are `bigint` (read back with Number()).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seal_leaves')
    .addColumn('leaf_index', 'bigint', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('record_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('subject', 'varchar(36)')
    .addColumn('digest', 'varchar(64)', (c) => c.notNull())
    .addColumn('leaf_hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  // A record is sealed once; its inclusion proof starts from this lookup.
  await db.schema
    .createIndex('seal_leaves_record_idx')
    .on('seal_leaves')
    .columns(['kind', 'record_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('seal_heads')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('algorithm', 'varchar(10)', (c) => c.notNull())
    .addColumn('timestamp', 'varchar(30)', (c) => c.notNull())
    .addColumn('key_id', 'varchar(32)', (c) => c.notNull())
    .addColumn('signature', 'varchar(100)', (c) => c.notNull())
    // JSON: the roots of the perfect subtrees on the tree's right edge (the next checkpoint resumes from them) and,
    // per kind, the id of the last record sealed.
    .addColumn('peaks', 'text', (c) => c.notNull())
    .addColumn('cursors', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('seal_heads').execute();
  await db.schema.dropTable('seal_leaves').execute();
}
