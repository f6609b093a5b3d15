import { describe, expect, it } from 'vitest';
import type { DetectedFace, FaceAnalysis } from '../../adapters/face-engine/face-engine.js';
import { assessQuality, DEFAULT_QUALITY_RULES } from './quality.js';

// The quality rules over plain analyses (the real-photo checks are in face-photos.test.ts).

const face = (over: Partial<DetectedFace> = {}): DetectedFace => ({
  box: { x: 200, y: 100, width: 240, height: 300 },
  score: 0.99,
  yaw: 5,
  pitch: -3,
  brightness: 130,
  sharpness: 200,
  descriptor: new Float32Array(128),
  ...over,
});
const analysis = (...faces: DetectedFace[]): FaceAnalysis => ({
  width: 720,
  height: 576,
  brightness: 120,
  faces,
  ms: 1,
});

describe('face photo quality', () => {
  it('accepts one clear frontal face and reports its measures', () => {
    const result = assessQuality(analysis(face()));
    expect(result.ok).toBe(true);
    expect(result.measures).toEqual({
      faceShare: 0.521,
      score: 0.99,
      yaw: 5,
      pitch: -3,
      brightness: 130,
      sharpness: 200,
    });
  });

  it.each([
    ['no_face', analysis()],
    ['multiple_faces', analysis(face(), face({ box: { x: 500, y: 100, width: 150, height: 200 } }))],
    ['face_too_small', analysis(face({ box: { x: 10, y: 10, width: 80, height: 100 } }))],
    ['too_dark', analysis(face({ brightness: DEFAULT_QUALITY_RULES.minBrightness - 1 }))],
    ['too_bright', analysis(face({ brightness: DEFAULT_QUALITY_RULES.maxBrightness + 1 }))],
    ['blurred', analysis(face({ sharpness: DEFAULT_QUALITY_RULES.minSharpness - 1 }))],
    ['not_frontal', analysis(face({ yaw: -(DEFAULT_QUALITY_RULES.maxYawDegrees + 1) }))],
    ['not_frontal', analysis(face({ pitch: DEFAULT_QUALITY_RULES.maxPitchDegrees + 1 }))],
  ] as const)('refuses with %s', (reason, input) => {
    const result = assessQuality(input);
    expect(result).toMatchObject({ ok: false, reason });
  });

  it('ignores a small face far behind the person (a poster on the wall)', () => {
    expect(assessQuality(analysis(face(), face({ box: { x: 600, y: 20, width: 60, height: 80 } }))).ok).toBe(true);
  });

  it('needs enough pixels even when the face fills a tiny image', () => {
    const small: FaceAnalysis = {
      width: 90,
      height: 90,
      brightness: 120,
      faces: [face({ box: { x: 5, y: 5, width: 60, height: 70 } })],
      ms: 1,
    };
    expect(assessQuality(small)).toMatchObject({ ok: false, reason: 'face_too_small' });
  });

  it('reports the first problem a person would fix', () => {
    expect(assessQuality(analysis(face({ brightness: 10, sharpness: 1, yaw: 60 })))).toMatchObject({
      reason: 'too_dark',
    });
  });
});
