import { createRequire } from 'node:module';
import { DEFAULT_DETECTOR, FACE_API_CALIBRATIONS, FACE_DETECTORS } from './calibration.js';
import {
  euclideanDistance,
  FaceEngineBusyError,
  FaceImageError,
  type AnalyseOptions,
  type FaceAnalysis,
  type FaceDetectorChoice,
  type FaceEngine,
} from './face-engine.js';
import type { WorkerRequest, WorkerResponse } from './face-worker.js';
import type { RegistrationFace } from './registration.js';
import { QueueFullError, WorkerPool } from './worker-pool.js';

export type FaceEngineOptions = {
  /** Worker threads, each holding its own copy of the models (~40 MB) and analysing one photo at a time. */
  workers: number;
  /** Distance at or under which two faces are the same person; the calibrated figure unless overridden. */
  threshold: number;
  /** Photos waiting beyond this are refused (503) instead of queued. */
  maxQueue: number;
  jobTimeoutMs: number;
  /** The detector in front of the landmark and descriptor nets; the default (DEFAULT_DETECTOR) unless given. */
  detector?: FaceDetectorChoice;
};

/**
 * Engine settings from the environment:
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | YX_FACE_WORKERS | 1 | worker threads analysing photos |
 * | YX_FACE_DETECTOR | tiny | `tiny` (TinyFaceDetector, 320 px) or `ssd` (SSD MobileNet v1: ~4× the CPU per check) |
 * | YX_FACE_THRESHOLD | calibrated for the detector (calibration.ts) | same-person distance bound; change only after `npm run calibrate:faces` |
 * | YX_FACE_QUEUE | 32 per worker | photos allowed to wait |
 */
export function faceEngineOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FaceEngineOptions {
  const workers = env.YX_FACE_WORKERS ? Number(env.YX_FACE_WORKERS) : 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64)
    throw new Error(`YX_FACE_WORKERS must be an integer from 1 to 64, got ${env.YX_FACE_WORKERS}`);
  const kind = env.YX_FACE_DETECTOR || DEFAULT_DETECTOR.kind;
  if (kind !== 'tiny' && kind !== 'ssd')
    throw new Error(`YX_FACE_DETECTOR must be tiny or ssd, got ${env.YX_FACE_DETECTOR}`);
  const detector = FACE_DETECTORS[kind];
  const threshold = env.YX_FACE_THRESHOLD ? Number(env.YX_FACE_THRESHOLD) : FACE_API_CALIBRATIONS[kind].threshold;
  if (!Number.isFinite(threshold) || threshold <= 0 || threshold >= 2)
    throw new Error(`YX_FACE_THRESHOLD must be a distance between 0 and 2, got ${env.YX_FACE_THRESHOLD}`);
  const maxQueue = env.YX_FACE_QUEUE ? Number(env.YX_FACE_QUEUE) : 32 * workers;
  if (!Number.isInteger(maxQueue) || maxQueue < 1)
    throw new Error(`YX_FACE_QUEUE must be a positive integer, got ${env.YX_FACE_QUEUE}`);
  return { workers, threshold, maxQueue, jobTimeoutMs: 120_000, detector };
}

const version = (createRequire(import.meta.url)('@vladmandic/face-api/package.json') as { version: string }).version;

/**
 * The embedded default engine: @vladmandic/face-api (TinyFaceDetector with SSD MobileNet v1 as its fallback, or SSD
 * alone; 68-point landmarks, 128-d recognition net) on TensorFlow.js' WASM backend, in worker threads so that the
 * event loop never waits on a photo. The name stays the model version whichever detector runs: the descriptor net and
 * its scale are the same, and faces enrolled through SSD stay comparable (docs/face-calibration.md).
 */
export class FaceApiEngine implements FaceEngine {
  readonly name = `face-api@${version}`;
  readonly threshold: number;
  readonly detector: FaceDetectorChoice;
  private readonly pool: WorkerPool<WorkerRequest, WorkerResponse>;
  private nextId = 1;

  constructor(options: FaceEngineOptions) {
    this.threshold = options.threshold;
    this.detector = options.detector ?? DEFAULT_DETECTOR;
    this.pool = new WorkerPool({
      file: new URL('./face-worker.mjs', import.meta.url),
      size: options.workers,
      maxQueue: options.maxQueue,
      jobTimeoutMs: options.jobTimeoutMs,
      workerData: { detector: this.detector },
    });
  }

  async analyse(image: Buffer, options: AnalyseOptions = {}): Promise<FaceAnalysis> {
    // A private copy is transferred to the worker, so the caller's buffer stays usable.
    const copy = new Uint8Array(image.length);
    copy.set(image);
    const response = await this.send({ id: this.nextId++, image: copy, thorough: options.thorough === true }, [
      copy.buffer,
    ]);
    return response.analysis!;
  }

  async register(a: RegistrationFace, b: RegistrationFace): Promise<number> {
    const response = await this.send({ id: this.nextId++, register: { a, b } }, []);
    return response.residual!;
  }

  async warmUp(): Promise<void> {
    await this.send({ id: this.nextId++, warmUp: true }, []);
  }

  distance(a: Float32Array, b: Float32Array): number {
    return euclideanDistance(a, b);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(request: WorkerRequest, transfer: ArrayBuffer[]): Promise<Extract<WorkerResponse, { ok: true }>> {
    let response: WorkerResponse;
    try {
      response = await this.pool.run(request, transfer);
    } catch (error) {
      if (error instanceof QueueFullError) throw new FaceEngineBusyError();
      throw error;
    }
    if (response.ok) return response;
    if (response.error.kind === 'image') throw new FaceImageError(response.error.message);
    throw new Error(`Face engine failed: ${response.error.message}`);
  }
}

let shared: FaceApiEngine | null = null;

/**
 * The process-wide default engine, created on first use with the settings from the environment. One per process:
 * the models are stateless and each worker costs memory, so every service graph (and every test platform) shares it.
 */
export function sharedFaceEngine(): FaceApiEngine {
  shared ??= new FaceApiEngine(faceEngineOptionsFromEnv());
  return shared;
}
