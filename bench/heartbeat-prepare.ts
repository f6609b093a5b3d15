// The world of bench/heartbeat.ts, prepared in process against the target database, and the cost of the parts of a
// heartbeat measured there: the auth lookup, the learning engine, and the engine with its group commit.
import type { Platform } from '../server/src/bootstrap.js';
import { createPlatform } from '../server/src/bootstrap.js';
import { beijingDate } from '../server/src/platform/time.js';
import {
  openApprovedClass,
  prepareClassWorld,
  topUpSession,
  userId,
} from '../server/src/modules/classes/classes.testkit.js';
import { makeResidentId } from '../server/src/modules/identity/resident-id.js';
import type { Beat } from '../server/src/modules/learning/crediting.js';
import type { WriteUnit } from '../server/src/modules/learning/records.js';
import { loadConfig } from '../server/src/platform/config.js';
import { sha256 } from '../server/src/platform/crypto.js';
import type { Actor } from '../server/src/platform/context.js';
import { call, login } from '../server/src/testing/platform.js';

export type Learner = {
  phone: string;
  userId: string;
  cookie: string;
  csrf: string;
  token: string;
  sessionId: string;
  seq: number;
  clientTimeMs: number;
  startedAt: number;
};
/** CPU µs per heartbeat: the learning-token check, the session lookup it replaces, the engine, the engine with its commit. */
export type Parts = { tokenUs: number; lookupUs: number; engineUs: number; engineAndCommitUs: number };

const PASSWORD = 'Bench@2026x';
const meta = (i: number) => ({ ip: '127.0.0.1', userAgent: 'yx-bench', requestId: `bench-${i}` });

/** The next report of a learner whose video plays in real time: seq + 1, position = time since the start. */
export function nextBeat(l: Pick<Learner, 'seq' | 'clientTimeMs' | 'startedAt'>): Beat {
  const now = Date.now();
  // Two reports within one millisecond would be refused as `clock_backwards`; a player never sends them that fast.
  l.clientTimeMs = Math.max(now, l.clientTimeMs + 1);
  l.seq += 1;
  return {
    seq: l.seq,
    positionMs: now - l.startedAt,
    playing: true,
    rate: 1,
    visible: true,
    focused: true,
    clientTimeMs: l.clientTimeMs,
  };
}

/**
 * As users would through the API: the demo world, more learners registered with valid ID numbers (the demo has 20),
 * an approved class of institution A running today with all of them enrolled, and each learner signed in.
 */
export async function prepare(
  env: Record<string, string>,
  count: number,
  options: { parts: boolean },
): Promise<{ classId: string; lessonId: string; learners: Learner[]; parts: Parts | null }> {
  const platform = await createPlatform(loadConfig(env), { logger: false });
  try {
    const world = await prepareClassWorld(platform);
    const phones = Array.from({ length: 20 }, (_, i) => `138000000${String(i + 1).padStart(2, '0')}`).slice(0, count);
    for (let i = phones.length; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, (_, k) => i + k);
      await Promise.all(
        batch.map(async (n) => {
          const phone = `137${String(n).padStart(8, '0')}`;
          const birthDate = new Date(Date.UTC(1975, 0, 1) + n * 97 * 86_400_000).toISOString().slice(0, 10);
          const name = '王李张刘陈杨黄赵吴周'[n % 10] + '伟芳娜敏静丽强磊军洋'[Math.floor(n / 10) % 10] + '明';
          await platform.services.auth.register(
            {
              name,
              idNumber: makeResidentId({ regionCode: '330106', birthDate, sequence: n % 1000 }),
              phone,
              password: PASSWORD,
            },
            meta(n),
          );
        }),
      );
      phones.push(...batch.map((n) => `137${String(n).padStart(8, '0')}`));
    }
    const ids = await Promise.all(phones.map((phone) => userId(platform, phone)));
    const now = Date.now();
    const day = (offset: number) => beijingDate(new Date(now + offset * 86_400_000));
    // Heartbeats are measured here, face checks by their own bench: this district asks for none (minPerLesson 0), so
    // the learners need no face enrolment. A heartbeat costs the same either way; a face check is a request of its own.
    const policy = await call(platform, await login(platform, '13900000001'), 'POST', '/api/policies/330106', {
      document: { faceCheck: { minPerLesson: 0 } },
      note: '心跳压测：不做人脸核验',
    });
    if (policy.status >= 300) throw new Error(`policy: ${policy.status} ${JSON.stringify(policy.body)}`);
    const klass = await openApprovedClass(platform, world, {
      name: '电工（五级）压测班',
      startDate: day(0),
      endDate: day(30),
      learnerIds: ids,
      sessions: topUpSession(world, [], `${day(20)}T00:00:00.000Z`, { latitude: 30.2741, longitude: 120.1551 }),
    });
    // The testkit opens classes of 50 places; this one has a place for every learner.
    await platform.services.infra.db
      .updateTable('classes')
      .set({ capacity: ids.length })
      .where('id', '=', klass.id)
      .execute();
    const learners: Learner[] = [];
    for (let i = 0; i < phones.length; i += 10) {
      const batch = phones.slice(i, i + 10);
      // Through the login route (scrypt and all), each from its own address so the per-address login limit holds.
      const sessions = await Promise.all(
        batch.map((phone) => login(platform, phone, phone.startsWith('137') ? PASSWORD : undefined)),
      );
      sessions.forEach((s, k) =>
        learners.push({
          phone: batch[k],
          userId: s.userId,
          cookie: s.cookie,
          csrf: s.csrf,
          token: '',
          sessionId: '',
          seq: 0,
          clientTimeMs: 0,
          startedAt: 0,
        }),
      );
    }
    const lessons = (await call(platform, learners[0], 'GET', `/api/learning/classes/${klass.id}/progress`)).body
      .items as { lessonId: string }[];
    const lessonId = lessons[0].lessonId;
    const parts = options.parts ? await measureParts(platform, klass.id, lessonId, learners) : null;
    return { classId: klass.id, lessonId, learners, parts };
  } finally {
    await platform.close();
  }
}

/** CPU microseconds per call of `fn`, called for every learner at once (as under load), `rounds` times. */
async function cpuPerCall(learners: number, rounds: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  for (let r = 0; r < 3; r++) await Promise.all(Array.from({ length: learners }, (_, i) => fn(i)));
  const before = process.cpuUsage();
  for (let r = 0; r < rounds; r++) await Promise.all(Array.from({ length: learners }, (_, i) => fn(i)));
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / (rounds * learners));
}

/**
 * The parts of one heartbeat, measured on the services directly (no HTTP): the learning-token check the auth hook
 * does instead of a session lookup, and for comparison that lookup (still made when a token is renewed); the engine
 * (hot state, crediting rules, hash chain) with the writer stubbed out; and the engine with the real group commit,
 * which then sees one report of every learner per transaction as under load.
 */
async function measureParts(
  platform: Platform,
  classId: string,
  lessonId: string,
  learners: Learner[],
): Promise<Parts> {
  const { auth, learning } = platform.services;
  const tokens = learners.map((l) => /yx_sid=([^;]+)/.exec(l.cookie)![1]);
  const lookupUs = await cpuPerCall(learners.length, 20, (i) => auth.authenticate(tokens[i]));
  const actors: Actor[] = await Promise.all(tokens.map(async (t) => (await auth.authenticate(t)).actor));
  const players = learners.map(() => ({ seq: 0, clientTimeMs: Date.now(), startedAt: Date.now() }));
  const sessions = await Promise.all(
    actors.map((a, i) =>
      learning.start(
        a,
        { classId, lessonId, deviceId: `bench-parts-${i}`, clientTimeMs: players[i].clientTimeMs },
        meta(i),
      ),
    ),
  );
  const beat = (i: number) => learning.heartbeat(actors[i], sessions[i].sessionId, [nextBeat(players[i])]);
  // What the auth hook does for a heartbeat that carries its token: hash the cookie, check the signature.
  const learningTokens = sessions.map((s, i) =>
    platform.services.learningTokens.issue(actors[i].sessionId, { userId: actors[i].userId, sessionId: s.sessionId }),
  );
  const tokenUs = await cpuPerCall(learners.length, 200, async (i) =>
    platform.services.learningTokens.check(learningTokens[i], sha256(tokens[i]), sessions[i].sessionId),
  );
  const engineAndCommitUs = await cpuPerCall(learners.length, 20, beat);
  // With nothing written, the live state runs ahead of the stored chain; the server started later reads the chain
  // head from the database, and these in-process sessions end with this platform.
  const writer = learning.writer;
  Object.defineProperty(learning, 'writer', {
    value: { write: async (_unit: WriteUnit) => undefined },
    configurable: true,
  });
  try {
    return { tokenUs, lookupUs, engineUs: await cpuPerCall(learners.length, 20, beat), engineAndCommitUs };
  } finally {
    Object.defineProperty(learning, 'writer', { value: writer });
  }
}
