// Dashboard queries at province scale on PostgreSQL: 200,000 learners, 1 million lesson sessions and 10 million
// learning records, rolled up by the real roll-up job, then p50/p95 of each dashboard with a baseline in the same run.
//
// Run: npm run bench:dashboard   (BENCH_DATABASE_URL or TEST_DATABASE_URL names the server; default
//      postgres://postgres@127.0.0.1:5432/test). The world is generated once into the database `bench_dashboard`
//      with SQL (generate_series), and reused by later runs; BENCH_REBUILD=1 generates it again.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../server/src/adapters/db.js';
import { migrateToLatest } from '../server/src/database/migrate.js';
import { seedCatalog } from '../server/src/database/seed/catalog.js';
import { seedRegions } from '../server/src/database/seed/regions.js';
import { DashboardService } from '../server/src/modules/stats/dashboard.service.js';
import { PlatformStatsService } from '../server/src/modules/stats/platform-stats.service.js';
import { RollupService } from '../server/src/modules/stats/rollup.service.js';
import { systemClock } from '../server/src/platform/clock.js';
import { benchActor, pickScopes } from './dashboard-scopes.js';

const LEARNERS = 200_000;
const INSTITUTIONS = 2_000;
const CLASSES = 5_000;
const SESSIONS = 1_000_000;
const RECORDS_PER_SESSION = 10;
const LOGINS = 600_000;
const ALERTS = 5_000;
const DAYS = 30;
const NAME = 'bench_dashboard';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40);

const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = new URL(adminUrl);
url.pathname = `/${NAME}`;

async function admin(query: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(query);
  } finally {
    await client.end();
  }
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The statements that make the world, in order; UUIDv7-shaped ids carry the time of the row like the real ones. */
function generation(now: number): [string, string][] {
  const nowIso = new Date(now).toISOString();
  return [
    [
      'helpers',
      `
      create or replace function bench_v7(at timestamptz, salt text) returns varchar language sql immutable as $$
        select substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12)
        from (select lpad(to_hex((extract(epoch from at) * 1000)::bigint), 12, '0') as h, md5(salt) as r) x $$;
      create or replace function bench_iso(at timestamptz) returns varchar language sql immutable as $$
        select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;`,
    ],
    [
      'institutions',
      `
      insert into institutions (id, name, kind, credit_code, region_code, status, created_at, updated_at)
      select bench_v7(timestamptz '${nowIso}' - interval '400 days', 'inst' || i), '压测培训机构' || i, 'training', 'BENCH' || lpad(i::text, 13, '0'),
        c.code, 'active', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'
      from generate_series(1, ${INSTITUTIONS}) i
      join (select code, row_number() over (order by code) - 1 as n, count(*) over () as total from regions where level = 'county' and code like '33%') c
        on c.n = i % c.total`,
    ],
    [
      'learners',
      `
      insert into users (id, role, name, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked, gender, birth_date,
        password_hash, status, region_code, institution_id, locked_until, created_at, updated_at)
      select bench_v7(t, 'user' || i), 'learner', '学员' || i, 'enc', 'idh' || i, '330106********' || lpad((i % 10000)::text, 4, '0'), 'enc', 'ph' || i,
        '138****' || lpad((i % 10000)::text, 4, '0'), case when i % 2 = 0 then 'male' else 'female' end, '1990-01-01', 'x', 'active',
        inst.region_code, inst.id, null, bench_iso(t), bench_iso(t)
      from generate_series(1, ${LEARNERS}) i
      cross join lateral (select timestamptz '${nowIso}' - (i % 60) * interval '1 day' - (i % 997) * interval '1 minute' as t) tt
      join (select id, region_code, row_number() over (order by id) - 1 as n from institutions where credit_code like 'BENCH%') inst on inst.n = i % ${INSTITUTIONS}
      -- In the order a live platform writes them (by time), so a day's rows lie together as they would.
      order by t`,
    ],
    [
      'course',
      `
      insert into courses (id, institution_id, occupation_code, level, category_code, general_module_code, title, summary, status, search_tokens, created_by, created_at, updated_at)
      values ('00000000-0000-7000-8000-00000bench01', null, null, null, null, null, '压测课程', '', 'published', '', null, '${nowIso}', '${nowIso}');
      insert into chapters (id, course_id, title, sort) values ('00000000-0000-7000-8000-00000bench02', '00000000-0000-7000-8000-00000bench01', '第一章', 1);
      insert into lessons (id, course_id, chapter_id, title, kind, media_id, document_minutes, sort)
      select '00000000-0000-7000-8000-0000bench1' || lpad(i::text, 2, '0'), '00000000-0000-7000-8000-00000bench01', '00000000-0000-7000-8000-00000bench02', '第' || i || '讲', 'document', null, 30, i
      from generate_series(1, 10) i`,
    ],
    [
      'classes',
      `
      insert into classes (id, institution_id, region_code, name, occupation_code, level, start_date, end_date, offline_hours, assessment_plan, self_enrol, capacity,
        status, policy_refs, submitted_at, review_due_at, decided_at, decided_by, created_by, created_at, updated_at)
      select bench_v7(timestamptz '${nowIso}' - interval '90 days', 'class' || i), inst.id, inst.region_code, '压测班' || i, occ.code, 5,
        to_char(timestamptz '${nowIso}' - (40 + i % 20) * interval '1 day', 'YYYY-MM-DD'), to_char(timestamptz '${nowIso}' + (i % 30) * interval '1 day', 'YYYY-MM-DD'),
        10, '理论考试', 0, 200, 'approved', null, '${nowIso}', '${nowIso}', '${nowIso}', null, u.id, '${nowIso}', '${nowIso}'
      from generate_series(0, ${CLASSES - 1}) i
      join (select id, region_code, row_number() over (order by id) - 1 as n from institutions where credit_code like 'BENCH%') inst on inst.n = i % ${INSTITUTIONS}
      join (select code, row_number() over (order by code) - 1 as n from occupations where code like '6-%' or code like '4-%' limit 40) occ on occ.n = i % 40
      cross join (select id from users where role = 'learner' order by id limit 1) u;
      insert into class_courses (class_id, course_id, sort) select id, '00000000-0000-7000-8000-00000bench01', 1 from classes where name like '压测班%'`,
    ],
    [
      'enrolments',
      `
      create temporary table bench_class_of as
      select u.id as user_id, c.id as class_id, row_number() over (order by u.id) as n
      from (select id, institution_id, row_number() over (partition by institution_id order by id) as k from users where role = 'learner' and name like '学员%') u
      join (select id, institution_id, row_number() over (partition by institution_id order by id) - 1 as k, count(*) over (partition by institution_id) as m
            from classes where name like '压测班%') c on c.institution_id = u.institution_id and c.k = u.k % c.m;
      insert into enrolments (id, class_id, user_id, status, source, created_by, created_at)
      select bench_v7(timestamptz '${nowIso}' - interval '60 days', 'enr' || n), class_id, user_id, 'enrolled', 'import', null, '${nowIso}' from bench_class_of`,
    ],
    [
      'learning_sessions',
      `
      create temporary table bench_sessions as
      select s, e.user_id, e.class_id,
        -- Daytime in Beijing on one of the last ${DAYS} days (today included), up to the present.
        least(timestamptz '${nowIso}' - interval '5 minutes',
          date_trunc('day', timestamptz '${nowIso}' at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'
          - (s % ${DAYS}) * interval '1 day' + interval '8 hours' + ((s::bigint * 7919) % 50400) * interval '1 second') as started
      from generate_series(1, ${SESSIONS}) s
      join bench_class_of e on e.n = 1 + (s::bigint * 48271) % ${LEARNERS};
      alter table bench_sessions add column id varchar(36);
      update bench_sessions set id = bench_v7(started, 'ses' || s);
      alter table bench_sessions add column ord integer;
      update bench_sessions b set ord = x.ord from (select s, row_number() over (partition by user_id order by started, s) as ord from bench_sessions) x where x.s = b.s;
      insert into learning_sessions (id, user_id, class_id, course_id, lesson_id, login_session_id, started_at, ip, user_agent, device_id, start_position_ms)
      select id, user_id, class_id, '00000000-0000-7000-8000-00000bench01', '00000000-0000-7000-8000-0000bench1' || lpad((1 + s % 10)::text, 2, '0'), null,
        bench_iso(started), '36.' || (s % 250) || '.' || (s % 199) || '.' || (s % 251), 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
        'dev-' || md5(user_id), 0
      from bench_sessions`,
    ],
    [
      'learning_records (drop indexes)',
      `
      alter table learning_records drop constraint if exists learning_records_chain_uq;
      drop index if exists learning_records_session_idx;
      alter table learning_records drop constraint if exists learning_records_pkey`,
    ],
    [
      'learning_records',
      `
      insert into learning_records (id, user_id, chain_seq, session_id, kind, at, data, credited_ms, prev_hash, hash)
      select bench_v7(t, b.id || k), b.user_id, (b.ord - 1) * ${RECORDS_PER_SESSION} + k + 1, b.id,
        case when k = 0 then 'session_started' when k = ${RECORDS_PER_SESSION - 1} then 'session_ended' when k = 5 and b.s % 10 = 0 then 'heartbeat_refused' else 'heartbeat' end,
        bench_iso(t),
        case when k = 0 then '{"classId":"' || b.class_id || '","lessonId":"l","deviceId":"dev","ip":"36.1.1.1","positionMs":0}'
          else '{"seq":' || k || ',"positionMs":' || (k * 20000) || ',"playing":true,"rate":1,"visible":true,"focused":true,"clientTimeMs":' || k || ',"heldMs":0,"reason":null}' end,
        case when k between 1 and ${RECORDS_PER_SESSION - 2} and not (k = 5 and b.s % 10 = 0) then 20000 else 0 end,
        md5(b.id || (k - 1)) || md5(b.id || (k - 1)), md5(b.id || k) || md5(b.id || k)
      from bench_sessions b cross join generate_series(0, ${RECORDS_PER_SESSION - 1}) k
      cross join lateral (select b.started + k * interval '20 seconds' as t) tt`,
    ],
    [
      'learning_records (indexes)',
      `
      alter table learning_records add constraint learning_records_pkey primary key (id);
      alter table learning_records add constraint learning_records_chain_uq unique (user_id, chain_seq);
      create index learning_records_session_idx on learning_records (session_id, chain_seq)`,
    ],
    [
      'sign-ins',
      `
      insert into sessions (id, user_id, csrf_token, ip, user_agent, device, created_at, last_seen_at, expires_at, ended_at, ended_reason, replaced_by)
      select md5('login' || i), e.user_id, 'x', '36.1.1.1', 'bench', 'PC', bench_iso(t), bench_iso(t), bench_iso(t + interval '1 day'), bench_iso(t + interval '2 hours'), 'logout', null
      from generate_series(1, ${LOGINS}) i
      join bench_class_of e on e.n = 1 + (i::bigint * 16807) % ${LEARNERS}
      cross join lateral (select timestamptz '${nowIso}' - (i % ${DAYS}) * interval '1 day' - (i % 600) * interval '1 minute' as t) tt
      order by t`,
    ],
    [
      'alerts',
      `
      insert into alerts (id, kind, severity, status, subject_type, subject_id, user_id, class_id, institution_id, region_code, dedupe_key, window_start, window_end,
        facts, session_ids, detections, first_seen_at, last_seen_at, proposal, proposal_reason, proposed_by, proposed_at, decided_by, decided_at, decision_reason, revoked_ms, created_at, updated_at)
      select md5('alert' || i), (array['group_ip','foreign_ip','many_ips','scripted_player','face_failures','concurrent_lessons'])[1 + i % 6], 'medium',
        case when i % 3 = 0 then 'confirmed' else 'open' end, 'learner', e.user_id, e.user_id, e.class_id, c.institution_id, c.region_code, 'bench' || i,
        '${nowIso}', '${nowIso}', '{}', '[]', 1, '${nowIso}', '${nowIso}', null, null, null, null, null, null, null, 0, '${nowIso}', '${nowIso}'
      from generate_series(1, ${ALERTS}) i
      join bench_class_of e on e.n = 1 + (i::bigint * 69621) % ${LEARNERS}
      join classes c on c.id = e.class_id`,
    ],
    ['analyze', 'analyze'],
  ];
}

async function ensureWorld(): Promise<{ built: boolean }> {
  const exists = (await admin(`select 1 from pg_database where datname = '${NAME}'`)).rowCount === 1;
  if (exists && process.env.BENCH_REBUILD !== '1') {
    const probe = openDatabase(url.toString());
    try {
      const marker = await probe.db
        .selectFrom('stats_cursors')
        .select('position')
        .where('name', '=', 'bench.generated')
        .executeTakeFirst();
      if (marker) {
        await migrateToLatest(probe.db);
        console.log(`reusing ${NAME} (generated ${marker.position})`);
        return { built: false };
      }
    } catch {
      // Half-made by an interrupted run: made again below.
    } finally {
      await probe.close();
    }
  }
  await admin(`drop database if exists ${NAME} with (force)`);
  await admin(`create database ${NAME}`);
  const handle = openDatabase(url.toString());
  try {
    await migrateToLatest(handle.db);
    await seedRegions(handle.db);
    await seedCatalog(handle.db, systemClock);
  } finally {
    await handle.close();
  }
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query("set synchronous_commit = off; set maintenance_work_mem = '1GB'; set work_mem = '256MB'");
    const now = Date.now();
    for (const [what, statement] of generation(now)) {
      const t0 = performance.now();
      await client.query(statement);
      console.log(`generated ${what} in ${seconds(t0)}`);
    }
    await client.query(
      `insert into stats_cursors (name, position, updated_at) values ('bench.generated', '${new Date(now).toISOString()}', '${new Date(now).toISOString()}')`,
    );
  } finally {
    await client.end();
  }
  return { built: true };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(
  name: string,
  fn: () => Promise<unknown>,
): Promise<{ name: string; p50: number; p95: number; max: number }> {
  await fn(); // warm-up: plans, caches
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { name, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

async function main() {
  const t0 = performance.now();
  const { built } = await ensureWorld();
  if (built) console.log(`world generated in ${seconds(t0)}`);
  const handle = openDatabase(url.toString());
  const db = handle.db;
  try {
    const rollup = new RollupService({ db, clock: systemClock, options: { batchSize: 50_000, maxBatches: 100_000 } });
    const t1 = performance.now();
    const folded = await rollup.run({ lagMs: 0 });
    const rollupMs = performance.now() - t1;
    console.log(
      `roll-up: ${folded.records.toLocaleString('en')} records in ${folded.batches} batches, ${(rollupMs / 1000).toFixed(1)} s` +
        (folded.records
          ? ` (${Math.round(folded.records / (rollupMs / 1000)).toLocaleString('en')} records/s), ${folded.days.length} days derived`
          : ''),
    );

    // Fresh roll-up tables have no planner statistics yet (autovacuum would gather them in a while).
    await sql`analyze stats_learner_daily, stats_daily, stats_active_daily, stats_platform_daily`.execute(db);

    // What a running platform has beyond the cursor: a few minutes of heartbeats not folded yet (2,000 sessions).
    const tag = Date.now().toString(36);
    await sql`insert into learning_records (id, user_id, chain_seq, session_id, kind, at, data, credited_ms, prev_hash, hash)
      select bench_v7(now(), ${tag} || s.id || k), s.user_id, 100000000 + (extract(epoch from now())::bigint % 1000000) * 20 + k, s.id, 'heartbeat', bench_iso(now()),
        '{"seq":1}', 20000, 'x', 'x'
      from (select distinct on (user_id) id, user_id from learning_sessions order by user_id, id desc limit 2000) s cross join generate_series(0, 9) k`.execute(
      db,
    );

    const counts = await sql<{
      records: string;
      sessions: string;
      learners: string;
      learner_days: string;
      daily: string;
    }>`select
      (select count(*) from learning_records) as records, (select count(*) from learning_sessions) as sessions,
      (select count(*) from users where role = 'learner') as learners, (select count(*) from stats_learner_daily) as learner_days,
      (select count(*) from stats_daily) as daily`.execute(db);
    const c = counts.rows[0];
    console.log(
      `world: ${Number(c.learners).toLocaleString('en')} learners, ${Number(c.sessions).toLocaleString('en')} sessions, ${Number(c.records).toLocaleString('en')} records; ` +
        `roll-ups: ${Number(c.learner_days).toLocaleString('en')} learner-days, ${Number(c.daily).toLocaleString('en')} day rows; 20,000 records beyond the cursor`,
    );

    const dashboards = new DashboardService({ db, clock: systemClock, rollup });
    const platform = new PlatformStatsService({ db, clock: systemClock, rollup, dashboards });
    const actor = benchActor;
    const { biggest, county, city, pk } = await pickScopes(db);

    const load = () =>
      loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ');
    const loadBefore = load();
    const results = [
      await measure('baseline: select 1', () => sql`select 1`.execute(db)),
      await measure('baseline: user by primary key', () =>
        db.selectFrom('users').selectAll().where('id', '=', pk.id).executeTakeFirst(),
      ),
      await measure('regulator, province (330000)', () => dashboards.dashboard(actor('regulator', '330000'), {})),
      await measure(`regulator, city (${city})`, () => dashboards.dashboard(actor('regulator', city), {})),
      await measure(`regulator, county (${county.region_code})`, () =>
        dashboards.dashboard(actor('regulator', county.region_code), {}),
      ),
      await measure(`institution (${biggest.n} learners)`, () =>
        dashboards.dashboard(actor('institution_admin', county.region_code, biggest.institution_id), {}),
      ),
      await measure('operator, nation', () => dashboards.dashboard(actor('operator', null), {})),
      await measure('operator, platform statistics', () => platform.platform(actor('operator', null))),
      // What a call costs right after the cursor moved (once a minute per process): the records beyond it folded afresh.
      await measure('regulator, province, fresh process (fold of the records beyond the cursor)', () =>
        new DashboardService({
          db,
          clock: systemClock,
          rollup: new RollupService({ db, clock: systemClock }),
        }).dashboard(actor('regulator', '330000'), {}),
      ),
    ];
    console.log(
      `\n${ITERATIONS} runs each after one warm-up, PostgreSQL ${(await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0].server_version}, one connection at a time; ` +
        `load average (1 / 5 / 15 min) ${loadBefore} before, ${load()} after:`,
    );
    console.log('| query | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: |');
    for (const r of results)
      console.log(`| ${r.name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`);
    const worst = Math.max(...results.slice(2, 8).map((r) => r.p95));
    console.log(
      `\nworst dashboard p95: ${worst.toFixed(0)} ms (target ≤ 1000 ms): ${worst <= 1000 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
