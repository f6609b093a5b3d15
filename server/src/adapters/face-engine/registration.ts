// Registration of one face picture onto another (pure, no model): is the change between a frontal frame and a turned
// frame one projective transform of a plane — a photo held, turned or tilted in front of the camera — or not, as for a
// head turning in 3-D? The liveness decision (modules/faces/liveness.ts) refuses a turn that a single homography
// explains (docs/face-liveness.md "Registration residual"). Moved here from bench/liveness-registration.ts, unchanged
// in its arithmetic: least-squares homography from the 68 landmarks, then refined on the pixels of the inner face by
// damped Gauss–Newton over its 8 parameters with brightness gain and offset solved in closed form.

import type { Point } from './measures.js';

/** 8-bit (or float) grey pixels, row by row. */
export type GreyPatch = { width: number; height: number; grey: Uint8Array | Float32Array };

/** A face to register: its grey pixels and its 68 landmarks (iBUG layout) in the patch's own coordinates. */
export type RegistrationFace = { patch: GreyPatch; points: readonly Point[] };

export type Homography = (p: Point) => Point;

/** Least-squares homography a → b (h33 = 1), each point set normalised first (Hartley). Needs ≥ 4 point pairs. */
export function landmarkHomography(a: readonly Point[], b: readonly Point[]): Homography {
  if (a.length !== b.length || a.length < 4) throw new Error(`Need ≥ 4 point pairs, got ${a.length} and ${b.length}`);
  const norm = (ps: readonly Point[]) => {
    const mx = ps.reduce((s, p) => s + p.x, 0) / ps.length;
    const my = ps.reduce((s, p) => s + p.y, 0) / ps.length;
    const d = ps.reduce((s, p) => s + Math.hypot(p.x - mx, p.y - my), 0) / ps.length || 1;
    const k = Math.SQRT2 / d;
    return {
      f: (p: Point) => ({ x: (p.x - mx) * k, y: (p.y - my) * k }),
      inv: (p: Point) => ({ x: p.x / k + mx, y: p.y / k + my }),
    };
  };
  const na = norm(a);
  const nb = norm(b);
  const rows: number[][] = [];
  const rhs: number[] = [];
  a.forEach((p0, i) => {
    const p = na.f(p0);
    const q = nb.f(b[i]);
    rows.push([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x]);
    rhs.push(q.x);
    rows.push([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y]);
    rhs.push(q.y);
  });
  const normal = Array.from({ length: 8 }, (_, i) => [
    ...Array.from({ length: 8 }, (_, j) => rows.reduce((s, row) => s + row[i] * row[j], 0)),
    rows.reduce((s, row, k) => s + row[i] * rhs[k], 0),
  ]);
  const h = solve(normal);
  return (p0: Point) => {
    const p = na.f(p0);
    const z = h[6] * p.x + h[7] * p.y + 1;
    return nb.inv({ x: (h[0] * p.x + h[1] * p.y + h[2]) / z, y: (h[3] * p.x + h[4] * p.y + h[5]) / z });
  };
}

/** Solves an n × (n+1) augmented system in place by Gauss–Jordan elimination with partial pivoting. */
function solve(m: number[][]): number[] {
  const n = m.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i][c]) > Math.abs(m[piv][c])) piv = i;
    [m[c], m[piv]] = [m[piv], m[c]];
    for (let i = 0; i < n; i++)
      if (i !== c && m[c][c] !== 0) {
        const f = m[i][c] / m[c][c];
        for (let j = c; j <= n; j++) m[i][j] -= f * m[c][j];
      }
  }
  return m.map((row, i) => (row[i] === 0 ? 0 : row[n] / row[i]));
}

/** Bilinear sample; NaN outside the patch. */
export function sample(patch: GreyPatch, x: number, y: number): number {
  const { width: w, height: h, grey } = patch;
  if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) return NaN;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const x1 = Math.min(w - 1, x0 + 1);
  const y1 = Math.min(h - 1, y0 + 1);
  const fx = x - x0;
  const fy = y - y0;
  const top = grey[y0 * w + x0] * (1 - fx) + grey[y0 * w + x1] * fx;
  const bottom = grey[y1 * w + x0] * (1 - fx) + grey[y1 * w + x1] * fx;
  return top * (1 - fy) + bottom * fy;
}

/** 1 − normalised cross-correlation of two equally long sample lists (0: identical up to gain and offset). */
function oneMinusNcc(va: ArrayLike<number>, vb: ArrayLike<number>): number {
  const n = va.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += va[i];
    mb += vb[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (va[i] - ma) * (vb[i] - mb);
    saa += (va[i] - ma) ** 2;
    sbb += (vb[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? 1 - sab / Math.sqrt(saa * sbb) : 1;
}

export type RegistrationOptions = {
  /** Gauss–Newton iterations at most, per level (the bench's 30). */
  iterations?: number;
  /** Sample every `step` pixels of the inner face in each direction (the bench's 2). */
  step?: number;
  /**
   * Also start from the optimum on blurred copies (box blur of this share of the outer eye corners' distance, twice)
   * and keep the better result: a wider reach when the landmarks start far off. 0 = from the landmarks only.
   */
  coarse?: number;
};

/** Two passes of a separable box blur of radius r (edges clamped). */
export function boxBlur(patch: GreyPatch, r: number): GreyPatch {
  const { width: w, height: h } = patch;
  let src = Float32Array.from(patch.grey);
  for (let pass = 0; pass < 2; pass++)
    for (const horizontal of [true, false]) {
      const out = new Float32Array(w * h);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          let sum = 0;
          for (let t = -r; t <= r; t++) {
            const xx = horizontal ? Math.min(w - 1, Math.max(0, x + t)) : x;
            const yy = horizontal ? y : Math.min(h - 1, Math.max(0, y + t));
            sum += src[yy * w + xx];
          }
          out[y * w + x] = sum / (2 * r + 1);
        }
      src = out;
    }
  return { width: w, height: h, grey: src };
}

/**
 * The registration residual of b against a: 1 − NCC over a's inner face (brows to chin, between the outer eye
 * corners) after the best homography (landmark homography a → b refined on the pixels; also from blurred pixels). About
 * 0 when b is a's plane seen from elsewhere (a photo moved, tilted, turned), larger when b is a 3-D face seen from
 * elsewhere. Points that the homography sends outside b's patch count as mid-grey. 1 when a's inner face is empty.
 */
export function registrationResidual(a: RegistrationFace, b: RegistrationFace, options: RegistrationOptions = {}) {
  const iterations = options.iterations ?? 30;
  const step = options.step ?? 2;
  const coarse = options.coarse ?? 0.05;
  if (a.points.length < 68 || b.points.length < 68) throw new Error('Registration needs 68 landmarks per face');
  const H = landmarkHomography(a.points, b.points);
  const x0 = Math.max(0, Math.min(a.points[36].x, a.points[45].x));
  const x1 = Math.min(a.patch.width - 1, Math.max(a.points[36].x, a.points[45].x));
  const top = Math.max(0, Math.min(...a.points.slice(17, 27).map((p) => p.y)));
  const bottom = Math.min(a.patch.height - 1, a.points[8].y);
  const cx = (x0 + x1) / 2;
  const cy = (top + bottom) / 2;
  const k = (x1 - x0) / 2;
  const pts: Point[] = [];
  const at: number[] = [];
  for (let y = Math.round(top); y <= bottom; y += step)
    for (let x = Math.round(x0); x <= x1; x += step) {
      pts.push({ x: (x - cx) / k, y: (y - cy) / k });
      at.push(y * a.patch.width + x);
    }
  if (pts.length < 16 || !(k > 0)) return 1;
  const warp = (d: readonly number[], p: Point): Point => {
    const z = d[6] * p.x + d[7] * p.y + 1;
    const n = { x: ((1 + d[0]) * p.x + d[1] * p.y + d[2]) / z, y: (d[3] * p.x + (1 + d[4]) * p.y + d[5]) / z };
    return H({ x: n.x * k + cx, y: n.y * k + cy });
  };
  const warped = (pb: GreyPatch, d: readonly number[]) =>
    pts.map((p) => {
      const q = warp(d, p);
      const g = sample(pb, q.x, q.y);
      return Number.isNaN(g) ? 128 : g;
    });
  const va = at.map((i) => a.patch.grey[i]);
  const fine = (start: number[]) =>
    oneMinusNcc(
      va,
      warped(
        b.patch,
        refine(va, (d) => warped(b.patch, d), start, iterations),
      ),
    );
  const fromLandmarks = fine(Array<number>(8).fill(0));
  const radius = Math.round(coarse * 2 * k);
  if (radius < 1) return fromLandmarks;
  // From the blurred pixels' optimum too, and the better of the two: a plane must not escape by a bad start.
  const pa = boxBlur(a.patch, radius);
  const pb = boxBlur(b.patch, radius);
  const coarseStart = refine(
    at.map((i) => pa.grey[i]),
    (d) => warped(pb, d),
    Array<number>(8).fill(0),
    iterations,
  );
  return Math.min(fromLandmarks, fine(coarseStart));
}

/**
 * Damped Gauss–Newton (Levenberg–Marquardt) from d over the 8 homography parameters, numerical Jacobian, minimising
 * the brightness difference after the best gain and offset (closed form), so brightness changes between frames cost
 * nothing.
 */
function refine(
  va: readonly number[],
  warped: (d: readonly number[]) => number[],
  start: number[],
  iterations: number,
): number[] {
  const ma = va.reduce((s, v) => s + v, 0) / va.length;
  const resid = (d: readonly number[]): number[] => {
    const vb = warped(d);
    const mb = vb.reduce((s, v) => s + v, 0) / vb.length;
    let sab = 0;
    let sbb = 0;
    for (let i = 0; i < vb.length; i++) {
      sab += (va[i] - ma) * (vb[i] - mb);
      sbb += (vb[i] - mb) ** 2;
    }
    const gain = sbb > 0 ? sab / sbb : 0;
    return vb.map((v, i) => va[i] - ma - gain * (v - mb));
  };
  const cost = (r: readonly number[]) => r.reduce((s, v) => s + v * v, 0);

  let d = start;
  let r = resid(d);
  let c = cost(r);
  let lambda = 1e-3;
  for (let it = 0; it < iterations; it++) {
    const J = d.map((_, j) => {
      const e = 1e-4;
      const dd = [...d];
      dd[j] += e;
      const rr = resid(dd);
      return rr.map((v, i) => (v - r[i]) / e);
    });
    const JTJ = J.map((ji) => J.map((jj) => ji.reduce((s, v, i) => s + v * jj[i], 0)));
    const JTr = J.map((ji) => ji.reduce((s, v, i) => s + v * r[i], 0));
    let improved = false;
    for (let tries = 0; tries < 6 && !improved; tries++) {
      const stepVector = solve(
        JTJ.map((row, i) => [...row.map((v, j) => v + (i === j ? lambda * (JTJ[i][i] + 1e-9) : 0)), -JTr[i]]),
      );
      const nd = d.map((v, i) => v + stepVector[i]);
      const nr = resid(nd);
      const nc = cost(nr);
      if (nc < c) {
        d = nd;
        r = nr;
        c = nc;
        lambda /= 3;
        improved = true;
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  return d;
}
