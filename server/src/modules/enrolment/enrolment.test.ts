import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId, residentIdCheckChar } from '../identity/index.js';
import {
  call,
  createTestPlatform,
  DEMO,
  login,
  nextIp,
  type Session,
  type TestPlatform,
} from '../../testing/platform.js';
import { enrolDirectly, idNumberOf, importRoster, insertClass, rosterXlsx, userByPhone } from './enrolment.testkit.js';

let p: TestPlatform;
const s = {} as Record<'adminA' | 'adminB' | 'teacherA' | 'learnerA' | 'xihu' | 'ningbo' | 'operator', Session>;

beforeAll(async () => {
  p = await createTestPlatform();
  for (const [key, phone] of [
    ['adminA', DEMO.adminA],
    ['adminB', DEMO.adminB],
    ['teacherA', DEMO.teacherA],
    ['learnerA', DEMO.learnerA],
    ['xihu', DEMO.xihuRegulator],
    ['ningbo', DEMO.ningboRegulator],
    ['operator', DEMO.operator],
  ] as const) {
    s[key] = await login(p, phone);
  }
});
afterAll(async () => p?.drop());

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'.split('');
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '晓东',
  '建华',
  '国庆',
];
const personName = (i: number) =>
  SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length] + (i >= 400 ? '文' : '');
const birthDate = (i: number) => new Date(Date.UTC(1970, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const newPerson = (i: number) => ({
  name: personName(i),
  idNumber: makeResidentId({ regionCode: '330106', birthDate: birthDate(i), sequence: i % 1000 }),
  phone: `159${String(i).padStart(8, '0')}`,
});

async function count(table: 'users' | 'enrolments' | 'audit_log', where?: [string, string]) {
  let q = p.services.infra.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (where) q = q.where(where[0] as any, '=', where[1]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

type Expected = { row: number; field: string | null; code: string; details?: Record<string, unknown> };

describe('a 1,000-row roster with 50 bad rows', () => {
  let classId: string;
  let file: Buffer;
  const expected: Expected[] = [];
  const newPeople: { name: string; idNumber: string; phone: string }[] = [];

  beforeAll(async () => {
    classId = await insertClass(p, { name: '电工（五级）春季班', startDate: '2030-03-01', endDate: '2030-04-30' });
    // Learners 6-10 of institution A sit in an approved class of the same occupation and level whose dates overlap.
    const overlapping = await insertClass(p, { status: 'approved', startDate: '2030-04-15', endDate: '2030-06-30' });
    const learnersA = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => userByPhone(p, `138000000${String(n).padStart(2, '0')}`)),
    );
    await enrolDirectly(
      p,
      overlapping,
      learnersA.slice(5).map((u) => u.id),
    );
    // Not conflicts: a later class (learner 1), another level (learner 2), a rejected class (learner 3).
    await enrolDirectly(
      p,
      await insertClass(p, { status: 'approved', startDate: '2030-05-01', endDate: '2030-06-30' }),
      [learnersA[0].id],
    );
    await enrolDirectly(p, await insertClass(p, { status: 'approved', level: 4 }), [learnersA[1].id]);
    await enrolDirectly(p, await insertClass(p, { status: 'rejected' }), [learnersA[2].id]);

    const learnersB = await Promise.all(
      [11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((n) => userByPhone(p, `138000000${n}`)),
    );
    const staffPhones = [DEMO.adminA, DEMO.adminB, DEMO.teacherA, DEMO.teacherB, DEMO.operator];
    const staff = await Promise.all(staffPhones.map((phone) => userByPhone(p, phone)));

    const rows: (string | null)[][] = [];
    let fresh = 0;
    let existingGood = 0;
    let bad = 0;
    for (let k = 0; k < 1000; k++) {
      const row = k + 2;
      if (k % 20 !== 7) {
        // Good rows: five learners of A who already have accounts (one with another phone: a warning), the rest new.
        if (existingGood < 5) {
          const n = ++existingGood;
          const phone = n === 4 ? '15000000004' : `138000000${String(n).padStart(2, '0')}`;
          rows.push([learnersA[n - 1].name, await idNumberOf(p, `138000000${String(n).padStart(2, '0')}`), phone]);
        } else {
          const person = newPerson(fresh++);
          newPeople.push(person);
          rows.push([person.name, person.idNumber, person.phone]);
        }
        continue;
      }
      const category = bad % 10;
      const nth = Math.floor(bad / 10);
      bad++;
      const previous = rows[k - 1];
      const other = newPerson(5000 + bad);
      switch (category) {
        case 0: {
          const id = other.idNumber;
          const wrong = residentIdCheckChar(id.slice(0, 17)) === '1' ? '2' : '1';
          rows.push([other.name, id.slice(0, 17) + wrong, other.phone]);
          expected.push({
            row,
            field: 'idNumber',
            code: 'IDENTITY_ID_NUMBER_INVALID',
            details: { reason: 'checksum' },
          });
          break;
        }
        case 1:
          rows.push([
            other.name,
            makeResidentId({ regionCode: '330106', birthDate: '2099-05-05', sequence: nth }),
            other.phone,
          ]);
          expected.push({ row, field: 'idNumber', code: 'IDENTITY_ID_NUMBER_INVALID', details: { reason: 'future' } });
          break;
        case 2: {
          const [phone, reason] = [
            ['1380013800', 'length'],
            ['12800138000', 'prefix'],
            ['138-0013-800a', 'characters'],
            ['2380013800', 'length'],
            ['+1 2025550123', 'characters'],
          ][nth];
          rows.push([other.name, other.idNumber, phone]);
          expected.push({ row, field: 'phone', code: 'IDENTITY_PHONE_INVALID', details: { reason } });
          break;
        }
        case 3:
          rows.push([null, other.idNumber, other.phone]);
          expected.push({ row, field: 'name', code: 'ENROLMENT_ROW_REQUIRED' });
          break;
        case 4:
          rows.push([other.name, previous[1]!, other.phone]);
          expected.push({
            row,
            field: 'idNumber',
            code: 'ENROLMENT_ROW_DUPLICATE_ID_NUMBER',
            details: { firstRow: row - 1 },
          });
          break;
        case 5:
          rows.push([other.name, other.idNumber, previous[2]!]);
          expected.push({ row, field: 'phone', code: 'ENROLMENT_ROW_DUPLICATE_PHONE', details: { firstRow: row - 1 } });
          break;
        case 6: {
          const learner = learnersB[nth];
          rows.push([`${learner.name}华`, await idNumberOf(p, `138000000${11 + nth}`), `138000000${11 + nth}`]);
          expected.push({ row, field: 'name', code: 'ENROLMENT_ROW_NAME_MISMATCH' });
          break;
        }
        case 7:
          rows.push([staff[nth].name, await idNumberOf(p, staffPhones[nth]), staffPhones[nth]]);
          expected.push({ row, field: 'idNumber', code: 'ENROLMENT_ROW_NOT_A_LEARNER' });
          break;
        case 8:
          rows.push([other.name, other.idNumber, `138000000${16 + nth}`]);
          expected.push({ row, field: 'phone', code: 'ENROLMENT_ROW_PHONE_TAKEN' });
          break;
        case 9: {
          const learner = learnersA[5 + nth];
          rows.push([
            learner.name,
            await idNumberOf(p, `138000000${String(6 + nth).padStart(2, '0')}`),
            `138000000${String(6 + nth).padStart(2, '0')}`,
          ]);
          expected.push({ row, field: 'idNumber', code: 'ENROLMENT_ROW_OVERLAPPING_CLASS' });
          break;
        }
      }
    }
    expect(newPeople).toHaveLength(945);
    expect(expected).toHaveLength(50);
    // Lower-case x in a few IDs, as people type them.
    for (const r of rows) if (typeof r[1] === 'string' && r[1].endsWith('X')) r[1] = r[1].slice(0, 17) + 'x';
    file = await rosterXlsx(rows);
  });

  function expectExactReport(report: any) {
    expect(report.rows).toBe(1000);
    expect(report.valid).toBe(950);
    expect(report.invalid).toBe(50);
    expect(
      report.errors.map((e: any) => ({
        row: e.row,
        field: e.field,
        code: e.code,
        ...(e.details ? { details: e.details } : {}),
      })),
    ).toEqual(expected);
    for (const e of report.errors) {
      expect(e.messages['zh-CN']).toBeTruthy();
      expect(e.messages.en).toBeTruthy();
    }
    expect(report.errors.find((e: any) => e.code === 'ENROLMENT_ROW_DUPLICATE_ID_NUMBER').messages['zh-CN']).toMatch(
      /与第 \d+ 行/,
    );
    expect(report.warnings.map((w: any) => w.code)).toEqual(['ENROLMENT_ROW_PHONE_DIFFERS']);
    expect(report.toEnrol).toBe(950);
    expect(report.toCreate).toBe(945);
  }

  it('check mode reports every bad row exactly and changes nothing', async () => {
    const users = await count('users');
    const res = await importRoster(p, s.adminA, classId, 'check', file, '春季班名单.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.format).toBe('xlsx');
    expectExactReport(res.body);
    expect(res.body.imported).toBeUndefined();
    // Messages never disclose what the other account holds.
    const mismatch = res.body.errors.find((e: any) => e.code === 'ENROLMENT_ROW_NAME_MISMATCH');
    expect(JSON.stringify(mismatch)).not.toMatch(/徐丽|孙浩|马超|朱琳|胡军/);
    expect(await count('users')).toBe(users);
    expect(await count('enrolments', ['class_id', classId])).toBe(0);
  });

  it('mode=all refuses a file with bad rows with the report, and changes nothing', async () => {
    const users = await count('users');
    const audits = await count('audit_log');
    const res = await importRoster(p, s.adminA, classId, 'all', file);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ENROLMENT_FILE_HAS_ERRORS');
    expect(res.body.error.messages['zh-CN']).toContain('50');
    expectExactReport(res.body.error.details);
    expect(await count('users')).toBe(users);
    expect(await count('enrolments', ['class_id', classId])).toBe(0);
    expect(await count('audit_log')).toBe(audits);
  });

  it('mode=valid-only imports exactly the 950 good rows, creating invited accounts, with one audit entry', async () => {
    const users = await count('users');
    const res = await importRoster(p, s.adminA, classId, 'valid-only', file, '春季班名单.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 1000, valid: 950, invalid: 50, imported: 950, created: 945 });
    expect(await count('users')).toBe(users + 945);
    expect(await count('enrolments', ['class_id', classId])).toBe(950);

    const invited = await userByPhone(p, newPeople[0].phone);
    const institutionA = (await userByPhone(p, DEMO.adminA)).institution_id;
    expect(invited).toMatchObject({
      role: 'learner',
      status: 'invited',
      institution_id: institutionA,
      region_code: '330106',
      name: newPeople[0].name,
    });
    expect(p.services.infra.cipher.decrypt(invited.id_number_enc)).toBe(newPeople[0].idNumber);
    // The existing learner kept their account and its phone.
    expect((await userByPhone(p, '13800000004')).status).toBe('active');

    const audit = await p.services.infra.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'enrolment.imported')
      .where('target_id', '=', classId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({
      mode: 'valid-only',
      fileName: '春季班名单.xlsx',
      rows: 1000,
      valid: 950,
      invalid: 50,
      imported: 950,
      created: 945,
    });
    expect(JSON.parse(audit[0].details).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('checking the same file again finds everyone already enrolled: warnings, nothing to do', async () => {
    const res = await importRoster(p, s.adminA, classId, 'check', file);
    expect(res.body).toMatchObject({
      valid: 950,
      invalid: 50,
      toEnrol: 0,
      toCreate: 0,
      capacity: { limit: 1000, enrolled: 950 },
    });
    expect(res.body.warnings.filter((w: any) => w.code === 'ENROLMENT_ROW_ALREADY_ENROLLED')).toHaveLength(950);
  });

  it('the roster lists learners with masked data and account status', async () => {
    const res = await call(p, s.adminA, 'GET', `/api/classes/${classId}/enrolments?pageSize=200`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(950);
    expect(res.body.items).toHaveLength(200);
    const entry = res.body.items.find((i: any) => i.name === newPeople[0].name && i.phoneMasked === '159****0000');
    expect(entry).toMatchObject({
      accountStatus: 'invited',
      status: 'enrolled',
      source: 'import',
      idNumberMasked: expect.stringMatching(/^3301\*{10}\w{4}$/),
    });
    expect(JSON.stringify(res.body)).not.toContain(newPeople[0].idNumber);
    expect(res.body.items.filter((i: any) => i.accountStatus === 'active')).toHaveLength(5);
    expect((await call(p, s.teacherA, 'GET', `/api/classes/${classId}/enrolments`)).status).toBe(200);
    // A draft is the institution's own business; other institutions never see it.
    expect((await call(p, s.xihu, 'GET', `/api/classes/${classId}/enrolments`)).status).toBe(404);
    expect((await call(p, s.adminB, 'GET', `/api/classes/${classId}/enrolments`)).status).toBe(404);
    expect((await call(p, s.learnerA, 'GET', `/api/classes/${classId}/enrolments`)).status).toBe(403);
  });

  it('an invited account cannot sign in with any password, and activates through the SMS reset', async () => {
    const person = newPeople[1];
    for (const loginName of [person.phone, person.idNumber]) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: loginName, password: 'Anything123' },
        remoteAddress: nextIp(),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('AUTH_ACCOUNT_NOT_ACTIVATED');
      expect(res.json().error.messages['zh-CN']).toContain('忘记密码');
    }
    // An administrator enabling it does not activate it: only its holder can.
    const user = await userByPhone(p, person.phone);
    expect(
      (await call(p, s.adminA, 'PATCH', `/api/users/${user.id}/status`, { status: 'disabled', reason: '核对身份' }))
        .body.user.status,
    ).toBe('disabled');
    expect(
      (await call(p, s.adminA, 'PATCH', `/api/users/${user.id}/status`, { status: 'active', reason: '核对完成' })).body
        .user.status,
    ).toBe('invited');

    const request = await p.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      payload: { phone: person.phone },
      remoteAddress: nextIp(),
    });
    expect(request.statusCode).toBe(202);
    const code = p.sms.lastCodeFor(person.phone)!;
    const confirm = await p.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      payload: { phone: person.phone, code, newPassword: 'Xuexi2026' },
      remoteAddress: nextIp(),
    });
    expect(confirm.statusCode).toBe(204);
    const session = await login(p, person.phone, 'Xuexi2026');
    const me = await call(p, session, 'GET', '/api/auth/me');
    expect(me.body.user).toMatchObject({ status: 'active', role: 'learner', name: person.name });
    expect(await count('audit_log', ['action', 'user.activated'])).toBe(1);
  });

  it('withdrawing takes a learner off the roster; importing them again re-enrols them', async () => {
    const user = await userByPhone(p, newPeople[2].phone);
    expect((await call(p, s.adminA, 'DELETE', `/api/classes/${classId}/enrolments/${user.id}`)).status).toBe(204);
    expect((await call(p, s.adminA, 'DELETE', `/api/classes/${classId}/enrolments/${user.id}`)).status).toBe(404);
    expect((await call(p, s.adminA, 'GET', `/api/classes/${classId}/enrolments`)).body.total).toBe(949);
    expect(
      (await call(p, s.adminA, 'GET', `/api/classes/${classId}/enrolments?status=withdrawn`)).body.items.map(
        (i: any) => i.userId,
      ),
    ).toEqual([user.id]);
    expect((await call(p, s.teacherA, 'DELETE', `/api/classes/${classId}/enrolments/${user.id}`)).status).toBe(403);

    const again = await importRoster(
      p,
      s.adminA,
      classId,
      'all',
      await rosterXlsx([[newPeople[2].name, newPeople[2].idNumber, newPeople[2].phone]]),
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ imported: 1, created: 0 });
    expect((await call(p, s.adminA, 'GET', `/api/classes/${classId}/enrolments`)).body.total).toBe(950);
  });
});

describe('files and access', () => {
  const csv = (lines: string[]) => lines.join('\r\n');
  const people = [0, 1, 2].map((i) => ({
    name: ['欧阳娜娜', '阿依古丽·买买提', '林小美'][i],
    idNumber: makeResidentId({ regionCode: '330203', birthDate: `199${i}-06-15`, sequence: 200 + i }),
    phone: `1770000000${i}`,
  }));

  it('a UTF-8 CSV with BOM is imported', async () => {
    const classId = await insertClass(p);
    const body = Buffer.from(
      `\ufeff${csv(['姓名,身份证号,手机号', ...people.map((x) => `${x.name},${x.idNumber},${x.phone}`)])}\r\n`,
      'utf8',
    );
    const res = await importRoster(p, s.adminA, classId, 'all', body, 'roster.csv');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'csv', rows: 3, valid: 3, imported: 3, created: 3 });
  });

  it('capacity is never exceeded; check mode shows the figures', async () => {
    // Other dates: these people are now in the previous test's class, which would be an overlap.
    const classId = await insertClass(p, { capacity: 2, startDate: '2031-01-01', endDate: '2031-02-28' });
    const body = Buffer.from(
      csv(['Name,Resident ID,Phone', ...people.map((x) => `${x.name},${x.idNumber},${x.phone}`)]),
    );
    const check = await importRoster(p, s.adminA, classId, 'check', body, 'x.csv');
    expect(check.body).toMatchObject({ valid: 3, toEnrol: 3, toCreate: 0, capacity: { limit: 2, enrolled: 0 } });
    const res = await importRoster(p, s.adminA, classId, 'valid-only', body, 'x.csv');
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'ENROLMENT_CAPACITY_EXCEEDED',
      details: { capacity: 2, enrolled: 0, adding: 3 },
    });
    expect(await count('enrolments', ['class_id', classId])).toBe(0);
  });

  it('the type comes from the content: a renamed text file and a PDF are refused', async () => {
    const classId = await insertClass(p);
    const text = await importRoster(
      p,
      s.adminA,
      classId,
      'check',
      Buffer.from('会议纪要\n本周完成培训计划的讨论。\n'),
      'roster.xlsx',
    );
    expect(text.status).toBe(400);
    expect(text.body.error).toMatchObject({
      code: 'ENROLMENT_FILE_HEADER_INVALID',
      details: { missing: ['name', 'idNumber', 'phone'] },
    });
    const pdf = await importRoster(
      p,
      s.adminA,
      classId,
      'check',
      Buffer.from('%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
      'roster.xlsx',
    );
    expect(pdf.status).toBe(415);
    expect(pdf.body.error.code).toBe('ENROLMENT_FILE_TYPE_NOT_ALLOWED');
    const broken = (await rosterXlsx([[people[0].name, people[0].idNumber, people[0].phone]])).subarray(0, 300);
    expect((await importRoster(p, s.adminA, classId, 'check', broken)).body.error.code).toBe(
      'ENROLMENT_FILE_UNREADABLE',
    );
    expect((await importRoster(p, s.adminA, classId, 'check', Buffer.alloc(0))).body.error.code).toBe(
      'ENROLMENT_FILE_EMPTY',
    );
  });

  it('size and row limits', async () => {
    const classId = await insertClass(p);
    const big = await importRoster(p, s.adminA, classId, 'check', Buffer.alloc(5 * 1024 * 1024 + 1, 0x41), 'big.csv');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('ENROLMENT_FILE_TOO_LARGE');
    const lines = ['姓名,身份证号,手机号', ...Array.from({ length: 5001 }, (_, i) => `张三,${i},1`)];
    const many = await importRoster(p, s.adminA, classId, 'check', Buffer.from(csv(lines)), 'many.csv');
    expect(many.status).toBe(413);
    expect(many.body.error).toMatchObject({ code: 'ENROLMENT_FILE_TOO_MANY_ROWS', details: { max: 5000, rows: 5001 } });
  });

  it('only the class institution administrator imports, and only while the roster is editable', async () => {
    const classId = await insertClass(p);
    const body = await rosterXlsx([[people[0].name, people[0].idNumber, people[0].phone]]);
    expect((await importRoster(p, s.adminB, classId, 'check', body)).status).toBe(404);
    const regulator = await importRoster(p, s.xihu, classId, 'check', body);
    expect(regulator.status).toBe(403);
    expect(regulator.body.error.code).toBe('FORBIDDEN');
    expect((await importRoster(p, s.teacherA, classId, 'check', body)).status).toBe(403);
    expect((await importRoster(p, null, classId, 'check', body)).status).toBe(401);

    for (const status of ['approved', 'submitted'] as const) {
      const locked = await insertClass(p, { status });
      const res = await importRoster(p, s.adminA, locked, 'all', body);
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'CLASS_ROSTER_LOCKED', details: { status } });
    }
    const returned = await insertClass(p, { status: 'returned' });
    expect((await importRoster(p, s.adminA, returned, 'check', body)).status).toBe(200);
  });

  it('rosters of submitted classes are visible to the regulators of the region and to operators; withdrawal is locked', async () => {
    const classId = await insertClass(p, { status: 'approved' });
    const learner = await userByPhone(p, '13800000003');
    await enrolDirectly(p, classId, [learner.id]);
    expect(
      (await call(p, s.xihu, 'GET', `/api/classes/${classId}/enrolments`)).body.items.map((i: any) => i.name),
    ).toEqual([learner.name]);
    expect((await call(p, s.operator, 'GET', `/api/classes/${classId}/enrolments`)).body.total).toBe(1);
    expect((await call(p, s.ningbo, 'GET', `/api/classes/${classId}/enrolments`)).status).toBe(404);
    const withdraw = await call(p, s.adminA, 'DELETE', `/api/classes/${classId}/enrolments/${learner.id}`);
    expect(withdraw.status).toBe(409);
    expect(withdraw.body.error.code).toBe('CLASS_ROSTER_LOCKED');
  });

  it('the template has the header, an example row and the rules; imported unchanged, it reports the example row', async () => {
    const classId = await insertClass(p, { name: '电工（五级）秋季班' });
    const res = await p.app.inject({
      method: 'GET',
      url: `/api/classes/${classId}/enrolment-template.xlsx`,
      headers: { cookie: s.teacherA.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('电工（五级）秋季班'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as any);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['名单 Roster', '说明 Instructions']);
    expect((workbook.worksheets[0].getRow(1).values as unknown[]).slice(1, 4)).toEqual([
      '姓名 Name',
      '身份证号 Resident ID',
      '手机号 Phone',
    ]);
    const rules = JSON.stringify(workbook.worksheets[1].getSheetValues());
    expect(rules).toContain('忘记密码');
    expect(rules).toContain('Forgot password');

    const check = await importRoster(p, s.adminA, classId, 'check', res.rawPayload);
    expect(check.body).toMatchObject({
      rows: 1,
      invalid: 1,
      errors: [{ row: 2, field: null, code: 'ENROLMENT_ROW_EXAMPLE' }],
    });
    expect((await call(p, s.xihu, 'GET', `/api/classes/${classId}/enrolment-template.xlsx`)).status).toBe(403);
    expect((await call(p, s.adminB, 'GET', `/api/classes/${classId}/enrolment-template.xlsx`)).status).toBe(404);
  });
});
