import { canonicalJson } from '../../platform/signing.js';
import type { TreeHasher } from './merkle.js';

// What the seal covers and what a leaf is. Every append-only evidence table is a source: the learning records (each
// learner's hash chain, exam events included), face checks, the alerts' history (raised, escalated, proposals and
// decisions with their reasons: alert_events) and the audit log. A record's leaf is the canonical JSON of
// { v, kind, table, id, subject, digest }, where `digest` hashes the canonical JSON of the record's sealed columns as
// stored — so an edit of any of them, a recomputed chain hash included, changes the leaf, while the export itself
// carries no personal data (ids and digests only).

export const SEAL_KINDS = ['learning_record', 'face_check', 'alert_event', 'audit_entry'] as const;
export type SealKind = (typeof SEAL_KINDS)[number];

type ColumnType = 'text' | 'number';
export type SealSource = {
  kind: SealKind;
  table: 'learning_records' | 'face_checks' | 'alert_events' | 'audit_log';
  /** The column naming whom or what the record concerns (the learner, the alert), carried in the leaf. */
  subject: string | null;
  /** The sealed columns. A column added to a table later is not sealed until a new leaf version (`v`) names it. */
  columns: Record<string, ColumnType>;
};

const text = 'text' as const;
const num = 'number' as const;

/** The sources in the order a checkpoint appends them (each by id, i.e. creation order: UUIDv7). */
export const SEAL_SOURCES: readonly SealSource[] = [
  {
    kind: 'learning_record',
    table: 'learning_records',
    subject: 'user_id',
    columns: {
      id: text,
      user_id: text,
      chain_seq: num,
      session_id: text,
      kind: text,
      at: text,
      data: text,
      credited_ms: num,
      prev_hash: text,
      hash: text,
    },
  },
  {
    kind: 'face_check',
    table: 'face_checks',
    subject: 'user_id',
    columns: {
      id: text,
      user_id: text,
      enrolment_id: text,
      context_kind: text,
      context_id: text,
      context_step: text,
      engine: text,
      distance: num,
      threshold: num,
      result: text,
      reason: text,
      photo_key: text,
      liveness: text,
      frame_keys: text,
      at: text,
    },
  },
  {
    kind: 'alert_event',
    table: 'alert_events',
    subject: 'alert_id',
    columns: {
      id: text,
      alert_id: text,
      action: text,
      actor_id: text,
      actor_role: text,
      reason: text,
      details: text,
      at: text,
    },
  },
  {
    kind: 'audit_entry',
    table: 'audit_log',
    subject: null,
    columns: {
      id: text,
      seq: num,
      at: text,
      actor_id: text,
      actor_role: text,
      action: text,
      target_type: text,
      target_id: text,
      region_code: text,
      institution_id: text,
      ip: text,
      user_agent: text,
      request_id: text,
      details: text,
      prev_hash: text,
      hash: text,
    },
  },
];

export function sourceOf(kind: SealKind): SealSource {
  const source = SEAL_SOURCES.find((s) => s.kind === kind);
  if (!source) throw new Error(`not a sealed kind: ${kind}`);
  return source;
}

/** A leaf as exported and stored: enough to recompute its bytes, with its place in the tree. */
export type SealLeaf = { index: number; kind: SealKind; id: string; subject: string | null; digest: string };

/** The sealed columns of a row as one canonical value: numbers as numbers whichever driver read them, absent as null. */
export function sealedRecord(source: SealSource, row: Record<string, unknown>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [column, type] of Object.entries(source.columns)) {
    const value = row[column];
    out[column] = value === null || value === undefined ? null : type === 'number' ? Number(value) : asText(value);
  }
  return out;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new Error(`a sealed column holds ${typeof value}, not text`);
}

/** The content digest of a record (hex): the tree's hash of the canonical JSON of its sealed columns. */
export function recordDigest(hasher: TreeHasher, source: SealSource, row: Record<string, unknown>): string {
  return hasher.digest(Buffer.from(canonicalJson(sealedRecord(source, row)), 'utf8')).toString('hex');
}

/** The leaf's bytes: what the tree hashes as H(0x00 || leaf). */
export function leafBytes(leaf: Omit<SealLeaf, 'index'>): Buffer {
  const { table } = sourceOf(leaf.kind);
  return Buffer.from(
    canonicalJson({ v: 1, kind: leaf.kind, table, id: leaf.id, subject: leaf.subject, digest: leaf.digest }),
    'utf8',
  );
}

export function leafOf(hasher: TreeHasher, source: SealSource, row: Record<string, unknown>): Omit<SealLeaf, 'index'> {
  const subject = source.subject ? row[source.subject] : null;
  return {
    kind: source.kind,
    id: asText(row.id),
    subject: subject === null || subject === undefined ? null : asText(subject),
    digest: recordDigest(hasher, source, row),
  };
}

/** The signed statement of a tree head (the canonical JSON of this is what the Ed25519 signature covers). */
export type TreeHeadStatement = {
  v: 1;
  log: 'yunxue-evidence';
  algorithm: string;
  treeSize: number;
  rootHash: string;
  /** ISO-8601 UTC time the head was made. */
  timestamp: string;
  keyId: string;
};

export function headStatement(head: Omit<TreeHeadStatement, 'v' | 'log'>): string {
  return canonicalJson({ v: 1, log: 'yunxue-evidence', ...head } satisfies TreeHeadStatement);
}
