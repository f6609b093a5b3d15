import type { FaceDetectorChoice } from './face-engine.js';

/**
 * The same-person threshold of the default engine, per detector, measured on real photos by `npm run calibrate:faces`
 * (figures and method in docs/face-calibration.md). It belongs to the engine, not to the regional policy: a distance
 * only has meaning for the model that produced it, and a region cannot choose one without re-measuring. Regions decide
 * how often faces are checked (policy `faceCheck`); the engine decides what "the same face" means. YX_FACE_THRESHOLD
 * overrides it for an operator who has re-calibrated.
 */
export type Calibration = { threshold: number; margin: number; measuredOn: string };

export const FACE_API_CALIBRATIONS = {
  /**
   * TinyFaceDetector at 320 px with the SSD fallback (the default): midway between the largest same-person distance
   * (0.509, a face enrolled through SSD checked through the tiny detector) and the smallest different-person one
   * (0.542); faces of the tiny detector alone are further apart (same ≤ 0.463).
   */
  tiny: { threshold: 0.525, margin: 0.016, measuredOn: '2026-11-24' },
  /** SSD MobileNet v1: midway between the largest same-person distance (0.505) and the smallest different-person one (0.536). */
  ssd: { threshold: 0.52, margin: 0.015, measuredOn: '2026-11-23' },
} as const satisfies Record<FaceDetectorChoice['kind'], Calibration>;

/** The detector of the default engine (YX_FACE_DETECTOR=ssd switches to SSD MobileNet v1). */
/** The detectors `YX_FACE_DETECTOR` chooses from, as the worker runs them. */
export const FACE_DETECTORS: { tiny: FaceDetectorChoice; ssd: FaceDetectorChoice } = {
  tiny: { kind: 'tiny', inputSize: 320 },
  ssd: { kind: 'ssd' },
};
export const DEFAULT_DETECTOR: FaceDetectorChoice = FACE_DETECTORS.tiny;

/** The calibration of the default detector. */
export const FACE_API_CALIBRATION: Calibration = FACE_API_CALIBRATIONS[DEFAULT_DETECTOR.kind];
