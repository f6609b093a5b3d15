// Roster import: checking and importing 1,000 and 5,000 rows through the API, against just parsing the same file
// with exceljs, measured in the same run.
//
//   npm run bench:enrolment                       SQLite (the embedded default), a database file as in production
//   BENCH_DB=postgres npm run bench:enrolment     PostgreSQL (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
//   BENCH_SIZES=1000,5000 BENCH_REPEAT=3 …        row counts, and how often each scenario runs (the median is shown)
//
// Every import uses new people, so each one creates its accounts. Figures go to docs/performance.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createPlatform } from '../server/src/bootstrap.js';
import { readRosterFile } from '../server/src/modules/enrolment/enrolment-import.js';
import { importRoster, insertClass, rosterXlsx } from '../server/src/modules/enrolment/enrolment.testkit.js';
import { makeResidentId } from '../server/src/modules/identity/resident-id.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createScratchDatabase, DEMO, login } from '../server/src/testing/platform.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,5000').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const dialect = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
process.env.TEST_DB = dialect;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超';
let personCounter = 0;

/** A roster of `rows` people nobody has seen yet. */
function roster(rows: number): Promise<Buffer> {
  const lines: string[][] = [];
  for (let i = 0; i < rows; i++) {
    const n = personCounter++;
    const birth = new Date(Date.UTC(1960, 0, 1) + (n % 15_000) * 86_400_000).toISOString().slice(0, 10);
    lines.push([
      SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / 20) % GIVEN.length],
      makeResidentId({ regionCode: '330106', birthDate: birth, sequence: Math.floor(n / 15_000) % 1000 }),
      `15${String(n).padStart(9, '0')}`,
    ]);
  }
  return rosterXlsx(lines);
}

async function timed(repeat: number, run: () => Promise<void>, warmUp = 0): Promise<number> {
  for (let i = 0; i < warmUp; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main() {
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-bench-'));
  const scratch =
    dialect === 'postgres'
      ? await createScratchDatabase()
      : { url: `sqlite://${path.join(varDir, 'bench.db')}`, drop: async () => {} };
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: scratch.url,
    YX_VAR_DIR: varDir,
    YX_DEMO_CONTENT: 'false',
    YX_RUN_JOBS: 'false',
    YX_PII_KEY: randomBytes(32).toString('base64'),
    YX_HASH_KEY: randomBytes(32).toString('base64'),
  });
  const platform = await createPlatform(config, { logger: false });
  const admin = await login(platform, DEMO.adminA);
  const figures: { scenario: string; rows: number; ms: number }[] = [];
  try {
    for (const rows of SIZES) {
      const file = await roster(rows);
      figures.push({
        scenario: 'exceljs load only (baseline)',
        rows,
        ms: await timed(
          REPEAT,
          async () => {
            await new ExcelJS.Workbook().xlsx.load(file as unknown as ExcelJS.Buffer);
          },
          1,
        ),
      });
      figures.push({
        scenario: 'read + row checks, no database',
        rows,
        ms: await timed(
          REPEAT,
          async () => {
            await readRosterFile(file);
          },
          1,
        ),
      });
      const checkClass = await insertClass(platform, { capacity: 10_000 });
      figures.push({
        scenario: 'POST …/import?mode=check',
        rows,
        ms: await timed(
          REPEAT,
          async () => {
            const res = await importRoster(platform, admin, checkClass, 'check', file);
            if (res.status !== 200 || res.body.valid !== rows)
              throw new Error(`check failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
          },
          1,
        ),
      });
      // Each import gets a fresh class and fresh people, so every run creates `rows` accounts and enrolments.
      const files = await Promise.all(Array.from({ length: REPEAT }, () => roster(rows)));
      let run = 0;
      figures.push({
        scenario: 'POST …/import?mode=all (new accounts)',
        rows,
        ms: await timed(REPEAT, async () => {
          const classId = await insertClass(platform, { capacity: 10_000 });
          const res = await importRoster(platform, admin, classId, 'all', files[run++]);
          if (res.status !== 200 || res.body.created !== rows)
            throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        }),
      });
    }
  } finally {
    await platform.close();
    await scratch.drop();
    rmSync(varDir, { recursive: true, force: true });
  }

  console.log(`\nRoster import on ${dialect}, median of ${REPEAT} runs\n`);
  console.log('| Scenario | Rows | ms | rows/s | × baseline |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const f of figures) {
    const baseline = figures.find((b) => b.rows === f.rows && b.scenario.includes('baseline'))!;
    console.log(
      `| ${f.scenario} | ${f.rows.toLocaleString('en')} | ${Math.round(f.ms).toLocaleString('en')} | ${Math.round((f.rows / f.ms) * 1000).toLocaleString('en')} | ${(f.ms / baseline.ms).toFixed(1)} |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
