import { createHash } from 'node:crypto';

// The Merkle tree of RFC 6962 §2.1 (Certificate Transparency), pure: leaf hash H(0x00 || leaf), node hash
// H(0x01 || left || right), and for n leaves that are not a power of two the left subtree holds the largest power of
// two below n. Audit paths (§2.1.1) and consistency proofs (§2.1.2) are made by the RFC's recursive definitions and
// checked by the verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2. Sizes and indexes are plain numbers
// (exact below 2^53): bit tests use arithmetic, never 32-bit operators.

export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export type TreeHasher = {
  algorithm: HashAlgorithm;
  /** MTH of the empty tree: the hash of no bytes. */
  empty(): Buffer;
  leaf(data: Uint8Array): Buffer;
  node(left: Uint8Array, right: Uint8Array): Buffer;
  /** The plain hash of some bytes (a record's content digest). */
  digest(data: Uint8Array): Buffer;
};

const LEAF = Buffer.from([0x00]);
const NODE = Buffer.from([0x01]);

/** SHA-256 or SM3 (GB/T 32905-2016; OpenSSL's, as node:crypto ships it) with RFC 6962's domain separation. */
export function treeHasher(algorithm: HashAlgorithm): TreeHasher {
  return {
    algorithm,
    empty: () => createHash(algorithm).digest(),
    leaf: (data) => createHash(algorithm).update(LEAF).update(data).digest(),
    node: (left, right) => createHash(algorithm).update(NODE).update(left).update(right).digest(),
    digest: (data) => createHash(algorithm).update(data).digest(),
  };
}

/** The largest power of two strictly below n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * The right edge of a tree being built leaf by leaf: the roots of its perfect subtrees, largest first (one per set bit
 * of the size). Appending costs O(1) amortised, the root O(log n), so a checkpoint hashes only its new leaves.
 */
export class CompactRange {
  private constructor(
    private readonly hasher: TreeHasher,
    private count: number,
    private readonly stack: Buffer[],
  ) {}

  static empty(hasher: TreeHasher): CompactRange {
    return new CompactRange(hasher, 0, []);
  }

  /** Resumes a range from its size and peaks (as `peaks()` gave them). */
  static resume(hasher: TreeHasher, size: number, peaks: Buffer[]): CompactRange {
    let bits = 0;
    for (let n = size; n > 0; n = half(n)) if (isOdd(n)) bits++;
    if (bits !== peaks.length) throw new Error(`a tree of ${size} leaves has ${bits} peaks, not ${peaks.length}`);
    return new CompactRange(hasher, size, [...peaks]);
  }

  get size(): number {
    return this.count;
  }

  peaks(): Buffer[] {
    return [...this.stack];
  }

  appendLeafHash(leafHash: Buffer): void {
    this.stack.push(leafHash);
    // Each trailing one bit of the old size is a perfect subtree the new leaf completes a level above.
    for (let n = this.count; isOdd(n); n = half(n)) {
      const right = this.stack.pop()!;
      const left = this.stack.pop()!;
      this.stack.push(this.hasher.node(left, right));
    }
    this.count += 1;
  }

  root(): Buffer {
    if (this.stack.length === 0) return this.hasher.empty();
    let acc = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) acc = this.hasher.node(this.stack[i], acc);
    return acc;
  }
}

/** MTH(D[start:end]) of leaf hashes: the tree over that slice. */
export function rootOf(hasher: TreeHasher, leafHashes: readonly Buffer[], start = 0, end = leafHashes.length): Buffer {
  const range = CompactRange.empty(hasher);
  for (let i = start; i < end; i++) range.appendLeafHash(leafHashes[i]);
  return range.root();
}

/** The audit path of leaf `index` in the tree of the first `size` leaf hashes (RFC 6962 §2.1.1 PATH(m, D[n])). */
export function inclusionProof(
  hasher: TreeHasher,
  leafHashes: readonly Buffer[],
  index: number,
  size = leafHashes.length,
): Buffer[] {
  if (!Number.isInteger(index) || index < 0 || index >= size || size > leafHashes.length)
    throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), rootOf(hasher, leafHashes, start + k, end)]
      : [...path(m - k, start + k, end), rootOf(hasher, leafHashes, start, start + k)];
  };
  return path(index, 0, size);
}

/** The proof that the tree of the first `m` leaves is a prefix of the tree of the first `n` (RFC 6962 §2.1.2). */
export function consistencyProof(
  hasher: TreeHasher,
  leafHashes: readonly Buffer[],
  m: number,
  n = leafHashes.length,
): Buffer[] {
  if (!Number.isInteger(m) || m < 0 || m > n || n > leafHashes.length)
    throw new RangeError(`no consistency proof from ${m} to ${n} leaves`);
  if (m === 0 || m === n) return [];
  const subproof = (mm: number, start: number, end: number, complete: boolean): Buffer[] => {
    const size = end - start;
    if (mm === size) return complete ? [] : [rootOf(hasher, leafHashes, start, end)];
    const k = splitPoint(size);
    return mm <= k
      ? [...subproof(mm, start, start + k, complete), rootOf(hasher, leafHashes, start + k, end)]
      : [...subproof(mm - k, start + k, end, false), rootOf(hasher, leafHashes, start, start + k)];
  };
  return subproof(m, 0, n, true);
}

/** The root an audit path leads to from a leaf hash, or null when the path cannot belong to leaf `index` of `size`. */
export function rootFromInclusionProof(
  hasher: TreeHasher,
  leafHash: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
): Buffer | null {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = hasher.node(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hasher.node(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2: true only when the path proves leaf `index` of the tree of `size` leaves with this root. */
export function verifyInclusion(
  hasher: TreeHasher,
  leafHash: Buffer,
  index: number,
  size: number,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  const computed = rootFromInclusionProof(hasher, leafHash, index, size, proof);
  return computed !== null && computed.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: true only when the proof shows that the tree of `m` leaves with `firstRoot` is a prefix of the
 * tree of `n` leaves with `secondRoot`. The empty tree is a prefix of every tree.
 */
export function verifyConsistency(
  hasher: TreeHasher,
  m: number,
  n: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || m > n) return false;
  if (m === 0) return proof.length === 0 && firstRoot.equals(hasher.empty());
  if (m === n) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (proof.length === 0) return false;
  // When m is a power of two the first tree is a complete subtree of the second: the proof starts at its root.
  const path = isPowerOfTwo(m) ? [firstRoot, ...proof] : [...proof];
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = hasher.node(c, fr);
      sr = hasher.node(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hasher.node(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}
