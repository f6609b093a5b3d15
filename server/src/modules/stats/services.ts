import type { Kysely } from 'kysely';
import type { GeoLocator } from '../../adapters/geoip.js';
import type { Database } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiCipher } from '../../platform/crypto.js';
import type { AuditService } from '../audit/index.js';
import type { PoliciesService } from '../policies/index.js';
import type { FaceEvidence } from '../faces/index.js';
import type { LocalJobRunner } from '../jobs/index.js';
import { DashboardService } from './dashboard.service.js';
import { InspectionService } from './inspection.service.js';
import { PlatformStatsService } from './platform-stats.service.js';
import { RollupService } from './rollup.service.js';
import { TraceService } from './trace.service.js';

/** The stats module's services, wired once (services.ts keeps one line for them). */
export function createStatsServices(deps: {
  db: Kysely<Database>;
  clock: Clock;
  cipher: PiiCipher;
  audit: AuditService;
  policies: PoliciesService;
  jobs: LocalJobRunner;
  faceEvidence: FaceEvidence;
  geo?: GeoLocator;
}) {
  const { db, clock } = deps;
  const rollup = new RollupService({ db, clock, jobs: deps.jobs });
  const dashboards = new DashboardService({ db, clock, rollup });
  return {
    rollup,
    dashboards,
    platform: new PlatformStatsService({ db, clock, rollup, dashboards }),
    trace: new TraceService({
      db,
      cipher: deps.cipher,
      audit: deps.audit,
      faceEvidence: deps.faceEvidence,
      geo: deps.geo,
    }),
    inspection: new InspectionService({ db, clock, audit: deps.audit, policies: deps.policies }),
  };
}
