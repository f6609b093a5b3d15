import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseThreshold, distribution } from './calibration-stats.js';
import { descriptorFromBase64, descriptorToBase64, euclideanDistance } from './face-engine.js';
import {
  eyeOpening,
  FRONTAL_NOSE_PROPORTION,
  headPose,
  laplacianVariance,
  meanLuma,
  mouthOpening,
  type Point,
} from './measures.js';

/** A schematic frontal face: jaw from x=0 to x=100, eyes at y=40, chin at y=100, nose tip in the middle. */
function face(noseX = 50, noseY = 40 + 60 * FRONTAL_NOSE_PROPORTION): Point[] {
  const points: Point[] = Array.from({ length: 68 }, () => ({ x: 50, y: 60 }));
  points[0] = { x: 0, y: 40 };
  points[16] = { x: 100, y: 40 };
  points[8] = { x: 50, y: 100 };
  for (let i = 36; i < 48; i++) points[i] = { x: i < 42 ? 30 : 70, y: 40 };
  points[30] = { x: noseX, y: noseY };
  return points;
}

describe('head pose from landmarks', () => {
  it('is level and straight for a symmetric face', () => {
    const pose = headPose(face());
    expect(Math.abs(pose.yaw)).toBeLessThan(1e-9);
    expect(Math.abs(pose.pitch)).toBeLessThan(1e-9);
  });

  it('turns with the nose towards one jaw edge and nods with the nose towards the chin', () => {
    expect(headPose(face(75)).yaw).toBeCloseTo(30, 5);
    expect(headPose(face(25)).yaw).toBeCloseTo(-30, 5);
    expect(headPose(face(50, 80)).pitch).toBeGreaterThan(25);
    expect(headPose(face(50, 45)).pitch).toBeLessThan(-25);
  });

  it('stays within ±90° whatever the points', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            x: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
            y: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
          }),
          { minLength: 68, maxLength: 68 },
        ),
        (points) => {
          const { yaw, pitch } = headPose(points);
          return Math.abs(yaw) <= 90 && Math.abs(pitch) <= 90;
        },
      ),
    );
  });

  it('needs the 68 landmarks', () => {
    expect(() => headPose(face().slice(0, 10))).toThrow(/68/);
  });
});

describe('pixel measures', () => {
  it('finds no edges in a flat image and many in a checkerboard', () => {
    const flat = new Uint8Array(32 * 32).fill(128);
    const board = Uint8Array.from({ length: 32 * 32 }, (_, i) => (((i % 32) + Math.floor(i / 32)) % 2 ? 255 : 0));
    expect(laplacianVariance(flat, 32, 32)).toBe(0);
    expect(laplacianVariance(board, 32, 32)).toBeGreaterThan(1e5);
    expect(meanLuma(flat)).toBe(128);
    expect(meanLuma(board)).toBeCloseTo(127.5, 5);
  });
});

describe('descriptors', () => {
  it('survive the round trip through text and measure Euclidean distance', () => {
    const a = Float32Array.from({ length: 128 }, (_, i) => Math.sin(i) / 10);
    expect(descriptorFromBase64(descriptorToBase64(a))).toEqual(a);
    const b = Float32Array.from(a, (v, i) => (i === 0 ? v + 0.3 : i === 1 ? v + 0.4 : v));
    expect(euclideanDistance(a, b)).toBeCloseTo(0.5, 6);
    expect(() => euclideanDistance(a, new Float32Array(3))).toThrow();
  });
});

describe('threshold calibration', () => {
  it('summarises a distribution', () => {
    expect(distribution([5, 1, 4, 2, 3])).toEqual({ count: 5, min: 1, p5: 1, median: 3, p95: 5, max: 5 });
  });

  it('goes midway between separated distributions, with half the gap as margin', () => {
    const choice = chooseThreshold([0.2, 0.3, 0.5], [0.54, 0.8]);
    expect(choice).toMatchObject({ method: 'midpoint', falseRejectRate: 0, falseAcceptRate: 0 });
    expect(choice.threshold).toBeCloseTo(0.52, 9);
    expect(choice.margin).toBeCloseTo(0.02, 9);
  });

  it('takes the equal-error point when they overlap', () => {
    const choice = chooseThreshold([0.2, 0.3, 0.45, 0.6], [0.4, 0.7, 0.8, 0.9]);
    expect(choice.method).toBe('equal-error');
    expect(choice.margin).toBe(0);
    expect(choice.falseRejectRate).toBe(choice.falseAcceptRate);
    expect(choice.threshold).toBeGreaterThanOrEqual(0.4);
    expect(choice.threshold).toBeLessThan(0.6);
  });
});

/** Nose top (27) at y=30, chin (8) at y=130: a face 100 high; lids `eyes` apart, inner lips `mouth` apart. */
function openings(eyes: number, mouth: number): Point[] {
  const points: Point[] = Array.from({ length: 68 }, () => ({ x: 50, y: 80 }));
  points[27] = { x: 50, y: 30 };
  points[8] = { x: 50, y: 130 };
  for (const [upper, lower, x] of [
    [37, 41, 30],
    [38, 40, 36],
    [43, 47, 64],
    [44, 46, 70],
  ])
    [points[upper], points[lower]] = [
      { x, y: 40 },
      { x, y: 40 + eyes },
    ];
  for (const [upper, lower, x] of [
    [61, 67, 42],
    [62, 66, 50],
    [63, 65, 58],
  ])
    [points[upper], points[lower]] = [
      { x, y: 100 },
      { x, y: 100 + mouth },
    ];
  return points;
}

describe('mouth and eye opening from landmarks', () => {
  it('measures the lip and lid gaps as shares of the face height', () => {
    expect(mouthOpening(openings(6, 0))).toBe(0);
    expect(mouthOpening(openings(6, 20))).toBeCloseTo(0.2, 9);
    expect(eyeOpening(openings(6, 20))).toBeCloseTo(0.06, 9);
    expect(eyeOpening(openings(0, 20))).toBe(0);
    expect(() => mouthOpening(openings(6, 0).slice(0, 60))).toThrow();
  });

  it('does not change when the picture is moved, scaled, or squeezed sideways (a turn about a vertical axis)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 15, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0.3, max: 3, noNaN: true }),
        fc.double({ min: 0.3, max: 1, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        (eyes, mouth, scale, squeeze, shift) => {
          const points = openings(eyes, mouth);
          const moved = points.map((p) => ({ x: p.x * scale * squeeze + shift, y: p.y * scale - shift }));
          expect(mouthOpening(moved)).toBeCloseTo(mouthOpening(points), 9);
          expect(eyeOpening(moved)).toBeCloseTo(eyeOpening(points), 9);
        },
      ),
    );
  });
});
