// A newcomer's first start, measured: a fresh data folder and an empty demo-media cache, the server started as
// `npm start` starts it (the web build is left out: it is the same before and after any seed change), and the time
// until it answers, until the demo courses are listed, and until every demo video has been transcoded and plays.
//
//   npm run bench:first-start                 one run
//   npm run bench:first-start -- --keep-cache  reuse the generated test-pattern files (a second start on one machine)
//
// Prints the figures; no target is asserted (the machine is shared, the figures are the record).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

const keepCache = process.argv.includes('--keep-cache');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'yx-first-start-'));
const varDir = path.join(root, 'var');
const tmpDir = keepCache ? os.tmpdir() : path.join(root, 'tmp');
fs.mkdirSync(tmpDir, { recursive: true });
const port = 39_000 + Math.floor(Math.random() * 900);
const started = performance.now();
const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  env: { ...process.env, YX_VAR_DIR: varDir, TMPDIR: tmpDir, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: '' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, test: () => Promise<boolean> | boolean, limitS = 1800): Promise<void> {
  for (;;) {
    if (
      await Promise.resolve()
        .then(test)
        .catch(() => false)
    ) {
      console.log(`${what.padEnd(44)} ${seconds().padStart(7)} s`);
      return;
    }
    if ((performance.now() - started) / 1000 > limitS) throw new Error(`${what}: not within ${limitS} s`);
    await sleep(500);
  }
}

const api = (p: string) => fetch(`http://127.0.0.1:${port}${p}`).then((r) => (r.ok ? r.json() : null));
const db = () => new Database(path.join(varDir, 'yunxue.db'), { readonly: true, fileMustExist: true });
let videos = { total: 0, ready: 0, seconds: 0 };
const media = () => {
  const d = db();
  try {
    const rows = d
      .prepare(`select m.status, m.duration_ms from media m join lessons l on l.media_id = m.id where l.kind = 'video'`)
      .all() as { status: string; duration_ms: number | null }[];
    videos = {
      total: rows.length,
      ready: rows.filter((r) => r.status === 'ready').length,
      seconds: rows.reduce((s, r) => s + Number(r.duration_ms ?? 0) / 1000, 0),
    };
    return videos;
  } finally {
    d.close();
  }
};

try {
  console.log(`first start: data ${varDir}, cache ${keepCache ? 'kept' : 'empty'}, load ${os.loadavg()[0].toFixed(1)}`);
  await until('server answers', async () => !!(await api('/api/health')) || !!(await api('/api/catalog/courses')));
  await until('demo courses listed', async () => ((await api('/api/catalog/courses?pageSize=100'))?.total ?? 0) >= 9);
  await until('every demo video transcoded (plays)', () => {
    const m = media();
    return m.total > 0 && m.ready === m.total;
  });
  console.log(
    `${videos.total} demo videos, ${(videos.seconds / 60).toFixed(0)} minutes in all; load now ${os.loadavg()[0].toFixed(1)}`,
  );
} finally {
  server.kill('SIGTERM');
  await sleep(1000);
  fs.rmSync(root, { recursive: true, force: true });
}
