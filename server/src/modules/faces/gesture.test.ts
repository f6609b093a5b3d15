import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACE_API_CALIBRATION } from '../../adapters/face-engine/calibration.js';
import { FaceApiEngine } from '../../adapters/face-engine/face-api-engine.js';
import type { DetectedFace } from '../../adapters/face-engine/face-engine.js';
import type { Point } from '../../adapters/face-engine/measures.js';
import { facePhotos, franckVideoFrames, photoOnTurnedSheet, type FacePhotoSet } from '../../testing/face-photos.js';
import { DEFAULT_GESTURE_RULES, judgeGesture } from './gesture.js';

// The second action on made-up landmarks: a face 100 px high (nose top 27 to chin 8) whose lids are `eyes` px apart
// and inner lips `mouth` px apart.

function face(eyes: number, mouth: number): DetectedFace {
  const points: Point[] = Array.from({ length: 68 }, () => ({ x: 50, y: 80 }));
  points[27] = { x: 50, y: 30 };
  points[8] = { x: 50, y: 130 };
  for (const [upper, lower, x] of [
    [37, 41, 30],
    [38, 40, 36],
    [43, 47, 64],
    [44, 46, 70],
  ]) {
    points[upper] = { x, y: 40 };
    points[lower] = { x, y: 40 + eyes };
  }
  for (const [upper, lower, x] of [
    [61, 67, 42],
    [62, 66, 50],
    [63, 65, 58],
  ]) {
    points[upper] = { x, y: 100 };
    points[lower] = { x, y: 100 + mouth };
  }
  return {
    box: { x: 0, y: 0, width: 100, height: 140 },
    score: 0.99,
    yaw: 0,
    pitch: 0,
    brightness: 120,
    sharpness: 200,
    descriptor: new Float32Array(128),
    landmarks: points,
  };
}

const rules = { minMouthRise: 0.05, minEyeFall: 0.4 };

describe('second action (open the mouth, blink)', () => {
  it('sees the mouth open in the window, measured from the most closed frame before the prompt', () => {
    expect(judgeGesture('open_mouth', [face(6, 1), face(6, 3)], [face(6, 2), face(6, 7)], rules)).toMatchObject({
      ok: true,
      reason: null,
      baseline: 0.01,
      extreme: 0.07,
      change: 0.06,
    });
    expect(judgeGesture('open_mouth', [face(6, 1)], [face(6, 4), face(6, 5.5)], rules)).toMatchObject({
      ok: false,
      reason: 'no_gesture',
    });
  });

  it('does not take an open mouth throughout (a photo of someone talking) for opening it', () => {
    expect(judgeGesture('open_mouth', [face(6, 12)], [face(6, 12), face(6, 13)], rules)).toMatchObject({
      ok: false,
      reason: 'no_gesture',
      change: 0.01,
    });
  });

  it('sees a blink as the eyes closing to under 60 % of their widest before the prompt', () => {
    expect(judgeGesture('blink', [face(6, 1), face(5, 1)], [face(6, 1), face(3, 1), face(6, 1)], rules)).toMatchObject({
      ok: true,
      baseline: 0.06,
      extreme: 0.03,
      change: 0.5,
    });
    expect(judgeGesture('blink', [face(6, 1)], [face(4, 1), face(5, 1)], rules)).toMatchObject({
      ok: false,
      reason: 'no_gesture',
    });
    // Eyes already closed before the prompt: nothing to fall from.
    expect(judgeGesture('blink', [face(0, 1)], [face(0, 1)], rules)).toMatchObject({ ok: false, change: 0 });
  });

  it('gives no evidence from frames without a face or landmarks', () => {
    const blind = { ...face(6, 1), landmarks: undefined };
    expect(judgeGesture('open_mouth', [undefined, blind], [face(6, 30)], rules)).toMatchObject({
      ok: false,
      reason: 'no_gesture',
      baseline: null,
    });
    expect(judgeGesture('blink', [face(6, 1)], [undefined], rules)).toMatchObject({ ok: false, extreme: null });
  });
});

describe('second action on real frames', { timeout: 300_000 }, () => {
  let engine: FaceApiEngine;
  let photos: FacePhotoSet;
  const faceOf = async (image: Buffer) => (await engine.analyse(image)).faces[0];

  beforeAll(async () => {
    photos = await facePhotos();
    engine = new FaceApiEngine({
      workers: 1,
      threshold: FACE_API_CALIBRATION.threshold,
      maxQueue: 64,
      jobTimeoutMs: 300_000,
    });
    await engine.warmUp();
  }, 300_000);
  afterAll(async () => {
    await engine?.close();
  });

  it('sees franck open his mouth in his video, and not while it stays closed', async () => {
    // His video at 2 frames a second: mouth closed at 0.5 s (lip gap 0.007 of the face height), open from 1.5 s to
    // 2.5 s (0.11–0.12), closed again from 4 s (docs/face-liveness.md).
    const video = await Promise.all((await franckVideoFrames(6)).map(faceOf));
    const opened = judgeGesture(
      'open_mouth',
      [video[0], video[1]],
      [video[3], video[4], video[5]],
      DEFAULT_GESTURE_RULES,
    );
    expect(opened, JSON.stringify(opened)).toMatchObject({ ok: true });
    expect(opened.change!).toBeGreaterThanOrEqual(0.1);
    const closed = judgeGesture(
      'open_mouth',
      [video[0], video[1]],
      [video[8], video[9], video[10]],
      DEFAULT_GESTURE_RULES,
    );
    expect(closed, JSON.stringify(closed)).toMatchObject({ ok: false, reason: 'no_gesture' });
  });

  it('sees no open mouth and no blink in a print, flat or folded, however it is turned', async () => {
    for (const name of ['franck_01829.jpg', 'cage.jpg', 'obama4_crop.jpg']) {
      const print = photos.read(name);
      const held = await Promise.all(
        [
          { turn: 30, fold: 35 },
          { turn: -30, fold: 35 },
          { turn: 30, fold: 20 },
          { turn: 50, distance: 0.7 },
          { turn: -50, distance: 0.7 },
        ].map(async (pose) => faceOf(await photoOnTurnedSheet(print, { axis: 0.55, distance: 1.5, ...pose }))),
      );
      const frontal = await faceOf(print);
      for (const gesture of ['open_mouth', 'blink'] as const) {
        const verdict = judgeGesture(gesture, [frontal], held, DEFAULT_GESTURE_RULES);
        expect(verdict, `${name} ${JSON.stringify(verdict)}`).toMatchObject({ ok: false, reason: 'no_gesture' });
      }
    }
  });

  it('cannot see a blink: the landmark net hardly closes the lids of franck’s shut eyes (why blink is not offered)', async () => {
    const open = await faceOf(photos.read('franck_01829.jpg'));
    const shut = await faceOf(photos.read('franck_04000.jpg'));
    const verdict = judgeGesture('blink', [open], [shut], DEFAULT_GESTURE_RULES);
    expect(verdict).toMatchObject({ ok: false, reason: 'no_gesture' });
    expect(verdict.change!).toBeLessThan(0.2);
  });
});
