// The formal exam under load against the real server process, beside bare Fastify answering a JSON PUT of the
// autosave's shape in the same run, and certificate PDFs per second per core.
//
//   npm run bench:exam                               1,000 learners × 100 questions on SQLite (a WAL file)
//   npm run bench:exam -- --learners 200 --questions 50
//   npm run bench:exam -- --pg                       PostgreSQL instead (BENCH_PG_URL or postgres://postgres@127.0.0.1:5432/test)
//   npm run bench:exam -- --no-pdf                   skip the certificate PDFs
//   BENCH_PROFILE=/tmp/prof npm run bench:exam       the server writes a V8 CPU profile of the whole run
//
// Every learner starts the formal exam at once (POST /api/exams/:id/attempts), answers the face check at the start
// (POST …/face: the real route, the verifier a fake that passes, see bench/exam-server.ts), then saves its answers
// one by one on its own keep-alive connection (PUT /api/exam-attempts/:id/answers/:index, the next as soon as the
// previous is answered: one autosave per answer) and submits. The server's CPU time per autosave is the figure with a
// target: at most 4× what bare Fastify spends per request of the same shape (bench/exam-baseline.ts). Afterwards every
// answer must be stored, every attempt graded, and the evidence chains of a sample of learners must verify.
// Figures go to docs/performance.md ("Exams").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { openDatabase } from '../server/src/adapters/db.js';
import { verifyAllChains } from '../server/src/modules/learning/records.js';
import { prepareExam, type ExamLearner } from './exam-prepare.js';
import { cpuMs, pgAdminUrl, pgReachable, scratchDatabase, startProcess, type Proc } from './processes.js';

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} takes a positive integer`);
  return value;
};
const LEARNERS = option('--learners', 1000);
const QUESTIONS = option('--questions', 100);
const DIALECT: 'sqlite' | 'postgres' = flag('--pg') ? 'postgres' : 'sqlite';
const TARGET_CPU_RATIO = 4;
const PDF_BUDGET_MS = 50;
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;

type Taker = ExamLearner & { attemptId: string; keys: string[][] };
type Figure = {
  scenario: string;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  serverUsPerReq: number;
  clientUsPerReq: number;
};

/** Every taker saves each of its answers in turn on its own connection: `QUESTIONS` requests per connection. */
async function autosaves(server: Proc, takers: Taker[], scenario: string): Promise<Figure> {
  let next = 0;
  const statuses: Record<string, number> = {};
  const run = new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: server.baseUrl,
        connections: takers.length,
        amount: takers.length * QUESTIONS,
        pipelining: 1,
        timeout: 60,
        setupClient: (client) => {
          const t = takers[next++ % takers.length];
          let index = 0;
          client.setRequests([
            {
              method: 'PUT',
              headers: {
                cookie: t.cookie,
                'x-csrf-token': t.csrf,
                'content-type': 'application/json',
                'user-agent': 'yx-bench',
              },
              setupRequest: (req) => {
                const i = index++ % QUESTIONS;
                const keys = t.keys[i];
                return {
                  ...req,
                  path: `/api/exam-attempts/${t.attemptId}/answers/${i}`,
                  body: JSON.stringify({ answer: [keys[i % keys.length]], deviceId: t.deviceId }),
                };
              },
              onResponse: (status, body) => {
                if (status === 200) return;
                const code = (/"code":"([A-Z_]+)"/.exec(body) ?? [])[1] ?? '';
                statuses[`${status} ${code}`] = (statuses[`${status} ${code}`] ?? 0) + 1;
              },
            },
          ]);
        },
      },
      (error, result) =>
        error
          ? reject(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
          : resolve(result),
    );
  });
  const before = { server: cpuMs(server.serverPid), client: process.cpuUsage() };
  const result = await run;
  const client = process.cpuUsage(before.client);
  const ok = result['2xx'];
  return {
    scenario,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
    serverUsPerReq: Math.round(((cpuMs(server.serverPid) - before.server) * 1000) / Math.max(1, ok)),
    clientUsPerReq: Math.round((client.user + client.system) / Math.max(1, ok)),
  };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : Number.NaN;
};

/** Calls a JSON route for every learner at once; the answers and each call's milliseconds. */
async function allAtOnce<T>(
  server: Proc,
  learners: ExamLearner[],
  method: string,
  url: (l: ExamLearner, i: number) => string,
  body: (l: ExamLearner, i: number) => unknown,
  expect: number,
): Promise<{ answers: T[]; ms: number[]; wallMs: number }> {
  const started = performance.now();
  const ms: number[] = [];
  const answers = await Promise.all(
    learners.map(async (l, i) => {
      const t0 = performance.now();
      const res = await fetch(`${server.baseUrl}${url(l, i)}`, {
        method,
        headers: {
          cookie: l.cookie,
          'x-csrf-token': l.csrf,
          'content-type': 'application/json',
          'user-agent': 'yx-bench',
        },
        body: JSON.stringify(body(l, i)),
      });
      const answer = (await res.json()) as T;
      ms.push(performance.now() - t0);
      if (res.status !== expect)
        throw new Error(
          `${method} ${url(l, i)}: ${res.status} ${JSON.stringify(answer)}\nserver log:\n${server.log().slice(-4000)}`,
        );
      return answer;
    }),
  );
  return { answers, ms, wallMs: performance.now() - started };
}

type AttemptAnswer = { id: string; status: string; items: { options: { key: string }[] }[] };

async function benchExam() {
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-bench-exam-'));
  const scratch = await scratchDatabase(DIALECT, varDir);
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: scratch.url,
    YX_VAR_DIR: varDir,
    YX_DEMO_CONTENT: 'false',
    YX_RUN_JOBS: 'false',
    YX_PII_KEY: randomBytes(32).toString('base64'),
    YX_HASH_KEY: randomBytes(32).toString('base64'),
    YX_CERT_SIGNING_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ format: 'der', type: 'pkcs8' })
      .toString('base64'),
    // A learner here saves an answer as soon as the last one is answered, not every half minute or so.
    YX_RATE_LIMIT_PER_MINUTE: '1000000000',
    YX_FACE_WARM_UP: 'false',
    LOG_LEVEL: 'warn',
  };
  let server: Proc | undefined;
  try {
    const t0 = Date.now();
    const world = await prepareExam(env, LEARNERS, QUESTIONS);
    console.log(
      `[${DIALECT}] prepared ${LEARNERS} enrolled, signed-in learners and a formal exam of ${QUESTIONS} questions in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    server = await startProcess(
      [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), 'bench/exam-server.ts'],
      env,
    );
    const cpuStart = cpuMs(server.serverPid);
    const started = await allAtOnce<AttemptAnswer>(
      server,
      world.learners,
      'POST',
      () => `/api/exams/${world.examId}/attempts`,
      (l) => ({ deviceId: l.deviceId }),
      200,
    );
    const cpuAfterStart = cpuMs(server.serverPid);
    const frame = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]).toString('base64');
    const faced = await allAtOnce<{ outcome: string; attempt: AttemptAnswer }>(
      server,
      world.learners,
      'POST',
      (_, i) => `/api/exam-attempts/${started.answers[i].id}/face`,
      (l) => ({ frames: [frame, frame, frame], deviceId: l.deviceId }),
      200,
    );
    const takers: Taker[] = world.learners.map((l, i) => ({
      ...l,
      attemptId: faced.answers[i].attempt.id,
      keys: faced.answers[i].attempt.items.map((item) => item.options.map((o) => o.key)),
    }));
    if (faced.answers.some((a) => a.attempt.status !== 'open')) throw new Error('an attempt did not open');
    const figure = await autosaves(server, takers, `Yunxue autosave, ${DIALECT}`);
    const cpuBeforeSubmit = cpuMs(server.serverPid);
    const submitted = await allAtOnce<{ status: string }>(
      server,
      world.learners,
      'POST',
      (_, i) => `/api/exam-attempts/${takers[i].attemptId}/submit`,
      (l) => ({ deviceId: l.deviceId }),
      200,
    );
    const cpuEnd = cpuMs(server.serverPid);
    if (PROFILE_DIR) await server.stopServerOnly();
    else await server.kill('SIGTERM');
    server = undefined;

    // Every answer stored and graded, every attempt graded, and a sample of evidence chains verified.
    const handle = openDatabase(scratch.url);
    let check;
    try {
      const answers = await handle.db
        .selectFrom('exam_answers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('graded_score', 'is not', null)
        .executeTakeFirstOrThrow();
      const graded = await handle.db
        .selectFrom('exam_attempts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'graded')
        .executeTakeFirstOrThrow();
      const sample = world.learners.filter((_, i) => i % Math.max(1, Math.floor(LEARNERS / 20)) === 0);
      const chains = await verifyAllChains(
        handle.db,
        sample.map((l) => l.userId),
      );
      check = {
        answers: Number(answers.n),
        graded: Number(graded.n),
        chainsOk: chains.learners - chains.broken.length,
        chains: sample.length,
        records: chains.records,
      };
    } finally {
      await handle.close();
    }
    return {
      figure,
      start: { ms: started.ms, wallMs: started.wallMs, cpuUs: ((cpuAfterStart - cpuStart) * 1000) / LEARNERS },
      face: { ms: faced.ms, wallMs: faced.wallMs },
      submit: {
        ms: submitted.ms,
        wallMs: submitted.wallMs,
        cpuUs: ((cpuEnd - cpuBeforeSubmit) * 1000) / LEARNERS,
        graded: submitted.answers.filter((a) => a.status === 'graded').length,
      },
      check,
    };
  } finally {
    await server?.kill('SIGTERM');
    await scratch.drop();
    rmSync(varDir, { recursive: true, force: true });
  }
}

async function baseline(): Promise<Figure> {
  const server = await startProcess(['bench/exam-baseline.ts'], {});
  try {
    const fakes: Taker[] = Array.from({ length: LEARNERS }, (_, i) => ({
      userId: `u${i}`,
      cookie: 'yx_sid=none',
      csrf: 'none',
      deviceId: `bench-exam-${i}`,
      attemptId: `0190a0b0-c0d0-7e0f-8a0b-${String(i).padStart(12, '0')}`,
      keys: Array.from({ length: QUESTIONS }, () => ['A', 'B', 'C', 'D']),
    }));
    return await autosaves(server, fakes, 'bare Fastify, same route shape (baseline)');
  } finally {
    await server.kill('SIGTERM');
  }
}

/** bench/certificate.ts in its own process (its own CPU clock), with fewer PDFs. */
function certificatePdfs(): { lines: string[]; cpuMs: number } {
  const out = execFileSync('npx', ['tsx', 'bench/certificate.ts'], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_PDFS: process.env.BENCH_PDFS ?? '60' },
  });
  const lines = out.trim().split('\n');
  const ours = /([\d.]+) ms CPU\/PDF/.exec(lines.find((l) => l.startsWith('certificate')) ?? '');
  return { lines, cpuMs: ours ? Number(ours[1]) : Number.NaN };
}

async function main() {
  if (DIALECT === 'postgres' && !(await pgReachable())) throw new Error(`PostgreSQL is not reachable at ${pgAdminUrl}`);
  const base = await baseline();
  const run = await benchExam();
  const pdf = flag('--no-pdf') ? null : certificatePdfs();

  const [load1, load5] = os.loadavg();
  console.log(
    `\nFormal exam: ${LEARNERS} learners start at once, ${QUESTIONS} autosaves each on one keep-alive connection, then submit;` +
      ` server in its own process (${os.cpus().length} cores, load average ${load1.toFixed(1)} / ${load5.toFixed(1)}, ${new Date().toISOString()})\n`,
  );
  console.table(
    [base, run.figure].map((f) => ({
      scenario: f.scenario,
      requests: f.requests,
      'req/s': f.rps,
      'p50 ms': f.p50,
      'p99 ms': f.p99,
      'non-2xx': f.non2xx,
      errors: f.errors,
      'server CPU µs/req': f.serverUsPerReq,
      'client CPU µs/req': f.clientUsPerReq,
      refused:
        Object.entries(f.statuses)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 0,
    })),
  );
  const fmt = (ms: number[]) => `p50 ${percentile(ms, 50).toFixed(0)} ms, p99 ${percentile(ms, 99).toFixed(0)} ms`;
  console.log(
    `start (all at once): ${fmt(run.start.ms)}, all started in ${(run.start.wallMs / 1000).toFixed(1)} s, server CPU ${Math.round(run.start.cpuUs)} µs each`,
  );
  console.log(
    `face check at the start (fake verifier): ${fmt(run.face.ms)}, all in ${(run.face.wallMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `submit (all at once, graded by the server): ${fmt(run.submit.ms)}, all in ${(run.submit.wallMs / 1000).toFixed(1)} s,` +
      ` server CPU ${Math.round(run.submit.cpuUs)} µs each; ${run.submit.graded}/${LEARNERS} graded at once`,
  );
  const c = run.check;
  console.log(
    `stored: ${c.answers}/${LEARNERS * QUESTIONS} answers graded, ${c.graded}/${LEARNERS} attempts graded; evidence chains of` +
      ` ${c.chains} learners verified: ${c.chainsOk}/${c.chains} (${c.records} records)`,
  );
  const ratio = run.figure.serverUsPerReq / base.serverUsPerReq;
  const met = ratio <= TARGET_CPU_RATIO;
  console.log(
    `autosave server CPU ${run.figure.serverUsPerReq} µs/req, bare Fastify ${base.serverUsPerReq} µs/req: ${ratio.toFixed(2)}×` +
      ` (target ≤ ${TARGET_CPU_RATIO}×: ${met ? 'met' : 'missed'})`,
  );
  if (pdf) {
    for (const line of pdf.lines) console.log(`  ${line}`);
    console.log(
      `certificate PDFs: ${(1000 / pdf.cpuMs).toFixed(1)} per second per core (target ≤ ${PDF_BUDGET_MS} ms CPU each: ${pdf.cpuMs <= PDF_BUDGET_MS ? 'met' : 'missed'})`,
    );
  }
  const intact =
    c.answers === LEARNERS * QUESTIONS && c.graded === LEARNERS && c.chainsOk === c.chains && run.figure.non2xx === 0;
  if (!intact) {
    console.error('CHECK FAILED: answers lost, attempts not graded, refused autosaves or a broken chain');
    process.exitCode = 1;
  }
}

await main().catch((error) => {
  console.error(error);
  process.exit(1);
});
