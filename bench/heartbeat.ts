// Learning heartbeats under load against the real server process, beside bare Fastify measured in the same run, and
// a durability check: the server is killed with SIGKILL under load and every acknowledged heartbeat must be stored.
//
//   npm run bench:heartbeat                 SQLite (a WAL file, the embedded default), then PostgreSQL if reachable
//   npm run bench:heartbeat -- --pg         PostgreSQL only, required (BENCH_PG_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test;
//                                           either URL also makes PostgreSQL required after SQLite)
//   npm run bench:heartbeat -- --sqlite     SQLite only
//   BENCH_SECONDS=10 BENCH_LEARNERS=100 …   measured seconds, learners (= connections)
//   -- --no-parts                           skip measuring the parts of a heartbeat in process
//   -- --plugins                            also the baseline with the app's plugins and hooks (no auth, no engine)
//   BENCH_PROFILE=/tmp/prof …               the server writes a V8 CPU profile (the durability check is skipped)
//
// Each learner has its own account, login session and learning session and one keep-alive connection, and sends its
// next heartbeat as soon as the previous one is answered. Besides req/s and latency, the CPU time the server process
// used per answered request is printed: on a shared machine it varies less than req/s. Figures go to
// docs/performance.md.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openDatabase } from '../server/src/adapters/db.js';
import { verifyAllChains } from '../server/src/modules/learning/records.js';
import { nextBeat, prepare, type Learner } from './heartbeat-prepare.js';
import { cpuMs, pgAdminUrl, pgReachable, scratchDatabase, startProcess, type Proc } from './processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 100);
const KILL_AFTER_MS = 2500;
const TARGET = { ratio: 0.7, p99Ms: 50 };
/** Where the server writes a V8 CPU profile of the measured run (the durability check is skipped then). */
const PROFILE_DIR = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
const args = new Set(process.argv.slice(2));

type Figure = {
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  accepted: number;
  refused: Record<string, number>;
  /** CPU time of the server process and of this load generator per answered request. */
  serverUsPerReq: number;
  clientUsPerReq: number;
};
type Ack = { userId: string; sessionId: string; seq: number };

// ---- load ---------------------------------------------------------------------------------------------------

/**
 * autocannon with one connection per learner: setupClient hands each connection its learner, whose next heartbeat is
 * built when the previous one is answered (pipelining 1). `during` gets a function that ends the run early.
 */
async function drive(
  server: Proc,
  learners: Learner[],
  seconds: number,
  scenario: string,
  options: { onAck?: (a: Ack) => void; during?: (stop: () => void) => void } = {},
): Promise<Figure> {
  const baseUrl = server.baseUrl;
  const tally = { accepted: 0, refused: {} as Record<string, number> };
  let next = 0;
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: baseUrl,
        connections: learners.length,
        pipelining: 1,
        duration: seconds,
        timeout: 5,
        setupClient: (client) => {
          const l = learners[next++ % learners.length];
          const headers = { cookie: l.cookie, 'user-agent': 'yx-bench' };
          client.setRequests([
            {
              method: 'POST',
              path: `/api/learning/sessions/${l.sessionId}/heartbeats`,
              // As the player does: the learning token from the start (no session lookup) beside the cookie and CSRF header.
              headers: {
                ...headers,
                'x-csrf-token': l.csrf,
                'x-learning-token': l.token,
                'content-type': 'application/json',
              },
              setupRequest: (req) => ({ ...req, body: JSON.stringify({ beats: [nextBeat(l)] }) }),
              onResponse: (status, body) => {
                if (status !== 200) return;
                const answer = JSON.parse(body) as {
                  sessionId?: string;
                  results: { seq: number; accepted: boolean; reason: string | null }[];
                };
                for (const r of answer.results) {
                  if (!r.accepted) {
                    tally.refused[r.reason ?? '?'] = (tally.refused[r.reason ?? '?'] ?? 0) + 1;
                    continue;
                  }
                  tally.accepted += 1;
                  options.onAck?.({ userId: l.userId, sessionId: answer.sessionId ?? l.sessionId, seq: r.seq });
                }
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
  const cpuBefore = { server: cpuMs(server.serverPid), client: process.cpuUsage() };
  options.during?.(() => instance.stop());
  const result = await done;
  const client = process.cpuUsage(cpuBefore.client);
  return {
    scenario,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    ...tally,
    serverUsPerReq: Math.round(((cpuMs(server.serverPid) - cpuBefore.server) * 1000) / Math.max(1, result['2xx'])),
    clientUsPerReq: Math.round((client.user + client.system) / Math.max(1, result['2xx'])),
  };
}

/** Opens the database the killed server left behind: which acknowledged heartbeats are stored, and do the chains hold. */
async function audit(url: string, learners: Learner[], acks: Ack[]) {
  const handle = openDatabase(url);
  try {
    const stored = new Set<string>();
    const rows = await handle.db
      .selectFrom('learning_records')
      .select(['session_id', 'data'])
      .where('kind', '=', 'heartbeat')
      .where(
        'session_id',
        'in',
        learners.map((l) => l.sessionId),
      )
      .execute();
    for (const row of rows) stored.add(`${row.session_id}|${(JSON.parse(row.data) as { seq: number }).seq}`);
    const missing = acks.filter((a) => !stored.has(`${a.sessionId}|${a.seq}`));
    const chains = await verifyAllChains(
      handle.db,
      learners.map((l) => l.userId),
    );
    return {
      acknowledged: acks.length,
      stored: acks.length - missing.length,
      missing: missing.length,
      heartbeatRows: rows.length,
      chainsOk: chains.learners - chains.broken.length,
      records: chains.records,
    };
  } finally {
    await handle.close();
  }
}

// ---- one database -------------------------------------------------------------------------------------------

async function benchDatabase(dialect: 'sqlite' | 'postgres') {
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-bench-hb-'));
  const scratch = await scratchDatabase(dialect, varDir);
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
    // The limit counts per login session (per IP without one), 600 a minute by default; each learner here sends
    // 20–50 heartbeats a second instead of one every 20 s, so the default would answer 429 within a second.
    YX_RATE_LIMIT_PER_MINUTE: '1000000000',
    // The face models would load in a worker thread of the server while it is measured (seconds of a core on this
    // machine); no heartbeat uses them, so they stay unloaded here.
    YX_FACE_WARM_UP: 'false',
    LOG_LEVEL: 'warn',
  };
  let server: Proc | undefined;
  try {
    let started = Date.now();
    const { classId, lessonId, learners, parts } = await prepare(env, LEARNERS, { parts: !args.has('--no-parts') });
    console.log(
      `[${dialect}] prepared ${learners.length} enrolled, signed-in learners in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    server = await startProcess(
      [...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []), 'server/src/main.ts'],
      env,
    );
    await Promise.all(
      learners.map(async (l, i) => {
        l.startedAt = Date.now();
        l.clientTimeMs = l.startedAt;
        const res = await fetch(`${server!.baseUrl}/api/learning/sessions`, {
          method: 'POST',
          headers: {
            cookie: l.cookie,
            'x-csrf-token': l.csrf,
            'content-type': 'application/json',
            'user-agent': 'yx-bench',
          },
          body: JSON.stringify({ classId, lessonId, deviceId: `bench-device-${i}`, clientTimeMs: l.clientTimeMs }),
        });
        const body = (await res.json()) as { session?: { sessionId: string; learningToken: string }; error?: unknown };
        if (res.status !== 201 || !body.session)
          throw new Error(`start failed for ${l.phone}: ${res.status} ${JSON.stringify(body)}`);
        l.sessionId = body.session.sessionId;
        l.token = body.session.learningToken;
      }),
    );
    await drive(server, learners, WARM_UP_SECONDS, 'warm-up');
    const figure = await drive(server, learners, SECONDS, `Yunxue heartbeats, ${dialect}`);
    if (PROFILE_DIR) {
      // A graceful stop writes the CPU profile (sent to the server itself: tsx force-kills a child slow to confirm a
      // relayed signal); the durability check needs a hard kill, so it is skipped.
      await server.stopServerOnly();
      server = undefined;
      return { figure, parts, durability: null };
    }

    // Durability: load again, recording every acknowledged heartbeat, and SIGKILL the server mid-run.
    const acks: Ack[] = [];
    started = Date.now();
    let killedAt = 0;
    await drive(server, learners, 10, 'durability', {
      onAck: (a) => acks.push(a),
      during: (stop) =>
        setTimeout(
          () =>
            void (async () => {
              await server!.kill('SIGKILL');
              killedAt = Date.now() - started;
              stop();
            })(),
          KILL_AFTER_MS,
        ),
    });
    const killedServer = server;
    server = undefined;
    const durability = {
      killedAtMs: killedAt,
      exit: killedServer.child.signalCode,
      ...(await audit(scratch.url, learners, acks)),
    };
    return { figure, parts, durability };
  } finally {
    await server?.kill('SIGTERM');
    await scratch.drop();
    rmSync(varDir, { recursive: true, force: true });
  }
}

async function baseline(learners: number, plugins = false): Promise<Figure> {
  const server = await startProcess(['bench/heartbeat-baseline.ts'], plugins ? { BASELINE_PLUGINS: '1' } : {});
  try {
    // The same clients and bodies: each connection its own "learner" and session id.
    const fakes: Learner[] = Array.from({ length: learners }, (_, i) => ({
      phone: '',
      userId: `u${i}`,
      cookie: 'yx_sid=none',
      csrf: 'none',
      token: 'none',
      sessionId: `session-${i}`,
      seq: 0,
      clientTimeMs: Date.now(),
      startedAt: Date.now(),
    }));
    await drive(server, fakes, WARM_UP_SECONDS, 'warm-up');
    return await drive(
      server,
      fakes,
      SECONDS,
      plugins ? "the same with the app's plugins and hooks" : 'bare Fastify, same route shape (baseline)',
    );
  } finally {
    await server.kill('SIGTERM');
  }
}

// ---- main ---------------------------------------------------------------------------------------------------

async function main() {
  const dialects: ('sqlite' | 'postgres')[] = [];
  if (!args.has('--pg')) dialects.push('sqlite');
  if (!args.has('--sqlite')) {
    // Asked for (a flag or a URL): PostgreSQL must be there; otherwise it runs when the local server answers.
    const required =
      args.has('--pg') || !!process.env.BENCH_PG_URL || !!process.env.DATABASE_URL?.startsWith('postgres');
    if (await pgReachable()) dialects.push('postgres');
    else if (required) throw new Error(`PostgreSQL is not reachable at ${pgAdminUrl}`);
    else console.log(`PostgreSQL not reachable at ${pgAdminUrl}: SQLite only`);
  }
  const base = await baseline(LEARNERS);
  const withPlugins = args.has('--plugins') ? [await baseline(LEARNERS, true)] : [];
  const runs = [];
  for (const dialect of dialects) runs.push({ dialect, ...(await benchDatabase(dialect)) });

  const [load1] = os.loadavg();
  console.log(
    `\nHeartbeats: ${LEARNERS} learners, one keep-alive connection each, ${SECONDS} s after a ${WARM_UP_SECONDS} s warm-up, server in its own process` +
      ` (${os.cpus().length} cores, load average ${load1.toFixed(1)})\n`,
  );
  console.table(
    [base, ...withPlugins, ...runs.map((r) => r.figure)].map((f) => ({
      scenario: f.scenario,
      'req/s': f.rps,
      'p50 ms': f.p50,
      'p99 ms': f.p99,
      errors: f.errors,
      timeouts: f.timeouts,
      'non-2xx': f.non2xx,
      'server CPU µs/req': f.serverUsPerReq,
      'client CPU µs/req': f.clientUsPerReq,
      accepted: f.accepted,
      refused:
        Object.entries(f.refused)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 0,
    })),
  );
  let ok = true;
  for (const r of runs) {
    const ratio = r.figure.rps / base.rps;
    const d = r.durability;
    const ratioMet = ratio >= TARGET.ratio;
    const p99Met = r.figure.p99 <= TARGET.p99Ms;
    console.log(
      `[${r.dialect}] ratio ours/baseline ${ratio.toFixed(2)} (target ≥ ${TARGET.ratio}: ${ratioMet ? 'met' : 'NOT met'}); ` +
        `p99 ${r.figure.p99} ms (target ≤ ${TARGET.p99Ms} ms: ${p99Met ? 'met' : 'NOT met'})`,
    );
    console.log(
      `[${r.dialect}] server CPU per request ${r.figure.serverUsPerReq} µs, baseline ${base.serverUsPerReq} µs: CPU ratio ${(base.serverUsPerReq / r.figure.serverUsPerReq).toFixed(2)}`,
    );
    if (r.parts) {
      const p = r.parts;
      console.log(
        `[${r.dialect}] parts, CPU µs per heartbeat measured in process: learning-token check ${p.tokenUs} (the session lookup it` +
          ` replaces: ${p.lookupUs}, still made when a token is renewed), learning engine ${p.engineUs} (hot state, rules, chain),` +
          ` group commit ${p.engineAndCommitUs - p.engineUs}; the rest of the ${r.figure.serverUsPerReq} µs (Fastify, plugins, HTTP, JSON)` +
          ` ≈ ${r.figure.serverUsPerReq - p.tokenUs - p.engineAndCommitUs}`,
      );
    }
    if (!d) continue;
    console.log(
      `[${r.dialect}] SIGKILL after ${d.killedAtMs} ms under load (${d.exit}): acknowledged ${d.acknowledged}, stored ${d.stored}, missing ${d.missing}` +
        ` (${d.heartbeatRows} heartbeat rows in all); chains verified ${d.chainsOk}/${LEARNERS} (${d.records} records)`,
    );
    if (d.missing > 0 || d.chainsOk !== LEARNERS || d.acknowledged === 0) ok = false;
  }
  if (!ok) {
    console.error('DURABILITY CHECK FAILED');
    process.exitCode = 1;
  }
}

await main().catch((error) => {
  console.error(error);
  process.exit(1);
});
