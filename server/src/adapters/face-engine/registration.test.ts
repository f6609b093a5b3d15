import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from './measures.js';
import { landmarkHomography, registrationResidual, type RegistrationFace } from './registration.js';

// The registration residual on made-up pictures: a smooth texture (a "face") seen through a known homography — a
// plane moved, turned, seen in perspective — registers to about 0; the same texture with its two halves on two
// planes (a fold), or bent as a 3-D surface would be, does not.

const W = 200;
const H = 230;

/** A smooth texture with detail at several scales, defined everywhere (so a warp can be sampled exactly). */
const texture = (x: number, y: number) =>
  128 +
  35 * Math.sin(x / 7 + y / 11) +
  25 * Math.cos(x / 3 - y / 5) +
  25 * Math.sin((x + 2 * y) / 4) +
  20 * Math.cos((3 * x - y) / 5);

/** 68 landmarks spread like a face's: jaw, brows (17–26) above the eyes (36–47), chin at 8. */
function facePoints(): Point[] {
  const p: Point[] = [];
  for (let i = 0; i < 17; i++) {
    const t = (i / 16) * Math.PI;
    p.push({ x: 100 - 80 * Math.cos(t), y: 90 + 110 * Math.sin(t) });
  }
  for (let i = 17; i < 27; i++) p.push({ x: 45 + (i - 17) * 12, y: 60 });
  for (let i = 27; i < 36; i++) p.push({ x: 92 + (i % 3) * 8, y: 85 + (i - 27) * 7 });
  for (let i = 36; i < 48; i++) p.push({ x: (i < 42 ? 55 : 115) + ((i - 36) % 6) * 6, y: 80 + (i % 2) * 4 });
  for (let i = 48; i < 68; i++) p.push({ x: 70 + ((i - 48) % 10) * 6, y: 155 + Math.floor((i - 48) / 10) * 8 });
  return p;
}

/** The picture seen through a map from the output pixel back onto the texture, and the points moved forward. */
function seen(back: (p: Point) => Point, forward: (p: Point) => Point): RegistrationFace {
  const grey = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const q = back({ x, y });
      grey[y * W + x] = texture(q.x, q.y);
    }
  return { patch: { width: W, height: H, grey }, points: facePoints().map(forward) };
}

const identity = (p: Point) => p;

/** A homography as its 8 parameters around the patch centre, and its inverse (by solving the 3 × 3 system). */
function homography(h: number[]): { forward: (p: Point) => Point; back: (p: Point) => Point } {
  const m = [1 + h[0], h[1], h[2], h[3], 1 + h[4], h[5], h[6], h[7], 1];
  const apply = (k: number[], p: Point) => {
    const x = p.x - W / 2;
    const y = p.y - H / 2;
    const z = k[6] * x + k[7] * y + k[8];
    return { x: (k[0] * x + k[1] * y + k[2]) / z + W / 2, y: (k[3] * x + k[4] * y + k[5]) / z + H / 2 };
  };
  const [a, b, c, d, e, f, g, hh, i] = m;
  const inv = [
    e * i - f * hh,
    c * hh - b * i,
    b * f - c * e,
    f * g - d * i,
    a * i - c * g,
    c * d - a * f,
    d * hh - e * g,
    b * g - a * hh,
    a * e - b * d,
  ];
  return { forward: (p) => apply(m, p), back: (p) => apply(inv, p) };
}

describe('registration residual', () => {
  const frontal = seen(identity, identity);

  it('maps landmarks through the homography they were moved by', () => {
    const { forward } = homography([0.05, 0.1, 6, -0.04, 0.02, -3, 0.0008, -0.0004]);
    const pts = facePoints();
    const fitted = landmarkHomography(pts, pts.map(forward));
    for (const p of [
      { x: 0, y: 0 },
      { x: 150, y: 40 },
      { x: 77, y: 201 },
    ]) {
      expect(fitted(p).x).toBeCloseTo(forward(p).x, 6);
      expect(fitted(p).y).toBeCloseTo(forward(p).y, 6);
    }
  });

  it('is 0 for the same picture and about 0 for a plane turned in perspective', () => {
    expect(registrationResidual(frontal, frontal)).toBeLessThan(1e-6);
    // A sheet turned about a vertical axis, close to the lens: x shrinks towards one side, rows converge.
    const turned = homography([-0.25, 0, 0, 0, -0.05, 0, 0.0025, 0]);
    expect(registrationResidual(frontal, seen(turned.back, turned.forward))).toBeLessThan(0.01);
  });

  it('stays about 0 for any moderate homography, even when the landmarks are off by a few pixels', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -0.2, max: 0.2, noNaN: true }),
          fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          fc.double({ min: -8, max: 8, noNaN: true }),
          fc.double({ min: -0.1, max: 0.1, noNaN: true }),
          fc.double({ min: -0.2, max: 0.2, noNaN: true }),
          fc.double({ min: -8, max: 8, noNaN: true }),
          fc.double({ min: -0.002, max: 0.002, noNaN: true }),
          fc.double({ min: -0.002, max: 0.002, noNaN: true }),
        ),
        fc.integer({ min: 0, max: 67 }),
        (h, jittered) => {
          const { forward, back } = homography(h);
          // One landmark misplaced by 3 px, as the landmark net does on a warped face: the pixels correct it.
          const moved = (p: Point) => forward(p);
          const b = seen(back, moved);
          const points = b.points.map((p, i) => (i === jittered ? { x: p.x + 3, y: p.y - 3 } : p));
          expect(registrationResidual(frontal, { ...b, points })).toBeLessThan(0.02);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('is well above 0 for two planes (a fold) and for a nose moving more than the cheeks', () => {
    // The left half leans back (foreshortened to 70 %), the right half does not: a kink down the nose.
    const kink = (p: Point, k: number) => ({ x: p.x < W / 2 ? W / 2 + (p.x - W / 2) * k : p.x, y: p.y });
    const fold = seen(
      (p) => kink(p, 1 / 0.7),
      (p) => kink(p, 0.7),
    );
    expect(registrationResidual(frontal, fold)).toBeGreaterThan(0.04);
    // A head turning: the nose, in front of the cheeks, moves further than they do (a bump of 10 px around it).
    const nose = (p: Point, sign: number) => ({
      x: p.x + sign * 10 * Math.exp(-((p.x - 100) ** 2 + (p.y - 120) ** 2) / (2 * 25 ** 2)),
      y: p.y,
    });
    const turned = seen(
      (p) => nose(p, -1),
      (p) => nose(p, 1),
    );
    expect(registrationResidual(frontal, turned)).toBeGreaterThan(0.04);
  });
});
