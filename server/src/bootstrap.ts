import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBlobStore } from './adapters/blobs.js';
import { openDatabase, type DatabaseHandle } from './adapters/db.js';
import { openHotState, type HotState } from './adapters/hotstate.js';
import { LogSmsProvider, type SmsProvider } from './adapters/sms.js';
import { migrateToLatest } from './database/migrate.js';
import { seedCatalog } from './database/seed/catalog.js';
import { seedWorkCalendar } from './modules/calendar/index.js';
import { seedDemo } from './database/seed/demo.js';
import { DEMO_CONTENT_JOB } from './database/seed/demo-content.js';
import { seedRegions } from './database/seed/regions.js';
import { buildHttpApp } from './http/app.js';
import type { App } from './http/types.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { PiiCipher } from './platform/crypto.js';
import { registerJobs } from './jobs.registry.js';
import { createServices, type Services } from './services.js';
import { sharedFaceEngine } from './adapters/face-engine/face-api-engine.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Platform = {
  app: App;
  services: Services;
  database: DatabaseHandle;
  hot: HotState;
  seededDemo: boolean;
  close: () => Promise<void>;
};

/** Composition root: config -> database (migrated) -> adapters -> services -> HTTP. Used by main, seeds and tests. */
export async function createPlatform(
  config: Config,
  overrides: { clock?: Clock; sms?: SmsProvider; hot?: HotState; logger?: boolean | object } = {},
): Promise<Platform> {
  // eslint-disable-next-line prefer-const -- assigned once below, but read (as undefined) by the callbacks before that
  let app: App | undefined;
  // A lost connection is logged (rate-limited by the adapters) and survived: requests meanwhile answer 503.
  const onConnectionError = (store: string) => (err: Error) =>
    app?.log.warn(
      { err: { message: err.message, code: (err as { code?: string }).code } },
      `${store} connection error`,
    );
  const database = openDatabase(config.databaseUrl, {
    checkpoint: config.sqliteCheckpointThread ? {} : false,
    onConnectionError: onConnectionError('database'),
  });
  await migrateToLatest(database.db);
  await seedRegions(database.db);
  const hot = overrides.hot ?? openHotState(config.redisUrl, undefined, onConnectionError('redis'));
  const logger = overrides.logger ?? false;
  const services = createServices({
    db: database.db,
    dialect: database.dialect,
    clock: overrides.clock ?? systemClock,
    cipher: new PiiCipher(config.piiKey, config.hashKey),
    hot,
    sms: overrides.sms ?? new LogSmsProvider({ info: (obj: unknown, msg?: string) => app?.log.info(obj, msg) }),
    auth: config.auth,
    publicUrl: config.publicUrl,
    certificateSigningKey: config.certificateSigningKey,
    seal: config.seal,
    blobs: openBlobStore(config),
    uploads: config.uploads,
    log: { info: (obj, msg) => app?.log.info(obj, msg), error: (obj, msg) => app?.log.error(obj, msg) },
  });
  registerJobs(services);
  await seedCatalog(database.db, services.infra.clock);
  await seedWorkCalendar(database.db, services.infra.clock);
  const seededDemo = config.seedDemo ? await seedDemo(services) : false;
  if (config.seedDemo && config.demoContent) {
    const queued = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', DEMO_CONTENT_JOB.id)
      .executeTakeFirst();
    if (!queued) await services.jobs.enqueue(database.db, DEMO_CONTENT_JOB, {});
  }
  app = await buildHttpApp(services, {
    logger,
    trustProxy: config.trustProxy,
    secureCookies: config.secureCookies,
    rateLimitPerMinute: config.rateLimitPerMinute,
    webDist: path.join(projectRoot, 'web/dist'),
  });
  if (config.runJobs) {
    // The statistics roll-up reschedules itself; this queues its first run (once, whichever node starts first).
    await services.stats.rollup.schedule();
    // The same for the periodic early-warning scan (modules/alerts).
    await services.detection.schedule();
    // And the daily-ish check of recovery orders past their due date (modules/subsidies).
    await services.subsidyRecovery.schedule();
    // And the evidence seal's signed checkpoints (modules/seal).
    await services.seal.schedule();
    services.jobs.start();
  }
  // The face models load in a worker thread in the background (several seconds of one core): the server answers at
  // once and the first face check does not wait for them. Faces stored before the index existed are indexed meanwhile.
  if (config.faceWarmUp) void warmUpFaces(services, app.log);
  return {
    app,
    services,
    database,
    hot,
    seededDemo,
    close: async () => {
      await app.close();
      await services.jobs.stop();
      await hot.close();
      await database.close();
    },
  };
}

async function warmUpFaces(services: Services, log: App['log']): Promise<void> {
  const started = performance.now();
  try {
    await (services.infra.faceEngine ?? sharedFaceEngine()).warmUp();
    const indexed = await services.faceSharing.reindexMissing();
    log.info({ ms: Math.round(performance.now() - started), indexed }, 'face engine ready');
  } catch (err) {
    log.error({ err }, 'face engine warm-up failed; models load on the first check instead');
  }
}
