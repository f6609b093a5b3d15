import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestPlatform,
  DEMO,
  login,
  nextIp,
  type Session,
  type TestPlatform,
} from '../../testing/platform.js';
import { makeDemoPdf } from '../media/index.js';
import { addWorkingDays } from '../calendar/index.js';
import { makeCreditCode } from './credit-code.js';
import { DOCUMENT_MAX_BYTES } from './documents.service.js';
import { applicationBody, breakIdChecksum, makeTestPng, type ApplicationBody } from './institutions.testkit.js';

// Registration through the API on the configured dialect: the public application with its first administrator,
// validation, qualification documents judged by their content, submission, and the guard that keeps an institution
// that is not (yet) active away from institution work.

let p: TestPlatform;
let adminA: Session;
let adminB: Session;
let xihu: Session;

async function register(body: unknown) {
  const res = await p.app.inject({
    method: 'POST',
    url: '/api/institution-applications',
    payload: body as object,
    remoteAddress: nextIp(),
  });
  return { status: res.statusCode, body: res.json<any>() };
}

/** Registers an application and signs its administrator in. */
async function applicant(body: ApplicationBody = applicationBody('330106')) {
  const res = await register(body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return {
    id: res.body.institution.id as string,
    session: await login(p, body.admin.phone, body.admin.password),
    body,
  };
}

async function upload(session: Session, institutionId: string, kind: string, name: string, payload: Buffer | string) {
  const res = await p.app.inject({
    method: 'POST',
    url: `/api/institutions/${institutionId}/documents?kind=${kind}&name=${encodeURIComponent(name)}`,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
  });
  return { status: res.statusCode, body: res.json<any>() };
}

const documentCount = async (institutionId: string) =>
  Number(
    (
      await p.database.db
        .selectFrom('institution_documents')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('institution_id', '=', institutionId)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  p = await createTestPlatform();
  adminA = await login(p, DEMO.adminA);
  adminB = await login(p, DEMO.adminB);
  xihu = await login(p, DEMO.xihuRegulator);
});
afterAll(async () => {
  await p?.drop();
});

describe('public registration', () => {
  it('creates the institution as a draft with an administrator who can sign in and see the application', async () => {
    const body = applicationBody('330106');
    const res = await register(body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.institution).toMatchObject({
      name: body.institution.name,
      kind: 'training',
      creditCode: body.institution.creditCode,
      regionCode: '330106',
      regionName: '西湖区',
      status: 'draft',
    });
    expect(res.body.user).toMatchObject({
      role: 'institution_admin',
      name: body.admin.name,
      institutionId: res.body.institution.id,
      regionCode: '330106',
    });
    expect(JSON.stringify(res.body)).not.toContain(body.admin.idNumber);

    const admin = await login(p, body.admin.phone, body.admin.password);
    const me = await call(p, admin, 'GET', '/api/auth/me');
    expect(me.body.permissions).toContain('institutions.apply');
    const application = (await call(p, admin, 'GET', `/api/institutions/${res.body.institution.id}/application`)).body
      .application;
    expect(application).toMatchObject({
      status: 'draft',
      address: body.institution.address,
      legalRepresentative: '陈建华',
      contactName: '李晓梅',
      businessScope: body.institution.businessScope,
      contactPhoneMasked: `${body.institution.contactPhone.slice(0, 3)}****${body.institution.contactPhone.slice(7)}`,
      documents: [],
      reviews: [],
      actions: ['edit', 'submit'],
    });
    expect(application.requirements).toEqual([
      { key: 'registration', kinds: ['business_licence', 'legal_person_certificate'], satisfied: false },
      { key: 'school_permit', kinds: ['school_permit'], satisfied: false },
    ]);
    // The phone is stored encrypted.
    const row = await p.database.db
      .selectFrom('institutions')
      .selectAll()
      .where('id', '=', res.body.institution.id)
      .executeTakeFirstOrThrow();
    expect(row.contact_phone_enc).not.toContain(body.institution.contactPhone);
    expect(p.services.infra.cipher.decrypt(row.contact_phone_enc!)).toBe(body.institution.contactPhone);

    const audit = await p.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'region_code'])
      .where('institution_id', '=', res.body.institution.id)
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'institution.registered', actor_id: res.body.user.id, region_code: '330106' },
      { action: 'user.registered', actor_id: res.body.user.id, region_code: '330106' },
      { action: 'auth.login', actor_id: res.body.user.id, region_code: '330106' },
    ]);
  });

  it('refuses bad input with a code and the field, and creates nothing', async () => {
    const institutionsBefore = (await p.database.db.selectFrom('institutions').select('id').execute()).length;
    const usersBefore = (await p.database.db.selectFrom('users').select('id').execute()).length;
    const cases: [ApplicationBody | Record<string, unknown>, number, string, string | undefined][] = [
      [
        applicationBody('330106', { admin: { idNumber: breakIdChecksum(applicationBody('330106').admin.idNumber) } }),
        400,
        'IDENTITY_ID_NUMBER_INVALID',
        'admin.idNumber',
      ],
      [applicationBody('330106', { admin: { password: 'short' } }), 400, 'AUTH_PASSWORD_WEAK', 'admin.password'],
      [applicationBody('330106', { admin: { phone: DEMO.adminA } }), 409, 'IDENTITY_PHONE_TAKEN', 'admin.phone'],
      [
        applicationBody('330106', { institution: { creditCode: '91330106000000101X' } }),
        400,
        'INSTITUTION_CREDIT_CODE_INVALID',
        'institution.creditCode',
      ],
      // The demo institution A holds this one.
      [
        applicationBody('330106', { institution: { creditCode: makeCreditCode('330106', '101').toLowerCase() } }),
        409,
        'INSTITUTION_CREDIT_CODE_TAKEN',
        'institution.creditCode',
      ],
      [applicationBody('330000'), 400, 'INSTITUTION_REGION_INVALID', 'institution.regionCode'],
      [
        applicationBody('330106', { institution: { regionCode: '339999' } }),
        400,
        'INSTITUTION_REGION_INVALID',
        'institution.regionCode',
      ],
      [
        applicationBody('330106', { institution: { contactPhone: '1234' } }),
        400,
        'IDENTITY_PHONE_INVALID',
        'institution.contactPhone',
      ],
      [
        applicationBody('330106', { institution: { legalRepresentative: 'x1' } }),
        400,
        'IDENTITY_NAME_INVALID',
        'institution.legalRepresentative',
      ],
      [{ ...applicationBody('330106'), captcha: '1234' }, 400, 'UNKNOWN_FIELD', 'captcha'],
      [
        applicationBody('330106', { institution: { website: 'https://example.cn' } as never }),
        400,
        'UNKNOWN_FIELD',
        'institution.website',
      ],
      [applicationBody('330106', { admin: { role: 'operator' } as never }), 400, 'UNKNOWN_FIELD', 'admin.role'],
      [
        applicationBody('330106', { institution: { kind: 'bank' as never } }),
        400,
        'VALIDATION_FAILED',
        'institution.kind',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await register(body);
      expect(
        { status: res.status, code: res.body.error?.code, field: res.body.error?.field },
        JSON.stringify(body),
      ).toEqual({ status, code, field });
    }
    expect((await p.database.db.selectFrom('institutions').select('id').execute()).length).toBe(institutionsBefore);
    expect((await p.database.db.selectFrom('users').select('id').execute()).length).toBe(usersBefore);
  });

  it('lets one credit code and one person register only once', async () => {
    const first = applicationBody('330106');
    expect((await register(first)).status).toBe(201);
    const sameCode = await register(
      applicationBody('330203', { institution: { creditCode: first.institution.creditCode } }),
    );
    expect(sameCode.body.error).toMatchObject({
      code: 'INSTITUTION_CREDIT_CODE_TAKEN',
      field: 'institution.creditCode',
    });
    const samePerson = await register(applicationBody('330106', { admin: { idNumber: first.admin.idNumber } }));
    expect(samePerson.body.error).toMatchObject({ code: 'IDENTITY_ID_NUMBER_TAKEN', field: 'admin.idNumber' });
  });
});

describe('an institution that is not active', () => {
  it('may complete its application but do no institution work', async () => {
    const { id, session } = await applicant();
    const refused = [
      await call(p, session, 'POST', '/api/classes', {
        name: '电工（五级）第1期',
        occupationCode: '6-31-01-03',
        level: 5,
        startDate: '2030-01-01',
        endDate: '2030-02-01',
        offlineHours: 10,
        assessmentPlan: '考试',
        selfEnrol: false,
        capacity: 10,
        courseIds: [],
        teacherIds: [],
        sessions: [],
      }),
      await call(p, session, 'POST', '/api/courses', { title: '电工基础', summary: '' }),
      await call(p, session, 'POST', '/api/invitations', { role: 'teacher', name: '王老师', phone: '13612345678' }),
      await call(p, session, 'POST', `/api/teachers/${session.userId}/qualifications`, {
        occupationCode: '6-31-01-03',
        level: 3,
        certificateNo: 'S0001234',
        validUntil: null,
      }),
    ];
    for (const res of refused)
      expect({ status: res.status, code: res.body.error.code, status_: res.body.error.details }).toEqual({
        status: 403,
        code: 'INSTITUTION_NOT_ACTIVE',
        status_: { status: 'draft' },
      });
    const media = await p.app.inject({
      method: 'POST',
      url: '/api/media?name=a.pdf',
      payload: await makeDemoPdf({ title: 'a', pages: 1 }),
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/pdf' },
    });
    expect(media.json().error.code).toBe('INSTITUTION_NOT_ACTIVE');
    // Its own application remains open to it.
    expect((await call(p, session, 'GET', `/api/institutions/${id}/application`)).status).toBe(200);
    // An active institution is not concerned.
    expect((await call(p, adminA, 'POST', '/api/courses', { title: '电工基础（在册机构）', summary: '' })).status).toBe(
      201,
    );
  });
});

describe('qualification documents', () => {
  it('are judged by their content, limited in size and readable by the institution only while a draft', async () => {
    const { id, session } = await applicant();
    const pdf = await makeDemoPdf({ title: 'Business licence', pages: 1 });
    // A PDF named like an image is a PDF; an image named like a PDF is an image.
    const licence = await upload(session, id, 'business_licence', '营业执照.png', pdf);
    expect(licence.status, JSON.stringify(licence.body)).toBe(201);
    expect(licence.body.document).toMatchObject({
      kind: 'business_licence',
      fileName: '营业执照.png',
      mime: 'application/pdf',
      size: pdf.length,
    });
    const png = makeTestPng();
    const permit = await upload(session, id, 'other', 'C:\\fakepath\\scan.pdf', png);
    expect(permit.body.document).toMatchObject({
      kind: 'other',
      fileName: 'scan.pdf',
      mime: 'image/png',
      size: png.length,
    });

    const text = await upload(
      session,
      id,
      'school_permit',
      'permit.pdf',
      'This is not a PDF, just text pretending to be one.',
    );
    expect({ status: text.status, code: text.body.error.code }).toEqual({
      status: 415,
      code: 'INSTITUTION_DOCUMENT_TYPE_NOT_ALLOWED',
    });
    const empty = await upload(session, id, 'school_permit', 'empty.pdf', Buffer.alloc(0));
    expect(empty.body.error.code).toBe('INSTITUTION_DOCUMENT_EMPTY');
    const huge = Buffer.concat([png, Buffer.alloc(DOCUMENT_MAX_BYTES)]);
    const tooLarge = await upload(session, id, 'school_permit', 'huge.png', huge);
    expect({ status: tooLarge.status, code: tooLarge.body.error.code }).toEqual({
      status: 413,
      code: 'INSTITUTION_DOCUMENT_TOO_LARGE',
    });
    const badKind = await upload(session, id, 'passport', 'x.pdf', pdf);
    expect(badKind.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'kind' });
    expect(await documentCount(id)).toBe(2);
    // Nothing of the refused uploads is left in the store.
    expect(await p.services.infra.blobs.list(`institutions/${id}/documents`)).toHaveLength(2);

    // Others: another institution's administrator cannot add or read; regulators do not see a draft.
    expect((await upload(adminB, id, 'school_permit', 'x.pdf', pdf)).status).toBe(404);
    const url = licence.body.document.url as string;
    expect(url).toBe(`/api/institutions/${id}/documents/${licence.body.document.id}/file`);
    expect((await call(p, adminB, 'GET', url)).status).toBe(404);
    expect((await call(p, xihu, 'GET', url)).status).toBe(404);
    expect((await call(p, xihu, 'GET', `/api/institutions/${id}/application`)).status).toBe(404);

    const download = await p.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(String(download.headers['content-disposition'])).toContain(
      `filename*=UTF-8''${encodeURIComponent('营业执照.png')}`,
    );
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Deleting while a draft removes the row and the file.
    expect(
      (await call(p, adminB, 'DELETE', `/api/institutions/${id}/documents/${permit.body.document.id}`)).status,
    ).toBe(404);
    expect(
      (await call(p, session, 'DELETE', `/api/institutions/${id}/documents/${permit.body.document.id}`)).status,
    ).toBe(204);
    expect(await documentCount(id)).toBe(1);
    expect(await p.services.infra.blobs.list(`institutions/${id}/documents`)).toHaveLength(1);
    const actions = await p.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('institution_id', '=', id)
      .where('action', 'like', 'institution.document%')
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'institution.document_uploaded',
      'institution.document_uploaded',
      'institution.document_deleted',
    ]);
  });
});

describe('submission', () => {
  it('needs the documents the kind of institution requires, then goes to review with a deadline and locks the application', async () => {
    const { id, session, body } = await applicant();
    expect(
      (await upload(session, id, 'business_licence', 'licence.pdf', await makeDemoPdf({ title: 'licence', pages: 1 })))
        .status,
    ).toBe(201);
    const missing = await call(p, session, 'POST', `/api/institutions/${id}/submit`);
    expect({ status: missing.status, code: missing.body.error.code, details: missing.body.error.details }).toEqual({
      status: 409,
      code: 'INSTITUTION_DOCUMENTS_MISSING',
      details: { missing: ['school_permit'] },
    });
    expect(missing.body.error.messages['zh-CN']).toContain('办学许可证');
    expect((await upload(session, id, 'school_permit', 'permit.png', makeTestPng())).status).toBe(201);

    // Still editable before submission; a credit code held by another institution is refused.
    const edited = await call(p, session, 'PUT', `/api/institutions/${id}/application`, {
      ...body.institution,
      address: '文三路 200 号',
    });
    expect(edited.body.application.address).toBe('文三路 200 号');
    // Left out, the contact's phone (which the page only knows masked) is kept.
    const { contactPhone, ...withoutPhone } = body.institution;
    const kept = await call(p, session, 'PUT', `/api/institutions/${id}/application`, {
      ...withoutPhone,
      contactName: '王晓燕',
    });
    expect(kept.body.application).toMatchObject({
      contactName: '王晓燕',
      contactPhoneMasked: `${contactPhone.slice(0, 3)}****${contactPhone.slice(7)}`,
    });
    const taken = await call(p, session, 'PUT', `/api/institutions/${id}/application`, {
      ...body.institution,
      creditCode: makeCreditCode('330106', '101'),
    });
    expect(taken.body.error.code).toBe('INSTITUTION_CREDIT_CODE_TAKEN');
    expect((await call(p, adminA, 'PUT', `/api/institutions/${id}/application`, body.institution)).status).toBe(404);

    const submitted = await call(p, session, 'POST', `/api/institutions/${id}/submit`);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    const policy = await p.services.policies.effective(p.database.db, '330106');
    expect(submitted.body.application).toMatchObject({
      status: 'submitted',
      submittedAt: p.clock.now().toISOString(),
      overdue: false,
      actions: [],
      reviewDueAt: addWorkingDays(p.clock.now(), policy.document.reviewDeadlineWorkingDays).toISOString(),
    });
    expect(submitted.body.application.requirements.every((r: any) => r.satisfied)).toBe(true);
    expect(submitted.body.application.reviews).toMatchObject([{ action: 'submitted', actorName: body.admin.name }]);

    // Locked while under review.
    for (const res of [
      await call(p, session, 'POST', `/api/institutions/${id}/submit`),
      await call(p, session, 'PUT', `/api/institutions/${id}/application`, body.institution),
      await upload(session, id, 'other', 'more.png', makeTestPng()),
      await call(
        p,
        session,
        'DELETE',
        `/api/institutions/${id}/documents/${submitted.body.application.documents[0].id}`,
      ),
    ])
      expect({ status: res.status, code: res.body.error.code }).toEqual({
        status: 409,
        code: 'INSTITUTION_ILLEGAL_TRANSITION',
      });
    expect(await documentCount(id)).toBe(2);
    // Now the district's regulator sees it, documents included.
    const seen = await call(p, xihu, 'GET', `/api/institutions/${id}/application`);
    expect(seen.body.application.actions).toEqual(['approve', 'return', 'reject']);
    expect(
      (
        await p.app.inject({
          method: 'GET',
          url: seen.body.application.documents[1].url,
          headers: { cookie: xihu.cookie },
        })
      ).headers['content-type'],
    ).toBe('image/png');
  });
});
