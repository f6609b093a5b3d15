// The bucket keys of the platform-wide face index: locality-sensitive hashing for Euclidean distance (p-stable
// random projections, "E2LSH"), with query-directed multi-probe and voting. Pure: the keys of a descriptor depend only
// on the parameters below, so every API node computes the same keys without sharing state.
//
// Each enrolled face is stored under `tables` keys (one per table). Each table concatenates `projections` quantised
// random projections: floor((a·x + b) / width). A face near the query lands in the same bucket of a table with a
// probability that falls with their distance. The query also probes, in each table, the `probes` neighbouring buckets
// its projections lie closest to (multi-probe), and a stored face becomes a candidate only when it shares a bucket
// with the query in at least `minVotes` tables — far faces rarely do twice. The candidates' exact distances decide.
// Parameters were chosen by measurement (bench/face.ts, docs/performance.md "Face checks"): on real photos and on
// synthetic descriptors shaped like them, about 97% of same-person faces become candidates while about 1% of
// everyone else does.

export type FaceIndexParams = {
  /** Version of the keys: part of every key, so a change of parameters never matches old rows by accident. */
  version: string;
  dims: number;
  tables: number;
  projections: number;
  /** Bucket width in descriptor distance units (face-api descriptors: same person ≤ 0.52, others ~0.8). */
  width: number;
  /** Extra buckets probed per table at query time. */
  probes: number;
  /** Tables in which a stored face must share a bucket with the query to become a candidate. */
  minVotes: number;
  /** At most this many candidates, most votes first: bounds the decryption work where many faces crowd together. */
  maxCandidates: number;
  seed: number;
};

export const FACE_INDEX_PARAMS: FaceIndexParams = {
  version: 'e2lsh1',
  dims: 128,
  tables: 20,
  projections: 9,
  width: 1.1,
  probes: 8,
  minVotes: 2,
  maxCandidates: 5000,
  seed: 20261124,
};

/** A small seeded generator (mulberry32): the projections must be the same on every node and after every restart. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  let u = 0;
  while (u === 0) u = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A bucket: its table and the quantised projections, before the keyed hash that stores it. */
export type RawBucket = { table: number; cells: number[] };

export class FaceIndexHasher {
  private readonly rows: Float64Array[];
  private readonly offsets: Float64Array;

  constructor(readonly params: FaceIndexParams = FACE_INDEX_PARAMS) {
    const random = seeded(params.seed);
    const count = params.tables * params.projections;
    this.rows = Array.from({ length: count }, () => Float64Array.from({ length: params.dims }, () => gaussian(random)));
    this.offsets = Float64Array.from({ length: count }, () => random() * params.width);
  }

  /** Every projection of the descriptor in bucket units (the integer part is the cell, the rest the position in it). */
  private project(descriptor: Float32Array): Float64Array {
    const { dims, width } = this.params;
    if (descriptor.length !== dims) throw new Error(`Face index expects ${dims} numbers, got ${descriptor.length}`);
    const out = new Float64Array(this.rows.length);
    for (let j = 0; j < this.rows.length; j++) {
      const row = this.rows[j];
      let sum = this.offsets[j];
      for (let i = 0; i < dims; i++) sum += row[i] * descriptor[i];
      out[j] = sum / width;
    }
    return out;
  }

  /** The one bucket per table a stored face goes under. */
  buckets(descriptor: Float32Array): RawBucket[] {
    const x = this.project(descriptor);
    const { tables, projections } = this.params;
    return Array.from({ length: tables }, (_, t) => ({
      table: t,
      cells: Array.from({ length: projections }, (_, j) => Math.floor(x[t * projections + j])),
    }));
  }

  /**
   * The buckets a query looks in: per table its own bucket, then the neighbours across the boundaries its
   * projections lie closest to (one projection moved by one cell), nearest boundary first.
   */
  probes(descriptor: Float32Array): RawBucket[] {
    const x = this.project(descriptor);
    const { tables, projections, probes } = this.params;
    const out: RawBucket[] = [];
    for (let t = 0; t < tables; t++) {
      const cells: number[] = [];
      const moves: { j: number; step: -1 | 1; gap: number }[] = [];
      for (let j = 0; j < projections; j++) {
        const v = x[t * projections + j];
        const cell = Math.floor(v);
        cells.push(cell);
        moves.push({ j, step: -1, gap: v - cell }, { j, step: 1, gap: cell + 1 - v });
      }
      out.push({ table: t, cells });
      moves.sort((a, b) => a.gap - b.gap);
      for (const move of moves.slice(0, probes)) {
        const moved = [...cells];
        moved[move.j] += move.step;
        out.push({ table: t, cells: moved });
      }
    }
    return out;
  }

  /** The text a bucket is hashed from; the engine's name keeps descriptors of different engines apart. */
  bucketText(engine: string, bucket: RawBucket): string {
    return `${this.params.version}|${engine}|${bucket.table}|${bucket.cells.join(',')}`;
  }
}
