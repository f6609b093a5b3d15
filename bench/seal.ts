// The evidence seal's checkpoint of a million leaves (issue 18): the time and memory of building the RFC 6962 tree
// over 1,000,000 leaves — each leaf the canonical JSON a learning record is sealed as, its record digest, the leaf
// hash, the compact range and the root — with SHA-256 and with SM3, against a baseline measured in the same run:
// hashing the same leaf bytes flat (one digest per leaf, no tree). Then an inclusion and a consistency proof over the
// same million leaf hashes (what GET /api/seal/inclusion computes today, from all leaf hashes).
//
//   npm run bench:seal                 BENCH_LEAVES=1000000
//
// Target: the tree hashes each record three times (its digest, its leaf, one node amortised) where the baseline hashes
// it once, so the checkpoint should stay within 4× the flat baseline; and a million leaves — far more than five minutes
// of the platform's evidence — within 60 s per algorithm on one (shared) core, so a 5-minute schedule keeps up.
// Figures go to docs/performance.md ("Evidence seal").
import { canonicalJson } from '../server/src/platform/signing.js';
import { newId } from '../server/src/platform/ids.js';
import { leafBytes } from '../server/src/modules/seal/leaves.js';
import {
  CompactRange,
  consistencyProof,
  inclusionProof,
  treeHasher,
  type HashAlgorithm,
} from '../server/src/modules/seal/merkle.js';

const N = Number(process.env.BENCH_LEAVES ?? 1_000_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// A learning record as the seal reads it (its sealed columns), made once per leaf like a checkpoint does.
const user = newId();
const session = newId();
const idOf = (i: number) => `01930000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
function record(i: number) {
  return {
    id: idOf(i),
    user_id: user,
    chain_seq: i + 1,
    session_id: session,
    kind: 'heartbeat',
    at: new Date(Date.UTC(2026, 11, 1) + i * 20_000).toISOString(),
    data: `{"positionMs":${i * 20_000},"rate":1,"visible":true}`,
    credited_ms: 20_000,
    prev_hash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  };
}

function flat(algorithm: HashAlgorithm): number {
  const h = treeHasher(algorithm);
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const bytes = Buffer.from(canonicalJson(record(i)), 'utf8');
    h.digest(bytes);
  }
  return performance.now() - start;
}

function tree(algorithm: HashAlgorithm): { ms: number; heapMb: number; root: string; hashes: Buffer[] } {
  const h = treeHasher(algorithm);
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  const range = CompactRange.empty(h);
  // A checkpoint keeps no leaf hashes in memory (they go to seal_leaves page by page); the bench copies them into one
  // flat buffer for the proofs below (no object per leaf) and reports the heap with it.
  const flatHashes = Buffer.alloc(N * 32);
  for (let i = 0; i < N; i++) {
    const row = record(i);
    const digest = h.digest(Buffer.from(canonicalJson(row), 'utf8')).toString('hex');
    const leafHash = h.leaf(leafBytes({ kind: 'learning_record', id: row.id, subject: user, digest }));
    range.appendLeafHash(leafHash);
    leafHash.copy(flatHashes, i * 32);
  }
  const root = range.root().toString('hex');
  const ms = performance.now() - start;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const hashes = Array.from({ length: N }, (_, i) => flatHashes.subarray(i * 32, i * 32 + 32));
  return { ms, heapMb, root, hashes };
}

console.log(`Evidence seal checkpoint of ${N.toLocaleString('en')} leaves (one core)`);
let met = true;
for (const algorithm of ['sha256', 'sm3'] as const) {
  const baseline = flat(algorithm);
  const built = tree(algorithm);
  const h = treeHasher(algorithm);
  let t = performance.now();
  const proof = inclusionProof(h, built.hashes, Math.floor(N / 3));
  const inclusionMs = performance.now() - t;
  t = performance.now();
  const consistency = consistencyProof(h, built.hashes, Math.floor(N / 2));
  const consistencyMs = performance.now() - t;
  const ratio = built.ms / baseline;
  const ok = ratio <= 4 && built.ms <= 60_000;
  met &&= ok;
  console.log(
    `${algorithm.padEnd(6)} baseline flat hashing ${(baseline / 1000).toFixed(2)} s | tree ${(built.ms / 1000).toFixed(2)} s ` +
      `(${ratio.toFixed(2)}× baseline), heap +${built.heapMb.toFixed(0)} MB, rss ${mb(process.memoryUsage().rss)} | ` +
      `inclusion proof (${proof.length} hashes) ${inclusionMs.toFixed(0)} ms, consistency proof (${consistency.length}) ${consistencyMs.toFixed(0)} ms | ` +
      `${ok ? 'target met' : 'TARGET MISSED'} (≤ 4× baseline, ≤ 60 s)`,
  );
}
process.exit(met ? 0 : 1);
