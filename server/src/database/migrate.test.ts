import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../adapters/db.js';
import { createScratchDatabase, testDialect } from '../testing/platform.js';
import { migrateDownAll, migrateToLatest } from './migrate.js';
import { seedRegions } from './seed/regions.js';

// Every migration, in the order they run (new ones are added here once).
const ALL_MIGRATIONS = [
  '0001_foundation',
  '0002_catalog',
  '0003_catalog_browse_indexes',
  '0004_classes',
  '0005_institution_registration',
  '0006_class_changes_and_qualifications',
  '0007_learning',
  '0008_faces',
  '0009_face_checks_learning',
  '0010_face_index',
  '0011_alerts',
  '0012_rollups',
  '0013_stats_counts',
  '0014_training_rooms',
  '0015_work_calendar',
  '0016_learning_held_credit',
  '0017_question_banks',
  '0018_exams',
  '0019_certificates',
  '0022_subsidies',
  '0023_consequences',
  '0024_seal',
];

let handle: DatabaseHandle;
let drop: () => Promise<void>;
beforeAll(async () => {
  const scratch = await createScratchDatabase();
  drop = scratch.drop;
  handle = openDatabase(scratch.url);
});
afterAll(async () => {
  await handle?.close();
  await drop?.();
});

describe(`migrations on ${testDialect}`, () => {
  it('runs on the dialect under test', () => {
    expect(handle.dialect).toBe(testDialect);
  });

  it('migrates up, down and up again, and is idempotent', async () => {
    expect(await migrateToLatest(handle.db)).toEqual(ALL_MIGRATIONS);
    expect(await migrateToLatest(handle.db)).toEqual([]);
    await migrateDownAll(handle.db);
    const tables = (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('users');
    expect(await migrateToLatest(handle.db)).toEqual(ALL_MIGRATIONS);
    const after = (await handle.db.introspection.getTables()).map((t) => t.name);
    expect(after).toEqual(
      expect.arrayContaining([
        'regions',
        'institutions',
        'users',
        'sessions',
        'verification_codes',
        'invitations',
        'audit_log',
        'jobs',
        'courses',
        'lessons',
        'media',
        'policies',
      ]),
    );
  });

  it('enforces one person, one account in the schema itself', async () => {
    const now = new Date().toISOString();
    const row = {
      id: 'u1',
      role: 'learner' as const,
      name: '甲',
      id_number_enc: 'x',
      id_number_hash: 'same-id',
      id_number_masked: 'm',
      phone_enc: 'x',
      phone_hash: 'p1',
      phone_masked: 'm',
      gender: 'male' as const,
      birth_date: '1990-01-01',
      password_hash: 'h',
      status: 'active' as const,
      region_code: null,
      institution_id: null,
      locked_until: null,
      created_at: now,
      updated_at: now,
    };
    await handle.db.insertInto('users').values(row).execute();
    await expect(
      handle.db
        .insertInto('users')
        .values({ ...row, id: 'u2', phone_hash: 'p2' })
        .execute(),
    ).rejects.toThrow();
    await expect(
      handle.db
        .insertInto('users')
        .values({ ...row, id: 'u3', id_number_hash: 'other', phone_hash: 'p1' })
        .execute(),
    ).rejects.toThrow();
  });

  it('loads the national divisions once', async () => {
    expect(await seedRegions(handle.db)).toBe(3351);
    expect(await seedRegions(handle.db)).toBe(0);
    const xihu = await handle.db
      .selectFrom('regions')
      .selectAll()
      .where('code', '=', '330106')
      .executeTakeFirstOrThrow();
    expect(xihu).toMatchObject({ name: '西湖区', level: 'county', parent_code: '330100' });
  });
});
