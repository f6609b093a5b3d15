import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type * as FaceApi from '@vladmandic/face-api/dist/face-api.node-wasm.js';
import {
  MAX_SIDE,
  type DetectedFace,
  type FaceAnalysis,
  type FaceDetectorChoice,
  type FacePatch,
} from './face-engine.js';
import { clipBox, headPose, laplacianVariance, meanLuma } from './measures.js';
import { registrationResidual, type RegistrationFace } from './registration.js';

// One face-api instance per worker thread: TensorFlow.js on its WASM backend, models and .wasm files read from the
// installed packages (never a CDN). The thread answers one photo at a time; the pool in face-api-engine.ts queues.

export type WorkerRequest =
  | { id: number; image: Uint8Array; thorough?: boolean }
  | { id: number; warmUp: true }
  | { id: number; register: { a: RegistrationFace; b: RegistrationFace } };
export type WorkerResponse =
  | { id: number; ok: true; analysis: FaceAnalysis | null; residual?: number }
  | { id: number; ok: false; error: { kind: 'image' | 'internal'; message: string } };

/** The face box is scaled to this square before measuring sharpness, so the figure does not depend on resolution. */
const MEASURE_SIZE = 128;
const MIN_CONFIDENCE = 0.5;

if (!parentPort) throw new Error('face-worker.ts runs inside a worker thread (see face-api-engine.ts)');

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof FaceApi;

const detector = (workerData as { detector?: FaceDetectorChoice } | null)?.detector;
if (!detector) throw new Error('face-worker.ts needs its detector in workerData (see face-api-engine.ts)');
const ssdOptions = new faceapi.SsdMobilenetv1Options({ minConfidence: MIN_CONFIDENCE, maxResults: 10 });
const tinyOptions =
  detector.kind === 'tiny'
    ? new faceapi.TinyFaceDetectorOptions({ inputSize: detector.inputSize, scoreThreshold: MIN_CONFIDENCE })
    : null;

async function load(): Promise<void> {
  const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  wasm.setWasmPaths(`${wasmDir}${path.sep}`);
  await tf.setBackend('wasm');
  await tf.ready();
  const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  // SSD is loaded in both modes: with the tiny detector it is the fallback for photos where that finds no face.
  await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
  if (tinyOptions) await faceapi.nets.tinyFaceDetector.loadFromDisk(modelDir);
  await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
  await faceapi.nets.faceRecognitionNet.loadFromDisk(modelDir);
  // The first run of each net compiles its kernels (seconds); do it now so that the first learner does not wait.
  const blank = tf.zeros([150, 150, 3], 'int32');
  try {
    await faceapi.detectAllFaces(blank as never, ssdOptions);
    if (tinyOptions) await faceapi.detectAllFaces(blank as never, tinyOptions);
    await faceapi.nets.faceLandmark68Net.detectLandmarks(blank as never);
    await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(blank as never);
  } finally {
    blank.dispose();
  }
}

const ready = load();
// Each job awaits `ready` and reports a failed load as its error; this only keeps the rejection from going unhandled.
ready.catch(() => {});

class ImageError extends Error {}

async function decode(image: Uint8Array) {
  try {
    // rotate(): honour EXIF orientation (phones store portrait photos sideways); toColourspace: greyscale -> 3 bands.
    return await sharp(image, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageError((error as Error).message);
  }
}

function rgbLuma(rgb: Buffer): number {
  let sum = 0;
  for (let i = 0; i < rgb.length; i += 3) sum += 0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2];
  return rgb.length ? sum / (rgb.length / 3) : 0;
}

async function faceMeasures(rgb: Buffer, size: { width: number; height: number }, box: DetectedFace['box']) {
  const region = clipBox(box, size);
  const grey = await sharp(rgb, { raw: { width: size.width, height: size.height, channels: 3 } })
    .extract(region)
    .greyscale()
    .resize(MEASURE_SIZE, MEASURE_SIZE, { fit: 'fill' })
    .raw()
    .toBuffer();
  return { brightness: meanLuma(grey), sharpness: laplacianVariance(grey, MEASURE_SIZE, MEASURE_SIZE) };
}

/** Grey pixels of the box grown by PATCH_MARGIN on each side (for registration.ts: a turned face leaves its box). */
const PATCH_MARGIN = 1 / 3;
function facePatch(rgb: Buffer, size: { width: number; height: number }, box: DetectedFace['box']): FacePatch {
  const { left, top, width, height } = clipBox(box, size, PATCH_MARGIN);
  const grey = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = ((top + y) * size.width + left + x) * 3;
      grey[y * width + x] = Math.round(0.299 * rgb[i] + 0.587 * rgb[i + 1] + 0.114 * rgb[i + 2]);
    }
  return { left, top, width, height, grey };
}

async function analyse(image: Uint8Array, thorough: boolean): Promise<FaceAnalysis> {
  await ready;
  const started = performance.now();
  const { data, info } = await decode(image);
  const size = { width: info.width, height: info.height };
  const tensor = tf.tensor3d(data, [info.height, info.width, info.channels], 'int32');
  const detect = (options: typeof ssdOptions | NonNullable<typeof tinyOptions>) =>
    faceapi
      .detectAllFaces(tensor as never, options)
      .withFaceLandmarks()
      .withFaceDescriptors();
  let found: Awaited<ReturnType<typeof detect>> = [];
  let used: FaceDetectorChoice['kind'] = 'ssd';
  try {
    // The tiny detector misses some faces that fill the photo (tight crops, a learner close to the camera); SSD finds
    // them. Only photos without a face pay for both. A thorough analysis (enrolment) asks SSD first: it also finds a
    // second face filling half the photo, which the tiny detector misses.
    const order = !tinyOptions ? [ssdOptions] : thorough ? [ssdOptions, tinyOptions] : [tinyOptions, ssdOptions];
    for (const options of order) {
      found = await detect(options);
      used = options === tinyOptions ? 'tiny' : 'ssd';
      if (found.length) break;
    }
  } finally {
    tensor.dispose();
  }
  const faces: DetectedFace[] = [];
  for (const f of found) {
    const b = f.detection.box;
    const box = { x: b.x, y: b.y, width: b.width, height: b.height };
    faces.push({
      box,
      score: f.detection.score,
      ...headPose(f.landmarks.positions),
      ...(await faceMeasures(data, size, box)),
      descriptor: f.descriptor,
      landmarks: f.landmarks.positions.map((p) => ({ x: p.x, y: p.y })),
      patch: facePatch(data, size, box),
    });
  }
  faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  return { ...size, brightness: rgbLuma(data), faces, ms: Math.round(performance.now() - started), detector: used };
}

async function answer(request: WorkerRequest): Promise<void> {
  let response: WorkerResponse;
  try {
    if ('register' in request) {
      // Pure arithmetic on two grey patches: no model, so it does not wait for the models to load.
      const residual = registrationResidual(request.register.a, request.register.b);
      response = { id: request.id, ok: true, analysis: null, residual };
    } else if ('warmUp' in request) {
      await ready;
      response = { id: request.id, ok: true, analysis: null };
    } else {
      response = { id: request.id, ok: true, analysis: await analyse(request.image, request.thorough === true) };
    }
  } catch (error) {
    response = {
      id: request.id,
      ok: false,
      error: { kind: error instanceof ImageError ? 'image' : 'internal', message: (error as Error).message },
    };
  }
  parentPort!.postMessage(response);
}

parentPort.on('message', (request: WorkerRequest) => void answer(request));
