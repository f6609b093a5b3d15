import type { DetectedFace, FaceAnalysis } from '../../adapters/face-engine/face-engine.js';
import { registrationResidual, type RegistrationFace } from '../../adapters/face-engine/registration.js';
import { assessQuality, type QualityMeasures, type QualityReason, type QualityRules } from './quality.js';

// Liveness by challenge and response: when a face check is issued the server picks a head turn the learner cannot
// know in advance; the player films a few frames a moment apart while prompting it; this pure function decides from
// the engine's analysis of each frame whether the enrolled person is there and turned their head as asked. A still
// photo, or a screen showing one, gives the same head pose in every frame; a photo turned in front of the camera (a
// print, a screen, a virtual camera warping one picture) moves as one plane, which a single homography registers onto
// the frontal frame, where a head does not (registration.ts). What it does not stop (a replayed video of the person
// turning, a print folded along the nose, a 3D mask) is measured in docs/face-liveness.md.

export const LIVENESS_ACTIONS = ['turn_left', 'turn_right'] as const;
export type LivenessAction = (typeof LIVENESS_ACTIONS)[number];

export type LivenessRules = {
  /** Head turn (landmark yaw, degrees) from the most frontal frame that counts as the requested motion. */
  minTurnDegrees: number;
  /**
   * Registration residual (1 − NCC of the inner face after the best homography, registration.ts) that the most
   * turned frame must leave against the frontal one: under it the turn is one plane moving — a flat picture.
   */
  minResidual: number;
  minFrames: number;
  maxFrames: number;
};

/**
 * 12°: the real head turns in the calibration photos (one man, one sitting) measure 15–19° from his frontal frame;
 * the same photo filmed again (moved, tilted, re-encoded) moves ≤ 4°, and a print turned by hand up to 35° at arm's
 * length ≤ 11° (docs/face-liveness.md).
 * 0.05: flat prints turned close to the lens far enough to pass the 12° turn leave 0.0007–0.040, photos filmed again
 * ≤ 0.006; real head turns 0.063–0.275 (SSD) and 0.066–0.263 (tiny detector) (docs/face-liveness.md "Registration
 * residual").
 */
export const DEFAULT_LIVENESS_RULES: LivenessRules = {
  minTurnDegrees: 12,
  minResidual: 0.05,
  minFrames: 3,
  maxFrames: 8,
};

export type LivenessReason = 'no_motion' | 'wrong_direction' | 'flat_image' | 'face_changed' | 'too_few_frames';

export type FrameReading = {
  /** Faces counted in the frame (one a small far-away face beside the main one does not count). */
  faces: number;
  yaw: number | null;
  /** Distance of the frame's face to the enrolled face. */
  distance: number | null;
};

export type LivenessInput = {
  action: LivenessAction;
  /** The engine's analysis of each frame, in the order they were filmed. */
  frames: FaceAnalysis[];
  enrolled: Float32Array;
  /** The engine's calibrated same-person distance. */
  threshold: number;
  distance: (a: Float32Array, b: Float32Array) => number;
  quality: QualityRules;
  rules?: LivenessRules;
  /** Registration residual of a turned face against the frontal one; `faceResidual` (the engine's pixels) by default. */
  residual?: (frontal: DetectedFace, turned: DetectedFace) => number | null;
};

export type LivenessVerdict = {
  ok: boolean;
  reason: LivenessReason | QualityReason | 'mismatch' | null;
  /** The frame judged as the frontal one (quality and identity are taken on it); null when no frame shows a face. */
  reference: number | null;
  /** Distance of the frontal face to the enrolled face. */
  distance: number | null;
  measures: QualityMeasures | null;
  /** Largest head turn in the requested direction from the frontal frame, and in the other direction, degrees. */
  turn: number | null;
  opposite: number | null;
  /** Registration residual of the most turned frame (`turnFrame`) against the frontal one, when the turn was enough. */
  residual: number | null;
  turnFrame: number | null;
  frames: FrameReading[];
};

/** A face as registration.ts takes it: the engine's grey patch and its landmarks in the patch; null without them. */
export function registrationFace(face: DetectedFace): RegistrationFace | null {
  const { landmarks, patch } = face;
  if (!landmarks || !patch || landmarks.length < 68) return null;
  return { patch, points: landmarks.map((p) => ({ x: p.x - patch.left, y: p.y - patch.top })) };
}

/**
 * The registration residual from the engine's landmarks and grey patches, in this thread; null when the engine gave
 * none (then no turn can be shown to be more than a flat picture, and none passes).
 */
export function faceResidual(frontal: DetectedFace, turned: DetectedFace): number | null {
  const a = registrationFace(frontal);
  const b = registrationFace(turned);
  return a && b ? registrationResidual(a, b) : null;
}

/**
 * Which way the yaw moves for a requested turn. Frames are the camera's own (unmirrored) picture, in which the
 * learner's left is the image's right, and the engine's yaw is positive towards the image's right.
 */
export function yawSign(action: LivenessAction): 1 | -1 {
  return action === 'turn_left' ? 1 : -1;
}

const round = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const round4 = (v: number) => Math.round(v * 10000) / 10000;

export function judgeLiveness(input: LivenessInput): LivenessVerdict {
  const rules = input.rules ?? DEFAULT_LIVENESS_RULES;
  const readings: FrameReading[] = input.frames.map((analysis) => {
    const [main, ...others] = analysis.faces;
    if (!main) return { faces: 0, yaw: null, distance: null };
    const counted = 1 + others.filter((o) => o.box.height >= main.box.height * input.quality.otherFaceShare).length;
    return { faces: counted, yaw: round(main.yaw), distance: round3(input.distance(main.descriptor, input.enrolled)) };
  });
  const verdict = (reason: LivenessVerdict['reason'], rest: Partial<LivenessVerdict> = {}): LivenessVerdict => ({
    ok: reason === null,
    reason,
    reference: null,
    distance: null,
    measures: null,
    turn: null,
    opposite: null,
    residual: null,
    turnFrame: null,
    frames: readings,
    ...rest,
  });
  if (input.frames.length < rules.minFrames) return verdict('too_few_frames');

  const withFace = readings.flatMap((r, i) => (r.yaw === null ? [] : [i]));
  if (withFace.length === 0) return verdict('no_face');
  // The most frontal frame is the reference: quality (light, focus, size, pose) and identity are judged on it.
  const reference = withFace.reduce((best, i) =>
    Math.abs(readings[i].yaw!) < Math.abs(readings[best].yaw!) ? i : best,
  );
  const quality = assessQuality(input.frames[reference], input.quality);
  if (!quality.ok) return verdict(quality.reason, { reference, measures: quality.measures });
  const distance = input.distance(quality.face.descriptor, input.enrolled);
  const base = { reference, distance: round3(distance), measures: quality.measures };
  if (distance > input.threshold) return verdict('mismatch', base);

  // Every other frame must show the same person: the enrolled one, or the reference face itself (a face filmed a
  // moment earlier in the same light is closer than any other photo of that person, which helps a well-turned head).
  const referenceFace = quality.face.descriptor;
  for (const i of withFace) {
    const frame = input.frames[i];
    if (readings[i].faces > 1) return verdict('multiple_faces', base);
    const face = frame.faces[0];
    if (readings[i].distance! > input.threshold && input.distance(face.descriptor, referenceFace) > input.threshold)
      return verdict('face_changed', base);
  }

  const sign = yawSign(input.action);
  const yaw0 = readings[reference].yaw!;
  const turn = round(Math.max(...withFace.map((i) => sign * (readings[i].yaw! - yaw0))));
  const opposite = round(Math.max(...withFace.map((i) => -sign * (readings[i].yaw! - yaw0))));
  const motion = { ...base, turn, opposite };
  if (turn < rules.minTurnDegrees)
    return verdict(opposite >= rules.minTurnDegrees ? 'wrong_direction' : 'no_motion', motion);

  // The turn must not be one plane moving: register the most turned frame onto the frontal one (one registration per
  // answer, tens of milliseconds).
  const turnFrame = withFace.reduce((best, i) => (sign * readings[i].yaw! > sign * readings[best].yaw! ? i : best));
  const measured = (input.residual ?? faceResidual)(quality.face, input.frames[turnFrame].faces[0]);
  const residual = measured === null ? null : round4(measured);
  const turned = { ...motion, residual, turnFrame };
  return verdict(residual !== null && residual >= rules.minResidual ? null : 'flat_image', turned);
}
