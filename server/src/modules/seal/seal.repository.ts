import type { DbOrTrx } from '../../database/schema.js';
import type { SealLeaf, SealSource } from './leaves.js';
import { SEAL_KINDS, type SealKind } from './leaves.js';

export type HeadRow = {
  treeSize: number;
  rootHash: string;
  algorithm: string;
  timestamp: string;
  keyId: string;
  signature: string;
  peaks: string[];
  cursors: Partial<Record<SealKind, string>>;
};

type RawHead = {
  tree_size: number | string;
  root_hash: string;
  algorithm: string;
  timestamp: string;
  key_id: string;
  signature: string;
  peaks: string;
  cursors: string;
};

function headOf(row: RawHead): HeadRow {
  return {
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    algorithm: row.algorithm,
    timestamp: row.timestamp,
    keyId: row.key_id,
    signature: row.signature,
    peaks: JSON.parse(row.peaks) as string[],
    cursors: JSON.parse(row.cursors) as Partial<Record<SealKind, string>>,
  };
}

const HEAD_COLUMNS = [
  'tree_size',
  'root_hash',
  'algorithm',
  'timestamp',
  'key_id',
  'signature',
  'peaks',
  'cursors',
] as const;

export async function latestHead(db: DbOrTrx): Promise<HeadRow | null> {
  const row = await db
    .selectFrom('seal_heads')
    .select(HEAD_COLUMNS)
    .orderBy('tree_size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? headOf(row) : null;
}

export async function headOfSize(db: DbOrTrx, treeSize: number): Promise<HeadRow | null> {
  const row = await db
    .selectFrom('seal_heads')
    .select(HEAD_COLUMNS)
    .where('tree_size', '=', treeSize)
    .executeTakeFirst();
  return row ? headOf(row) : null;
}

/** Heads larger than `afterSize`, oldest first. */
export async function headsAfter(db: DbOrTrx, afterSize: number): Promise<HeadRow[]> {
  const rows = await db
    .selectFrom('seal_heads')
    .select(HEAD_COLUMNS)
    .where('tree_size', '>', afterSize)
    .orderBy('tree_size')
    .execute();
  return rows.map(headOf);
}

export async function insertHead(db: DbOrTrx, head: HeadRow): Promise<void> {
  await db
    .insertInto('seal_heads')
    .values({
      tree_size: head.treeSize,
      root_hash: head.rootHash,
      algorithm: head.algorithm,
      timestamp: head.timestamp,
      key_id: head.keyId,
      signature: head.signature,
      peaks: JSON.stringify(head.peaks),
      cursors: JSON.stringify(head.cursors),
    })
    .execute();
}

/** Records of a source created after `after` (by id) and before `before`, in id order, one page. */
export async function recordsAfter(
  db: DbOrTrx,
  source: SealSource,
  after: string | undefined,
  before: string,
  limit: number,
): Promise<Record<string, unknown>[]> {
  // The table and its columns come from SEAL_SOURCES (leaves.ts), never from input.
  let query = db
    .selectFrom(source.table)
    .select(Object.keys(source.columns) as never[])
    .where('id', '<', before);
  if (after) query = query.where('id', '>', after);
  return await query.orderBy('id').limit(limit).execute();
}

/** The rows of a source with these ids (for checking the database against its leaves). */
export async function recordsByIds(db: DbOrTrx, source: SealSource, ids: string[]): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return [];
  return await db
    .selectFrom(source.table)
    .select(Object.keys(source.columns) as never[])
    .where('id', 'in', ids)
    .execute();
}

/** Ids of a source's records up to `upTo` (inclusive), in id order, one page after `after`. */
export async function recordIdsUpTo(
  db: DbOrTrx,
  source: SealSource,
  after: string | undefined,
  upTo: string,
  limit: number,
): Promise<string[]> {
  let query = db.selectFrom(source.table).select('id').where('id', '<=', upTo);
  if (after) query = query.where('id', '>', after);
  return (await query.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

export async function insertLeaves(db: DbOrTrx, leaves: (SealLeaf & { leafHash: string })[]): Promise<void> {
  for (let i = 0; i < leaves.length; i += 500) {
    await db
      .insertInto('seal_leaves')
      .values(
        leaves.slice(i, i + 500).map((l) => ({
          leaf_index: l.index,
          kind: l.kind,
          record_id: l.id,
          subject: l.subject,
          digest: l.digest,
          leaf_hash: l.leafHash,
        })),
      )
      .execute();
  }
}

export type StoredLeaf = SealLeaf & { leafHash: string };

function leafRow(r: {
  leaf_index: number | string;
  kind: string;
  record_id: string;
  subject: string | null;
  digest: string;
  leaf_hash: string;
}): StoredLeaf {
  if (!(SEAL_KINDS as readonly string[]).includes(r.kind)) throw new Error(`unknown leaf kind ${r.kind}`);
  return {
    index: Number(r.leaf_index),
    kind: r.kind as SealKind,
    id: r.record_id,
    subject: r.subject,
    digest: r.digest,
    leafHash: r.leaf_hash,
  };
}

const LEAF_COLUMNS = ['leaf_index', 'kind', 'record_id', 'subject', 'digest', 'leaf_hash'] as const;

/** Leaves with index in [from, to), in tree order. */
export async function leavesBetween(db: DbOrTrx, from: number, to: number): Promise<StoredLeaf[]> {
  const rows = await db
    .selectFrom('seal_leaves')
    .select(LEAF_COLUMNS)
    .where('leaf_index', '>=', from)
    .where('leaf_index', '<', to)
    .orderBy('leaf_index')
    .execute();
  return rows.map(leafRow);
}

/** The leaf hashes of the first `size` leaves (what a proof is computed from). */
export async function leafHashes(db: DbOrTrx, size: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  const page = 50_000;
  for (let from = 0; from < size; from += page) {
    const rows = await db
      .selectFrom('seal_leaves')
      .select('leaf_hash')
      .where('leaf_index', '>=', from)
      .where('leaf_index', '<', Math.min(size, from + page))
      .orderBy('leaf_index')
      .execute();
    for (const r of rows) out.push(Buffer.from(r.leaf_hash, 'hex'));
  }
  return out;
}

export async function leafOfRecord(db: DbOrTrx, kind: SealKind, recordId: string): Promise<StoredLeaf | null> {
  const row = await db
    .selectFrom('seal_leaves')
    .select(LEAF_COLUMNS)
    .where('kind', '=', kind)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return row ? leafRow(row) : null;
}
