import type { DetectedFace, FaceAnalysis } from '../../adapters/face-engine/face-engine.js';

// Whether a photo is good enough to enrol or to verify against: one clear, frontal, well-lit face of a usable size.
// A pure function over the engine's analysis, so the rules are tested without the model.

export type QualityReason =
  'no_face' | 'multiple_faces' | 'face_too_small' | 'too_dark' | 'too_bright' | 'blurred' | 'not_frontal';

export type QualityRules = {
  /** Face height relative to the shorter image side. */
  minFaceShare: number;
  /** Face height in pixels of the analysed image (the descriptor net works at 150 px). */
  minFacePixels: number;
  /** Another face counts when it is at least this share of the main face's height (a far-away poster does not). */
  otherFaceShare: number;
  /** Mean luma of the face, 0..255. */
  minBrightness: number;
  maxBrightness: number;
  /** Variance of the Laplacian of the face at 128 px. */
  minSharpness: number;
  maxYawDegrees: number;
  maxPitchDegrees: number;
};

/**
 * Bounds chosen on the calibration photos (docs/face-calibration.md): every usable portrait passes with room to
 * spare, and the synthetic failures (darkened, over-exposed, blurred, shrunk, two side by side) are refused.
 */
export const DEFAULT_QUALITY_RULES: QualityRules = {
  minFaceShare: 0.2,
  minFacePixels: 80,
  otherFaceShare: 0.4,
  minBrightness: 50,
  maxBrightness: 215,
  minSharpness: 30,
  maxYawDegrees: 30,
  maxPitchDegrees: 25,
};

export type QualityMeasures = {
  faceShare: number;
  score: number;
  yaw: number;
  pitch: number;
  brightness: number;
  sharpness: number;
};
export type QualityResult =
  | { ok: true; face: DetectedFace; measures: QualityMeasures }
  | { ok: false; reason: QualityReason; measures: QualityMeasures | null };

export function measuresOf(analysis: Pick<FaceAnalysis, 'width' | 'height'>, face: DetectedFace): QualityMeasures {
  const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;
  return {
    faceShare: round(face.box.height / Math.min(analysis.width, analysis.height), 3),
    score: round(face.score, 3),
    yaw: round(face.yaw),
    pitch: round(face.pitch),
    brightness: round(face.brightness),
    sharpness: round(face.sharpness),
  };
}

/** The first failed rule, in the order a person would fix them: find the face, then its size, light, focus, pose. */
export function assessQuality(analysis: FaceAnalysis, rules: QualityRules = DEFAULT_QUALITY_RULES): QualityResult {
  const [face, ...others] = analysis.faces;
  if (!face) return { ok: false, reason: 'no_face', measures: null };
  const measures = measuresOf(analysis, face);
  const fail = (reason: QualityReason): QualityResult => ({ ok: false, reason, measures });
  if (others.some((o) => o.box.height >= face.box.height * rules.otherFaceShare)) return fail('multiple_faces');
  if (measures.faceShare < rules.minFaceShare || face.box.height < rules.minFacePixels) return fail('face_too_small');
  if (face.brightness < rules.minBrightness) return fail('too_dark');
  if (face.brightness > rules.maxBrightness) return fail('too_bright');
  if (face.sharpness < rules.minSharpness) return fail('blurred');
  if (Math.abs(face.yaw) > rules.maxYawDegrees || Math.abs(face.pitch) > rules.maxPitchDegrees)
    return fail('not_frontal');
  return { ok: true, face, measures };
}

export const QUALITY_ERRORS = {
  no_face: 'FACE_NO_FACE',
  multiple_faces: 'FACE_MULTIPLE_FACES',
  face_too_small: 'FACE_TOO_SMALL',
  too_dark: 'FACE_TOO_DARK',
  too_bright: 'FACE_TOO_BRIGHT',
  blurred: 'FACE_BLURRED',
  not_frontal: 'FACE_NOT_FRONTAL',
} as const satisfies Record<QualityReason, string>;

/** The error code of a quality reason given by a face check, or undefined for any other reason. */
export function qualityErrorOf(reason: string | undefined): (typeof QUALITY_ERRORS)[QualityReason] | undefined {
  return reason && reason in QUALITY_ERRORS ? QUALITY_ERRORS[reason as QualityReason] : undefined;
}
