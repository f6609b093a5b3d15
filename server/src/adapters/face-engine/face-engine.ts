/**
 * The face engine port: turns a photo into the faces it contains, each with a 128-number descriptor, plus the image
 * measures that quality checks need. The embedded default runs @vladmandic/face-api on TensorFlow.js (WASM backend)
 * in worker threads (face-api-engine.ts); a faster engine (e.g. an ONNX ArcFace model supplied by the operator) can
 * implement the same interface. Distances are only comparable within one engine: each engine carries the
 * threshold calibrated for it (see docs/face-calibration.md).
 */

import type { Point } from './measures.js';
import type { RegistrationFace } from './registration.js';

/** Photos are scaled down to this longest side before analysis: the detector works at 320–512 px, descriptors at 150 px. */
export const MAX_SIDE = 800;

/**
 * Which face detector the default engine runs before the landmark and descriptor nets. The detector is most of a
 * check's CPU: face-api's TinyFaceDetector at 320 px costs about a seventh of SSD MobileNet v1 (which always works at
 * 512 px), with the same descriptor net after it (docs/performance.md "Face checks"). Each has its own calibrated
 * threshold (calibration.ts), since the box it draws shifts the aligned face the descriptor is computed on.
 */
export type FaceDetectorChoice = { kind: 'tiny'; inputSize: number } | { kind: 'ssd' };

/** Pixels of the analysed image (after EXIF rotation and down-scaling, see `width`/`height`). */
export type FaceBox = { x: number; y: number; width: number; height: number };

export type DetectedFace = {
  box: FaceBox;
  /** Detector confidence, 0..1. */
  score: number;
  /** Head turn estimated from the 68 landmarks, degrees: 0 = facing the camera, positive = towards the image's right. */
  yaw: number;
  /** Head nod estimated from the landmarks, degrees: 0 = level, positive = looking down. */
  pitch: number;
  /** Mean luma of the face box, 0..255. */
  brightness: number;
  /** Variance of the Laplacian of the face box scaled to a fixed size: low means blurred. */
  sharpness: number;
  descriptor: Float32Array;
  /** The 68 landmarks (iBUG layout), pixels of the analysed image; absent when an engine gives none. */
  landmarks?: Point[];
  /**
   * Grey pixels around the face (the box grown by a third on each side, clipped to the image; `left`/`top` its place
   * in the analysed image), so that one frame can be registered onto another (registration.ts) without the photo.
   */
  patch?: FacePatch;
};

export type FacePatch = { left: number; top: number; width: number; height: number; grey: Uint8Array };

export type FaceAnalysis = {
  width: number;
  height: number;
  /** Mean luma of the whole image, 0..255. */
  brightness: number;
  /** Largest face first. */
  faces: DetectedFace[];
  /** Time spent in the worker on this photo (decode, detection, landmarks, descriptors, measures), ms. */
  ms: number;
  /** The detector whose faces these are (the tiny detector falls back to SSD when it finds none). */
  detector?: FaceDetectorChoice['kind'];
};

export type AnalyseOptions = {
  /**
   * For photos kept as a reference (enrolment): find every face even at a higher cost. The default engine then runs
   * SSD first (the tiny detector misses a second face that fills half the photo), the tiny detector only if SSD finds none.
   */
  thorough?: boolean;
};

export interface FaceEngine {
  /** A short name with the model version, recorded next to every stored distance. */
  readonly name: string;
  /** The largest distance at which two descriptors are taken for the same person, calibrated for this engine. */
  readonly threshold: number;
  analyse(image: Buffer, options?: AnalyseOptions): Promise<FaceAnalysis>;
  distance(a: Float32Array, b: Float32Array): number;
  /**
   * The registration residual of b against a (registration.ts) computed off the event loop (tens to hundreds of
   * milliseconds of arithmetic). An engine without it leaves the caller to compute it in its own thread.
   */
  register?(a: RegistrationFace, b: RegistrationFace): Promise<number>;
  /** Loads the models now rather than on the first photo. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by engines for images they cannot decode: the service turns it into FACE_PHOTO_INVALID. */
export class FaceImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaceImageError';
  }
}

/** Thrown when the engine's queue is full: the service answers 503 rather than let requests pile up. */
export class FaceEngineBusyError extends Error {
  constructor() {
    super('Face engine queue is full');
    this.name = 'FaceEngineBusyError';
  }
}

export function euclideanDistance(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Descriptor lengths differ: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** Descriptors are stored as base64 of their little-endian float32 bytes (then sealed like other personal data). */
export function descriptorToBase64(descriptor: Float32Array): string {
  return Buffer.from(descriptor.buffer, descriptor.byteOffset, descriptor.byteLength).toString('base64');
}

export function descriptorFromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  // Copy into a fresh, aligned buffer: a Buffer's offset into Node's pool need not be a multiple of 4.
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}
