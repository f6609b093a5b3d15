import ExcelJS from 'exceljs';
import type { Platform } from '../../bootstrap.js';
import { newId } from '../../platform/ids.js';
import type { Session } from '../../testing/platform.js';
import type { ClassStatus } from '../classes/index.js';

// Test helpers for the roster: classes are inserted as rows (the classes service has its own tests), and roster
// files are built with exceljs the way a spreadsheet program would save them.

export type ClassFixture = {
  adminPhone?: string;
  name?: string;
  status?: ClassStatus;
  occupationCode?: string;
  level?: number;
  startDate?: string;
  endDate?: string;
  capacity?: number;
};

export async function userByPhone(p: Platform, phone: string) {
  const { db, cipher } = p.services.infra;
  return db
    .selectFrom('users')
    .selectAll()
    .where('phone_hash', '=', cipher.lookupHash('phone', phone))
    .executeTakeFirstOrThrow();
}

export async function idNumberOf(p: Platform, phone: string): Promise<string> {
  return p.services.infra.cipher.decrypt((await userByPhone(p, phone)).id_number_enc);
}

/** A class of the institution of the admin with the given phone (institution A by default). */
export async function insertClass(p: Platform, fixture: ClassFixture = {}): Promise<string> {
  const admin = await userByPhone(p, fixture.adminPhone ?? '13900000021');
  const institution = await p.services.infra.db
    .selectFrom('institutions')
    .selectAll()
    .where('id', '=', admin.institution_id!)
    .executeTakeFirstOrThrow();
  const id = newId();
  const now = new Date().toISOString();
  await p.services.infra.db
    .insertInto('classes')
    .values({
      id,
      institution_id: institution.id,
      region_code: institution.region_code,
      name: fixture.name ?? `电工培训班 ${id.slice(-4)}`,
      occupation_code: fixture.occupationCode ?? '6-31-01-03',
      level: fixture.level ?? 5,
      start_date: fixture.startDate ?? '2030-03-01',
      end_date: fixture.endDate ?? '2030-04-30',
      offline_hours: 20,
      assessment_plan: '理论考试与实操考核',
      self_enrol: 0,
      capacity: fixture.capacity ?? 1000,
      status: fixture.status ?? 'draft',
      policy_refs: null,
      submitted_at: null,
      review_due_at: null,
      decided_at: null,
      decided_by: null,
      created_by: admin.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function enrolDirectly(p: Platform, classId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  await p.services.infra.db
    .insertInto('enrolments')
    .values(
      userIds.map((userId) => ({
        id: newId(),
        class_id: classId,
        user_id: userId,
        status: 'enrolled' as const,
        source: 'manual' as const,
        created_by: null,
        created_at: new Date().toISOString(),
      })),
    )
    .execute();
}

export const HEADER = ['姓名 Name', '身份证号 Resident ID', '手机号 Phone'];

/** An .xlsx roster; cells are written as given (strings stay text, numbers become number cells, null stays empty). */
export async function rosterXlsx(rows: (string | number | null)[][], header: string[] = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function importRoster(
  p: Platform,
  session: Session | null,
  classId: string,
  mode: string,
  body: Buffer,
  name = 'roster.xlsx',
) {
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/classes/${classId}/enrolments/import?mode=${mode}&name=${encodeURIComponent(name)}`,
    payload: body,
    headers: {
      'content-type': 'application/octet-stream',
      ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
    },
  });
  return { status: res.statusCode, body: res.json<any>() };
}
