import type { DetectedFace } from '../../adapters/face-engine/face-engine.js';
import { eyeOpening, mouthOpening } from '../../adapters/face-engine/measures.js';

// The second action of a liveness check (issue 14): after the head turn the server asks, at random, for the mouth to
// open or for a blink, within a short window. A single still photo — flat, turned or folded along the nose — keeps
// its lips and lids where they are: a fold down the middle bends widths, not the vertical gaps measured here
// (measures.ts mouthOpening / eyeOpening are vertical over vertical). Pure: decided on the engine's landmarks of the
// frames before the prompt (the baseline) and of the frames filmed in the window. Figures: docs/face-liveness.md.

export const GESTURES = ['open_mouth', 'blink'] as const;
export type Gesture = (typeof GESTURES)[number];
/**
 * The gestures a check may ask for. Not the blink: face-api's landmark net hardly moves the lids of closed eyes
 * (franck_04000, eyes shut: −10 %; 400 frames of his video: eye opening 0.049–0.068, no closed frame), so it cannot
 * tell a blink from a still photo.
 */
export const OFFERED_GESTURES: readonly Gesture[] = ['open_mouth'];

export type GestureRules = {
  /** Rise of the mouth opening (lip gap / face height) over the baseline's smallest that counts as an open mouth. */
  minMouthRise: number;
  /** Fall of the eye opening below the baseline's largest, as a share of it, that counts as a blink. */
  minEyeFall: number;
};

/**
 * 0.08: a print, flat or folded, turned up to 50° or filmed again, moves the measured lip gap by −0.030…+0.066 (the
 * landmark net misplaces lips on a warped face); franck opening his mouth while talking rises 0.085–0.111 over the
 * closed mouth of the 3 s before (3 of 4 openings; the fourth started half open). Blink: 40 %, not offered.
 */
export const DEFAULT_GESTURE_RULES: GestureRules = { minMouthRise: 0.08, minEyeFall: 0.4 };

export type GestureReading = {
  gesture: Gesture;
  /** The baseline's opening (smallest mouth or largest eyes before the prompt) and the extreme in the window. */
  baseline: number | null;
  extreme: number | null;
  /** Mouth: extreme − baseline; blink: (baseline − extreme) / baseline. */
  change: number | null;
};

export type GestureVerdict = GestureReading & { ok: boolean; reason: 'no_gesture' | null };

const opening = (gesture: Gesture, face: DetectedFace | undefined): number | null =>
  face?.landmarks && face.landmarks.length >= 68
    ? gesture === 'open_mouth'
      ? mouthOpening(face.landmarks)
      : eyeOpening(face.landmarks)
    : null;

const round3 = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Whether the gesture happened in the window: for `open_mouth` the largest mouth opening in the window must exceed
 * the smallest before the prompt by `minMouthRise`; for `blink` the smallest eye opening in the window must lie at
 * least `minEyeFall` (a share) under the largest before it. Frames without a face or landmarks give no evidence; a
 * side without any frame is no gesture.
 */
export function judgeGesture(
  gesture: Gesture,
  before: readonly (DetectedFace | undefined)[],
  window: readonly (DetectedFace | undefined)[],
  rules: GestureRules,
): GestureVerdict {
  const values = (faces: readonly (DetectedFace | undefined)[]) =>
    faces.map((f) => opening(gesture, f)).filter((v): v is number => v !== null);
  const base = values(before);
  const seen = values(window);
  if (!base.length || !seen.length)
    return { gesture, ok: false, reason: 'no_gesture', baseline: null, extreme: null, change: null };
  const mouth = gesture === 'open_mouth';
  const baseline = mouth ? Math.min(...base) : Math.max(...base);
  const extreme = mouth ? Math.max(...seen) : Math.min(...seen);
  const change = mouth ? extreme - baseline : baseline > 0 ? (baseline - extreme) / baseline : 0;
  const ok = change >= (mouth ? rules.minMouthRise : rules.minEyeFall);
  return {
    gesture,
    ok,
    reason: ok ? null : 'no_gesture',
    baseline: round3(baseline),
    extreme: round3(extreme),
    change: round3(change),
  };
}
