import { Migrator, NO_MIGRATIONS, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_catalog.js';
import * as m0003 from './migrations/0003_catalog_browse_indexes.js';
import * as m0004 from './migrations/0004_classes.js';
import * as m0005i from './migrations/0005_institution_registration.js';
import * as m0006 from './migrations/0006_class_changes_and_qualifications.js';
import * as m0007 from './migrations/0007_learning.js';
import * as m0008 from './migrations/0008_faces.js';
import * as m0009 from './migrations/0009_face_checks_learning.js';
import * as m0010 from './migrations/0010_face_index.js';
import * as m0011 from './migrations/0011_alerts.js';
import * as m0012 from './migrations/0012_rollups.js';
import * as m0013 from './migrations/0013_stats_counts.js';
import * as m0014 from './migrations/0014_training_rooms.js';
import * as m0015 from './migrations/0015_work_calendar.js';
import * as m0016h from './migrations/0016_learning_held_credit.js';
import * as m0017q from './migrations/0017_question_banks.js';
import * as m0018 from './migrations/0018_exams.js';
import * as m0019c from './migrations/0019_certificates.js';
import * as m0022s from './migrations/0022_subsidies.js';
import * as m0023c from './migrations/0023_consequences.js';
import * as m0024seal from './migrations/0024_seal.js';

// Migrations are listed here explicitly (no directory scanning) so bundling and tsx behave the same.
const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_catalog': m0002,
  '0003_catalog_browse_indexes': m0003,
  '0004_classes': m0004,
  '0005_institution_registration': m0005i,
  '0006_class_changes_and_qualifications': m0006,
  '0007_learning': m0007,
  '0008_faces': m0008,
  '0009_face_checks_learning': m0009,
  '0010_face_index': m0010,
  '0011_alerts': m0011,
  '0012_rollups': m0012,
  '0013_stats_counts': m0013,
  '0014_training_rooms': m0014,
  '0015_work_calendar': m0015,
  '0016_learning_held_credit': m0016h,
  '0017_question_banks': m0017q,
  '0018_exams': m0018,
  '0019_certificates': m0019c,
  '0022_subsidies': m0022s,
  '0023_consequences': m0023c,
  '0024_seal': m0024seal,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrateDownAll(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error } = await migrator.migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
}
