// The dashboards of this tree against those of an older tree, in one process on one database, alternated in blocks so
// that load from other work on the machine falls on both alike ("no slower" asked of a refactoring, issue 13).
//
// Run: npm run bench:dashboard            (once: generates the world, database `bench_dashboard`)
//      git archive <rev> | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/node_modules
//      npm run bench:dashboard-ab -- --old /tmp/old
// Both trees' services read the same roll-ups (folded once by this tree) and the same records beyond the cursor.
// BENCH_ROUNDS (default 8) blocks per tree, BENCH_BLOCK (default 5) timed calls of each query per block.
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/adapters/db.js';
import { DashboardService } from '../server/src/modules/stats/dashboard.service.js';
import { PlatformStatsService } from '../server/src/modules/stats/platform-stats.service.js';
import { RollupService } from '../server/src/modules/stats/rollup.service.js';
import { systemClock } from '../server/src/platform/clock.js';
import { benchActor as actor, pickScopes } from './dashboard-scopes.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 5);
const oldDir = process.argv[process.argv.indexOf('--old') + 1];
if (!process.argv.includes('--old') || !oldDir || !existsSync(path.join(oldDir, 'server/src/modules/stats')))
  throw new Error('usage: npm run bench:dashboard-ab -- --old <directory holding an older tree>');

const adminUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const url = new URL(adminUrl);
url.pathname = '/bench_dashboard';

type Services = {
  dashboards: { dashboard: DashboardService['dashboard'] };
  platform: { platform: PlatformStatsService['platform'] };
};

async function oldServices(db: ReturnType<typeof openDatabase>['db']): Promise<Services> {
  const load = async (file: string) =>
    (await import(pathToFileURL(path.resolve(oldDir, 'server/src/modules/stats', file)).href)) as Record<
      string,
      new (deps: unknown) => unknown
    >;
  const rollup = new (await load('rollup.service.ts')).RollupService({ db, clock: systemClock });
  const dashboards = new (await load('dashboard.service.ts')).DashboardService({ db, clock: systemClock, rollup });
  const platform = new (await load('platform-stats.service.ts')).PlatformStatsService({
    db,
    clock: systemClock,
    rollup,
    dashboards,
  });
  return { dashboards, platform } as Services;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main() {
  const handle = openDatabase(url.toString());
  const db = handle.db;
  try {
    const marker = await db
      .selectFrom('stats_cursors')
      .select('position')
      .where('name', '=', 'bench.generated')
      .executeTakeFirst();
    if (!marker) throw new Error('no bench_dashboard world: run npm run bench:dashboard first');
    const rollup = new RollupService({ db, clock: systemClock, options: { batchSize: 50_000, maxBatches: 100_000 } });
    await rollup.run({ lagMs: 0 });
    const dashboards = new DashboardService({ db, clock: systemClock, rollup });
    const trees: Record<'before' | 'after', Services> = {
      before: await oldServices(db),
      after: { dashboards, platform: new PlatformStatsService({ db, clock: systemClock, rollup, dashboards }) },
    };
    const { biggest, county, city } = await pickScopes(db);
    const queries: [string, (s: Services) => Promise<unknown>][] = [
      ['regulator, province (330000)', (s) => s.dashboards.dashboard(actor('regulator', '330000'), {})],
      [`regulator, city (${city})`, (s) => s.dashboards.dashboard(actor('regulator', city), {})],
      [
        `regulator, county (${county.region_code})`,
        (s) => s.dashboards.dashboard(actor('regulator', county.region_code), {}),
      ],
      [
        `institution (${biggest.n} learners)`,
        (s) => s.dashboards.dashboard(actor('institution_admin', county.region_code, biggest.institution_id), {}),
      ],
      ['operator, nation', (s) => s.dashboards.dashboard(actor('operator', null), {})],
      ['operator, platform statistics', (s) => s.platform.platform(actor('operator', null))],
    ];
    // Both trees must answer the same thing before their speed is compared.
    for (const [name, run] of queries) {
      const [a, b] = [await run(trees.before), await run(trees.after)];
      const strip = (v: unknown) => JSON.stringify(v, (k, x: unknown) => (k === 'asOf' ? undefined : x));
      console.log(`${name}: answers ${strip(a) === strip(b) ? 'identical' : 'DIFFER (fields added or changed)'}`);
    }
    const times = new Map<string, number[]>();
    const loadBefore = loadavg()[0].toFixed(2);
    for (let round = 0; round < ROUNDS; round++) {
      const order: ('before' | 'after')[] = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
      for (const tree of order)
        for (const [name, run] of queries)
          for (let i = 0; i < BLOCK; i++) {
            const t0 = performance.now();
            await run(trees[tree]);
            const key = `${tree}\t${name}`;
            times.set(key, [...(times.get(key) ?? []), performance.now() - t0]);
          }
    }
    const version = (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0].server_version;
    console.log(
      `\nPostgreSQL ${version}; ${ROUNDS} alternating blocks of ${BLOCK} calls per query and tree; ` +
        `load average (1 min) ${loadBefore} before, ${loadavg()[0].toFixed(2)} after; before = ${oldDir}`,
    );
    console.log(
      '| query | before p50 / p95 ms | after p50 / p95 ms | after ÷ before (p50) |\n| --- | ---: | ---: | ---: |',
    );
    let worst = 0;
    for (const [name] of queries) {
      const [b, a] = (['before', 'after'] as const).map((t) => [...times.get(`${t}\t${name}`)!].sort((x, y) => x - y));
      const ratio = percentile(a, 50) / percentile(b, 50);
      worst = Math.max(worst, ratio);
      console.log(
        `| ${name} | ${percentile(b, 50).toFixed(1)} / ${percentile(b, 95).toFixed(1)} | ` +
          `${percentile(a, 50).toFixed(1)} / ${percentile(a, 95).toFixed(1)} | ${ratio.toFixed(2)} |`,
      );
    }
    console.log(
      `\nworst after ÷ before at p50: ${worst.toFixed(2)} (target "no slower": ≤ 1.10 allowing for noise): ${worst <= 1.1 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
