import type { ColumnType } from 'kysely';

// Leaf indexes and tree sizes are bigint columns: PostgreSQL reads them back as strings (Number() them).
type BigintColumn = ColumnType<number | string, number, never>;

/** A leaf of the evidence tree, in tree order (append-only). */
export interface SealLeavesTable {
  leaf_index: BigintColumn;
  kind: string;
  record_id: string;
  subject: string | null;
  /** Hex digest of the record's sealed columns (leaves.ts). */
  digest: string;
  leaf_hash: string;
}

/** A signed tree head (append-only). */
export interface SealHeadsTable {
  tree_size: BigintColumn;
  root_hash: string;
  algorithm: string;
  timestamp: string;
  key_id: string;
  /** Ed25519 over the canonical statement (leaves.ts headStatement), base64url. */
  signature: string;
  /** JSON list of hex peaks (merkle.ts CompactRange). */
  peaks: string;
  /** JSON: kind → id of the last record sealed. */
  cursors: string;
}
