import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { DashboardService } from './server/src/modules/stats/dashboard.service.js';
import { PlatformStatsService } from './server/src/modules/stats/platform-stats.service.js';
import { RollupService } from './server/src/modules/stats/rollup.service.js';
import { systemClock } from './server/src/platform/clock.js';
const stats = new Map<string, number[]>();
let on = false;
const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/bench_dashboard', max: 10 }) }),
  log: (e) => { if (!on) return; const k = e.query.sql.slice(0, 170); (stats.get(k) ?? stats.set(k, []).get(k)!).push(e.queryDurationMillis); } });
const rollup = new RollupService({ db, clock: systemClock });
const dashboards = new DashboardService({ db, clock: systemClock, rollup });
const platform = new PlatformStatsService({ db, clock: systemClock, rollup, dashboards });
const actor = (role: any, regionCode: string | null): any => ({ userId: 'x', role, name: 'b', regionCode, institutionId: null, sessionId: 'b' });
const which = process.argv[2] ?? 'province';
const fn = which === 'fresh' ? () => new DashboardService({ db, clock: systemClock, rollup: new RollupService({ db, clock: systemClock }) }).dashboard(actor('regulator', '330000'), {}) : which === 'platform' ? () => platform.platform(actor('operator', null)) : which === 'nation' ? () => dashboards.dashboard(actor('operator', null), {}) : () => dashboards.dashboard(actor('regulator', '330000'), {});
await fn();
on = true;
for (let i = 0; i < 5; i++) { const t = performance.now(); await fn(); console.log('call', (performance.now() - t).toFixed(0)); }
for (const [k, v] of [...stats].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0)).slice(0, 14)) console.log((v.reduce((a, b) => a + b, 0) / 5).toFixed(1).padStart(7), v.length, k.replace(/\s+/g, ' '));
await db.destroy();
