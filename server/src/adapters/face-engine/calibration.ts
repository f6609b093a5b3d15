/**
 * The same-person threshold for the default engine, measured on real photos by `npm run calibrate:faces` (figures
 * and method in docs/face-calibration.md). It belongs to the engine, not to the regional policy: a distance only has
 * meaning for the model that produced it, and a region cannot choose one without re-measuring. Regions decide how
 * often faces are checked (policy `faceCheck`); the engine decides what "the same face" means. YX_FACE_THRESHOLD
 * overrides it for an operator who has re-calibrated.
 */
export const FACE_API_CALIBRATION = {
  /** Midway between the largest same-person distance (0.505) and the smallest different-person one (0.536). */
  threshold: 0.52,
  margin: 0.015,
  measuredOn: '2026-11-23',
} as const;
