import type { KeyObject } from 'node:crypto';
import type { DbOrTrx } from '../../database/schema.js';
import { keyIdOf, verifyPayload } from '../../platform/signing.js';
import { leafFiles, readHeads, readLeaves, type ExportedHead } from './export.js';
import { headStatement, leafBytes, recordDigest, SEAL_SOURCES, type SealKind, type SealLeaf } from './leaves.js';
import {
  CompactRange,
  consistencyProof,
  HASH_ALGORITHMS,
  treeHasher,
  verifyConsistency,
  type HashAlgorithm,
} from './merkle.js';
import { recordIdsUpTo, recordsByIds } from './seal.repository.js';

// The offline check of an export (npm run verify:seal, docs/evidence-seal.md): with only the seal's public key and the
// exported files, every head's signature verifies, the leaves tile [0, n) without gaps, every head's root is the tree
// of the first treeSize leaves (so each head is a prefix of the next: the log only grew), and the last two heads are
// also checked with an RFC 6962 consistency proof as a holder of only the older head would. Given a database, every
// sealed record must still be there with the digest it was sealed with, and no record may sit among sealed ones
// without a leaf of its own.

export type SealProblemCode =
  | 'export_malformed'
  | 'no_heads'
  | 'head_key_unknown'
  | 'head_signature_invalid'
  | 'head_order'
  | 'head_algorithm'
  | 'head_root_mismatch'
  | 'head_without_leaves'
  | 'heads_inconsistent'
  | 'leaves_gap'
  | 'leaves_unsigned'
  | 'record_missing'
  | 'record_changed'
  | 'record_unsealed';

export type SealProblem = {
  code: SealProblemCode;
  message: string;
  kind?: SealKind;
  id?: string;
  /** The learner (learning records, face checks) or alert (alert events) the record concerns. */
  subject?: string | null;
};

export type SealReport = {
  heads: number;
  leaves: number;
  treeSize: number;
  rootHash: string | null;
  /** Records compared with the database (0 without one). */
  recordsChecked: number;
  problems: SealProblem[];
};

export async function verifyExport(
  dir: string,
  publicKey: KeyObject,
  options: { db?: DbOrTrx } = {},
): Promise<SealReport> {
  const problems: SealProblem[] = [];
  const { heads, problems: headProblems } = readHeads(dir);
  problems.push(...headProblems);
  if (heads.length === 0) problems.push({ code: 'no_heads', message: 'the export holds no signed tree head' });
  const keyId = keyIdOf(publicKey);
  const algorithm = heads[0]?.algorithm;
  let previous: ExportedHead | null = null;
  for (const head of heads) {
    const name = `head of ${head.treeSize} leaves (${head.timestamp})`;
    if (head.keyId !== keyId)
      problems.push({ code: 'head_key_unknown', message: `${name} is signed by key ${head.keyId}, not ${keyId}` });
    else if (!verifyPayload(headStatement(statementOf(head)), head.signature, publicKey))
      problems.push({ code: 'head_signature_invalid', message: `${name}: the signature does not verify` });
    if (head.algorithm !== algorithm || !(HASH_ALGORITHMS as readonly string[]).includes(head.algorithm))
      problems.push({ code: 'head_algorithm', message: `${name} uses ${head.algorithm}, the tree ${algorithm}` });
    if (previous && head.treeSize <= previous.treeSize)
      problems.push({ code: 'head_order', message: `${name} does not grow the tree of ${previous.treeSize}` });
    previous = head;
  }
  const hasher = treeHasher(
    (HASH_ALGORITHMS as readonly string[]).includes(algorithm ?? '') ? (algorithm as HashAlgorithm) : 'sha256',
  );

  // Replay the leaves in order; each head's root must be the tree of its first treeSize leaves.
  const bySize = new Map(heads.map((h) => [h.treeSize, h]));
  const range = CompactRange.empty(hasher);
  const hashes: Buffer[] = [];
  const leaves: SealLeaf[] = [];
  const matched = new Set<number>();
  for (const file of leafFiles(dir)) {
    if (file.from !== range.size) {
      problems.push({
        code: 'leaves_gap',
        message: `leaves ${file.from}–${file.to} follow leaf ${range.size}: leaves are missing or repeated`,
      });
      continue;
    }
    const read = readLeaves(file.file);
    problems.push(...read.problems);
    if (read.leaves.length !== file.to - file.from || read.leaves.some((l, i) => l.index !== file.from + i)) {
      problems.push({
        code: 'leaves_gap',
        message: `leaves ${file.from}–${file.to}: the file does not hold them in order`,
      });
      continue;
    }
    for (const leaf of read.leaves) {
      const hash = hasher.leaf(leafBytes(leaf));
      range.appendLeafHash(hash);
      hashes.push(hash);
      leaves.push(leaf);
      const head = bySize.get(range.size);
      if (!head) continue;
      matched.add(range.size);
      if (range.root().toString('hex') !== head.rootHash)
        problems.push({
          code: 'head_root_mismatch',
          message: `head of ${head.treeSize} leaves: its root is not the tree of the exported leaves`,
        });
    }
  }
  for (const head of heads)
    if (!matched.has(head.treeSize))
      problems.push({
        code: 'head_without_leaves',
        message: `head of ${head.treeSize} leaves: the leaves are not all exported`,
      });
  const last = heads[heads.length - 1];
  if (last && range.size > last.treeSize)
    problems.push({
      code: 'leaves_unsigned',
      message: `${range.size - last.treeSize} exported leaves are beyond the last signed head (${last.treeSize})`,
    });
  if (heads.length >= 2 && range.size >= last.treeSize) {
    const older = heads[heads.length - 2];
    const proof = consistencyProof(hasher, hashes, older.treeSize, last.treeSize);
    const ok = verifyConsistency(
      hasher,
      older.treeSize,
      last.treeSize,
      Buffer.from(older.rootHash, 'hex'),
      Buffer.from(last.rootHash, 'hex'),
      proof,
    );
    if (!ok)
      problems.push({
        code: 'heads_inconsistent',
        message: `the head of ${older.treeSize} leaves is not a prefix of the head of ${last.treeSize}`,
      });
  }

  const signed = last ? leaves.slice(0, last.treeSize) : [];
  const recordsChecked = options.db ? await checkDatabase(options.db, hasher, signed, problems) : 0;
  return {
    heads: heads.length,
    leaves: range.size,
    treeSize: last?.treeSize ?? 0,
    rootHash: last?.rootHash ?? null,
    recordsChecked,
    problems,
  };
}

function statementOf(head: ExportedHead) {
  return {
    algorithm: head.algorithm,
    treeSize: head.treeSize,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    keyId: head.keyId,
  };
}

/** Every sealed record still in the database with its sealed digest; no unsealed record among the sealed ones. */
async function checkDatabase(
  db: DbOrTrx,
  hasher: ReturnType<typeof treeHasher>,
  leaves: SealLeaf[],
  problems: SealProblem[],
): Promise<number> {
  let checked = 0;
  for (const source of SEAL_SOURCES) {
    const sealed = leaves.filter((l) => l.kind === source.kind);
    for (let i = 0; i < sealed.length; i += 500) {
      const chunk = sealed.slice(i, i + 500);
      const rows = new Map(
        (
          await recordsByIds(
            db,
            source,
            chunk.map((l) => l.id),
          )
        ).map((r) => [String(r.id), r] as const),
      );
      for (const leaf of chunk) {
        checked++;
        const row = rows.get(leaf.id);
        const at = { kind: leaf.kind, id: leaf.id, subject: leaf.subject };
        if (!row)
          problems.push({
            code: 'record_missing',
            message: `${source.table} ${leaf.id} (leaf ${leaf.index}) is gone`,
            ...at,
          });
        else if (recordDigest(hasher, source, row) !== leaf.digest)
          problems.push({
            code: 'record_changed',
            message: `${source.table} ${leaf.id} (leaf ${leaf.index}) differs from what was sealed`,
            ...at,
          });
      }
    }
    // Records created among sealed ones (ids up to the last sealed) were inserted afterwards, or missed the lag.
    if (sealed.length === 0) continue;
    const ids = new Set(sealed.map((l) => l.id));
    const upTo = sealed.reduce((max, l) => (l.id > max ? l.id : max), '');
    let after: string | undefined;
    for (;;) {
      const page = await recordIdsUpTo(db, source, after, upTo, 10_000);
      for (const id of page)
        if (!ids.has(id))
          problems.push({
            code: 'record_unsealed',
            message: `${source.table} ${id} sits among sealed records but was never sealed`,
            kind: source.kind,
            id,
          });
      if (page.length < 10_000) break;
      after = page[page.length - 1];
    }
  }
  return checked;
}

/** The problems as lines a person reads: missing records grouped by learner or alert, then everything else. */
export function describeProblems(problems: SealProblem[]): string[] {
  const lines: string[] = [];
  const missing = new Map<string, SealProblem[]>();
  for (const p of problems) {
    if (p.code === 'record_missing' && p.subject) {
      const key = `${p.kind} of ${p.kind === 'alert_event' ? 'alert' : 'learner'} ${p.subject}`;
      missing.set(key, [...(missing.get(key) ?? []), p]);
    } else lines.push(`${p.code.toUpperCase()}  ${p.message}`);
  }
  for (const [key, list] of missing)
    lines.push(`RECORD_MISSING  ${list.length} sealed ${key} gone: ${list.map((p) => p.id).join(', ')}`);
  return lines;
}
