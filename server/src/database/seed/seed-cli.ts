// `npm run seed`: prepares the database named by DATABASE_URL (default: the SQLite file under YX_VAR_DIR) as the
// server's first start would — migrations, national regions, catalogue reference data, the working calendar and the
// demo world — without serving. Safe to run again: every step is idempotent, and the demo world goes only into a
// database without it. Demo courses (YX_DEMO_CONTENT) are queued as a job the server's runner transcodes later.
import { createPlatform } from '../../bootstrap.js';
import { loadConfig } from '../../platform/config.js';

const config = loadConfig({
  ...process.env,
  YX_SEED_DEMO: 'true',
  // Seeding only: the server process runs the jobs and loads the face models.
  YX_RUN_JOBS: 'false',
  YX_FACE_WARM_UP: 'false',
});
const platform = await createPlatform(config);
try {
  const where = config.databaseUrl.startsWith('postgres') ? 'PostgreSQL' : config.databaseUrl;
  console.log(
    platform.seededDemo
      ? `Seeded the demo world into ${where}.`
      : `${where} is migrated and holds its reference data; the demo world was there already.`,
  );
} finally {
  await platform.close();
}
