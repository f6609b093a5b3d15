import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProof,
  inclusionProof,
  rootOf,
  treeHasher,
  verifyConsistency,
  verifyInclusion,
  HASH_ALGORITHMS,
} from './merkle.js';

const sha = treeHasher('sha256');
const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

// The Certificate Transparency reference vectors for RFC 6962 (the C++ merkle_tree_test, also in Trillian and
// transparency-dev/merkle): eight leaves, the roots of the trees of their first 1..8, some audit paths and
// consistency proofs.
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(unhex);
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_PATHS: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];
const CT_CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

const ctHashes = CT_LEAVES.map((l) => sha.leaf(l));
const rootAt = (n: number): Buffer => unhex(CT_ROOTS[n - 1]);

describe('RFC 6962 reference vectors (Certificate Transparency)', () => {
  it('the empty tree is the hash of no bytes', () => {
    expect(hex(rootOf(sha, []))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the published root of the first 1..8 leaves, built at once or leaf by leaf', () => {
    const range = CompactRange.empty(sha);
    for (let n = 1; n <= 8; n++) {
      range.appendLeafHash(ctHashes[n - 1]);
      expect(hex(rootOf(sha, ctHashes.slice(0, n))), `n=${n}`).toBe(CT_ROOTS[n - 1]);
      expect(hex(range.root()), `n=${n} (compact)`).toBe(CT_ROOTS[n - 1]);
    }
  });

  it('gives the published audit paths, and each verifies against the published root', () => {
    for (const [index, size, path] of CT_PATHS) {
      const proof = inclusionProof(sha, ctHashes, index, size);
      expect(proof.map(hex), `leaf ${index} of ${size}`).toEqual(path);
      expect(verifyInclusion(sha, ctHashes[index], index, size, proof, rootAt(size))).toBe(true);
    }
  });

  it('gives the published consistency proofs, and each verifies between the published roots', () => {
    for (const [m, n, expected] of CT_CONSISTENCY) {
      const proof = consistencyProof(sha, ctHashes, m, n);
      expect(proof.map(hex), `${m} → ${n}`).toEqual(expected);
      expect(verifyConsistency(sha, m, n, rootAt(m), rootAt(n), proof), `${m} → ${n}`).toBe(true);
    }
  });

  it('SM3 is the national standard hash (GB/T 32905 example 1: "abc")', () => {
    expect(hex(treeHasher('sm3').digest(Buffer.from('abc')))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });
});

const leavesArb = fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 40 });
const algorithmArb = fc.constantFrom(...HASH_ALGORITHMS);

function flipByte(b: Buffer, at: number): Buffer {
  const copy = Buffer.from(b);
  copy[at % copy.length] ^= 0x01;
  return copy;
}

describe('inclusion proofs', () => {
  it('every leaf of every tree verifies against its root; one changed byte of the leaf or the path fails', () => {
    fc.assert(
      fc.property(algorithmArb, leavesArb, fc.nat(), fc.nat(), (algorithm, leaves, pick, at) => {
        const h = treeHasher(algorithm);
        const hashes = leaves.map((l) => h.leaf(l));
        const root = rootOf(h, hashes);
        const index = pick % leaves.length;
        const proof = inclusionProof(h, hashes, index);
        expect(verifyInclusion(h, hashes[index], index, leaves.length, proof, root)).toBe(true);
        const changedLeaf = Buffer.concat([Buffer.from(leaves[index]), Buffer.from([0])]);
        expect(verifyInclusion(h, h.leaf(changedLeaf), index, leaves.length, proof, root)).toBe(false);
        expect(verifyInclusion(h, flipByte(hashes[index], at), index, leaves.length, proof, root)).toBe(false);
        if (proof.length > 0) {
          const bad = proof.map((p, i) => (i === at % proof.length ? flipByte(p, at) : p));
          expect(verifyInclusion(h, hashes[index], index, leaves.length, bad, root)).toBe(false);
        }
      }),
    );
  });

  // (The tree size is not bound by the path alone — a path of leaf 0 of 3 also leads to that root as leaf 0 "of 4" — so
  // the signed head carries the size and a proof is checked against the head's size.)
  it('a proof does not verify for another index', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.integer({ min: 1, max: 5 }), (leaves, pick, shift) => {
        fc.pre(leaves.length > 1);
        const hashes = leaves.map((l) => sha.leaf(l));
        // Distinct leaves: a duplicate leaf at the other index would (rightly) verify there.
        fc.pre(new Set(hashes.map(hex)).size === hashes.length);
        const root = rootOf(sha, hashes);
        const index = pick % leaves.length;
        const proof = inclusionProof(sha, hashes, index);
        const other = (index + shift) % leaves.length;
        fc.pre(other !== index);
        expect(verifyInclusion(sha, hashes[index], other, leaves.length, proof, root)).toBe(false);
      }),
    );
  });
});

describe('consistency proofs', () => {
  it('the tree of any first m leaves is proved a prefix of the tree of n ≥ m', () => {
    fc.assert(
      fc.property(algorithmArb, leavesArb, fc.nat(), (algorithm, leaves, pick) => {
        const h = treeHasher(algorithm);
        const hashes = leaves.map((l) => h.leaf(l));
        const n = hashes.length;
        const m = pick % (n + 1);
        const proof = consistencyProof(h, hashes, m, n);
        expect(verifyConsistency(h, m, n, rootOf(h, hashes, 0, m), rootOf(h, hashes, 0, n), proof)).toBe(true);
      }),
    );
  });

  it('fails when a leaf of the first m is changed (the old root is not a prefix of the new tree)', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, pickM, pickLeaf) => {
        const hashes = leaves.map((l) => sha.leaf(l));
        const n = hashes.length;
        const m = 1 + (pickM % n);
        const changed = pickLeaf % m;
        const forged = [...hashes];
        forged[changed] = sha.leaf(Buffer.concat([Buffer.from(leaves[changed]), Buffer.from([1])]));
        const oldRoot = rootOf(sha, hashes, 0, m);
        // The history rewritten from leaf `changed` on: its tree of n leaves against the old head of m.
        const proof = consistencyProof(sha, forged, m, n);
        expect(verifyConsistency(sha, m, n, oldRoot, rootOf(sha, forged, 0, n), proof)).toBe(false);
      }),
    );
  });

  it('fails with a changed byte of the proof', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), (leaves, pick, at) => {
        const hashes = leaves.map((l) => sha.leaf(l));
        const n = hashes.length;
        const m = pick % (n + 1);
        const proof = consistencyProof(sha, hashes, m, n);
        fc.pre(proof.length > 0);
        const bad = proof.map((p, i) => (i === at % proof.length ? flipByte(p, at) : p));
        expect(verifyConsistency(sha, m, n, rootOf(sha, hashes, 0, m), rootOf(sha, hashes, 0, n), bad)).toBe(false);
      }),
    );
  });

  it('resuming a compact range from its peaks gives the same roots as building it in one go', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, pick) => {
        const hashes = leaves.map((l) => sha.leaf(l));
        const cut = pick % (hashes.length + 1);
        const first = CompactRange.empty(sha);
        hashes.slice(0, cut).forEach((x) => first.appendLeafHash(x));
        const resumed = CompactRange.resume(sha, first.size, first.peaks());
        hashes.slice(cut).forEach((x) => resumed.appendLeafHash(x));
        expect(hex(resumed.root())).toBe(hex(rootOf(sha, hashes)));
      }),
    );
  });
});
