import { describe, expect, it } from 'vitest';
import { FACE_INDEX_PARAMS, FaceIndexHasher, type RawBucket } from './face-index.js';

// The bucket keys of the face index, on synthetic descriptors shaped like face-api's (a common offset plus
// per-person variation; same-person distances up to the 0.52 threshold, other people ~0.8 apart). How well the
// index finds real faces at scale is measured by bench/face.ts; this checks the mechanics and the direction.

function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = seeded(42);
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const offset = Float32Array.from({ length: 128 }, () => gauss() * 0.12);
/** A person: the common offset plus variation giving ~0.8 between two people. */
const person = () => Float32Array.from(offset, (v) => v + gauss() * 0.05);
/** Another photo of the same person, exactly `distance` away. */
function near(face: Float32Array, distance: number): Float32Array {
  const step = Float32Array.from(face, () => gauss());
  const norm = Math.hypot(...step);
  return Float32Array.from(face, (v, i) => v + (step[i] / norm) * distance);
}
const dist = (a: Float32Array, b: Float32Array) => Math.hypot(...Array.from(a, (v, i) => v - b[i]));
const text = (b: RawBucket) => `${b.table}|${b.cells.join(',')}`;
/** Tables in which the stored face shares a bucket with the query's probes: the index's vote for it. */
function votes(hasher: FaceIndexHasher, stored: Float32Array, query: Float32Array): number {
  const probes = new Set(hasher.probes(query).map(text));
  return hasher.buckets(stored).filter((b) => probes.has(text(b))).length;
}

describe('face index keys', () => {
  const hasher = new FaceIndexHasher();

  it('gives every face one bucket per table and the same buckets on every node', () => {
    const face = person();
    const buckets = hasher.buckets(face);
    expect(buckets).toHaveLength(FACE_INDEX_PARAMS.tables);
    expect(buckets.map((b) => b.table)).toEqual([...Array(FACE_INDEX_PARAMS.tables).keys()]);
    for (const b of buckets) expect(b.cells).toHaveLength(FACE_INDEX_PARAMS.projections);
    expect(new FaceIndexHasher().buckets(face)).toEqual(buckets);
    // Another seed is another index: its keys would not find these faces.
    expect(new FaceIndexHasher({ ...FACE_INDEX_PARAMS, seed: 1 }).buckets(face)).not.toEqual(buckets);
  });

  it('probes the face’s own bucket and its nearest neighbours in each table', () => {
    const face = person();
    const probes = hasher.probes(face);
    expect(probes).toHaveLength(FACE_INDEX_PARAMS.tables * (1 + FACE_INDEX_PARAMS.probes));
    expect(new Set(probes.map(text)).size).toBe(probes.length);
    const own = new Set(probes.map(text));
    for (const b of hasher.buckets(face)) expect(own.has(text(b))).toBe(true);
    // Each probe differs from the table's own bucket by one cell of one projection.
    for (const p of probes) {
      const base = hasher.buckets(face)[p.table];
      const moved = p.cells.map((c, j) => Math.abs(c - base.cells[j])).reduce((a, b) => a + b, 0);
      expect(moved).toBeLessThanOrEqual(1);
    }
  });

  it('names buckets by key version and engine, so other parameters or engines never match', () => {
    const [bucket] = hasher.buckets(person());
    expect(hasher.bucketText('face-api@1.7.15', bucket)).toMatch(/^e2lsh1\|face-api@1\.7\.15\|0\|-?\d+(,-?\d+){8}$/);
    expect(hasher.bucketText('onnx-arcface', bucket)).not.toBe(hasher.bucketText('face-api@1.7.15', bucket));
  });

  it('makes the same person a candidate far more often than someone else', () => {
    const trials = 300;
    let same = 0;
    let sameAtThreshold = 0;
    let other = 0;
    for (let i = 0; i < trials; i++) {
      const face = person();
      // Typical same-person distances of real photos lie between 0.2 and 0.45 (docs/face-calibration.md).
      if (votes(hasher, face, near(face, 0.2 + random() * 0.25)) >= FACE_INDEX_PARAMS.minVotes) same++;
      if (votes(hasher, face, near(face, 0.52)) >= FACE_INDEX_PARAMS.minVotes) sameAtThreshold++;
      const stranger = person();
      expect(dist(face, stranger)).toBeGreaterThan(0.52);
      if (votes(hasher, face, stranger) >= FACE_INDEX_PARAMS.minVotes) other++;
    }
    expect(same / trials).toBeGreaterThan(0.9);
    // The hardest pairs (at the threshold itself) are found less often; the exact scope and repeated checks cover them.
    expect(sameAtThreshold / trials).toBeGreaterThan(0.3);
    expect(other / trials).toBeLessThan(0.05);
  });

  it('refuses a descriptor of the wrong length', () => {
    expect(() => hasher.buckets(new Float32Array(64))).toThrow(/128/);
  });
});
