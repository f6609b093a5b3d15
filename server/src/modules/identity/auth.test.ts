import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, nextIp, type TestPlatform } from '../../testing/platform.js';
import { makeResidentId, residentIdCheckChar } from './resident-id.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform();
});
afterAll(async () => {
  await p?.drop();
});

let seq = 0;
function newPerson(overrides: Partial<{ name: string; idNumber: string; phone: string; password: string }> = {}) {
  seq++;
  return {
    name: '测试学员',
    idNumber: makeResidentId({ regionCode: '330106', birthDate: '1995-05-20', sequence: 500 + seq }),
    phone: `1370000${String(1000 + seq).slice(-4)}`,
    password: 'Learn2026ok',
    ...overrides,
  };
}

const register = (body: object) => call(p, null, 'POST', '/api/auth/register', body);

describe('real-name registration', () => {
  it('registers a learner with masked personal data in the answer', async () => {
    const person = newPerson();
    const res = await register(person);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ name: '测试学员', role: 'learner', birthDate: '1995-05-20' });
    expect(res.body.user.idNumberMasked).toBe(`${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
    expect(res.body.user.phoneMasked).toBe(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`);
    expect(JSON.stringify(res.body)).not.toContain(person.idNumber);
  });

  it('refuses a second account for the same ID number, without saying whose it is', async () => {
    const first = newPerson();
    expect((await register(first)).status).toBe(201);
    const res = await register(newPerson({ idNumber: first.idNumber, name: '另一人' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'IDENTITY_ID_NUMBER_TAKEN', field: 'idNumber' });
    expect(res.body.error.messages.en).toContain('One person may hold one account');
    expect(JSON.stringify(res.body)).not.toMatch(/测试学员|137\d{4}/);
  });

  it('refuses a second account for the same phone', async () => {
    const first = newPerson();
    await register(first);
    const res = await register(newPerson({ phone: first.phone }));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'IDENTITY_PHONE_TAKEN', field: 'phone' });
  });

  it('names the reason an ID number is invalid', async () => {
    const valid = newPerson().idNumber;
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    const cases: [string, string][] = [
      [wrongCheck, 'checksum'],
      ['11010519990230001' + residentIdCheckChar('11010519990230001'), 'birthdate'],
      ['99010519900101001' + residentIdCheckChar('99010519900101001'), 'region'],
      ['33010620990101001' + residentIdCheckChar('33010620990101001'), 'future'],
      [valid.slice(0, 17), 'length'],
      ['1101051999A230001X', 'characters'],
    ];
    for (const [idNumber, reason] of cases) {
      const res = await register(newPerson({ idNumber }));
      expect(res.status, idNumber).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'IDENTITY_ID_NUMBER_INVALID',
        field: 'idNumber',
        details: { reason },
      });
    }
  });

  it('rejects a bad phone, a weak password and unknown fields, and stores nothing', async () => {
    const before = await p.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect((await register(newPerson({ phone: '12345678901' }))).body.error).toMatchObject({
      code: 'IDENTITY_PHONE_INVALID',
      field: 'phone',
    });
    expect((await register(newPerson({ password: 'abcdefgh' }))).body.error).toMatchObject({
      code: 'AUTH_PASSWORD_WEAK',
      field: 'password',
    });
    const unknown = await register({ ...newPerson(), role: 'operator' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'role' });
    const missing = await register({ name: '张三', phone: '13712345678', password: 'abc12345' });
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'idNumber' });
    const after = await p.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('answers in English when asked', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'x-locale': 'en' },
      payload: newPerson({ phone: '123' }),
    });
    expect(res.json().error.message).toBe('Invalid mobile number; expected an 11-digit mainland China number');
  });
});

describe('login, lockout and throttling', () => {
  it('signs in with the phone or the ID number', async () => {
    const person = newPerson();
    await register(person);
    expect((await login(p, person.phone, person.password)).userId).toBeTruthy();
    expect((await login(p, person.idNumber.toLowerCase(), person.password)).userId).toBeTruthy();
  });

  it('locks the account after repeated failures, then lets the right password in after the lock', async () => {
    const person = newPerson();
    await register(person);
    const attempt = (password: string) =>
      p.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: person.phone, password },
        remoteAddress: nextIp(),
      });
    for (let i = 0; i < 4; i++)
      expect((await attempt('Wrong12345')).json().error.code).toBe('AUTH_INVALID_CREDENTIALS');
    const fifth = await attempt('Wrong12345');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    // Even the right password is refused while locked.
    expect((await attempt(person.password)).json().error.code).toBe('AUTH_ACCOUNT_LOCKED');
    p.clock.advance(16 * 60_000);
    expect((await attempt(person.password)).statusCode).toBe(200);
  });

  it('throttles failed logins per IP address across accounts', async () => {
    const ip = '10.99.0.1';
    const settings = p.services.infra.auth;
    const limit = settings.failedLoginsPerIpPerWindow;
    settings.failedLoginsPerIpPerWindow = 8; // below the generic per-route rate limit, so this throttle is what answers
    let last = 0;
    for (let i = 0; i < 9; i++) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: `1370099${String(i).padStart(4, '0')}`, password: 'x1234567' },
        remoteAddress: ip,
      });
      last = res.statusCode;
    }
    expect(last).toBe(429);
    p.clock.advance(16 * 60_000);
    const after = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: '13700990000', password: 'x1234567' },
      remoteAddress: ip,
    });
    expect(after.statusCode).toBe(401);
    settings.failedLoginsPerIpPerWindow = limit;
  });

  it('gives the same answer for an unknown account and a wrong password', async () => {
    const unknown = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: '13711112222', password: 'Whatever1' },
      remoteAddress: nextIp(),
    });
    const wrong = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: DEMO.teacherA, password: 'Whatever1' },
      remoteAddress: nextIp(),
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });
});

describe('one device at a time', () => {
  it('ends the earlier learner session and tells that device when and from where', async () => {
    const first = await login(p, DEMO.learnerA, undefined, {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0',
    });
    expect((await call(p, first, 'GET', '/api/auth/me')).status).toBe(200);
    const second = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: DEMO.learnerA, password: 'Yunxue@2026' },
      remoteAddress: '203.0.113.7',
    });
    expect(second.statusCode).toBe(200);
    const res = await call(p, first, 'GET', '/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_SIGNED_IN_ELSEWHERE');
    expect(res.body.error.details.ip).toBe('203.0.113.7');
    expect(res.body.error.details.at).toBe(second.json().session.createdAt);
    expect(res.body.error.message).toContain('203.0.113.7');
    // The new device keeps working.
    const cookies = second.cookies as { name: string; value: string }[];
    const me = await p.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `yx_sid=${cookies.find((c) => c.name === 'yx_sid')!.value}` },
    });
    expect(me.statusCode).toBe(200);
  });

  it('never locks out a learner whose browser crashed: a fresh login always wins', async () => {
    await login(p, DEMO.learnerB); // the "crashed" browser never logs out
    const again = await login(p, DEMO.learnerB);
    expect((await call(p, again, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('lets staff keep several sessions', async () => {
    const a = await login(p, DEMO.adminA);
    const b = await login(p, DEMO.adminA);
    expect((await call(p, a, 'GET', '/api/auth/me')).status).toBe(200);
    expect((await call(p, b, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('records the forced logout in the audit log', async () => {
    const learner = await login(p, '13800000005');
    await login(p, '13800000005');
    const row = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.forced_logout')
      .where('actor_id', '=', learner.userId)
      .executeTakeFirst();
    expect(row).toBeDefined();
    expect(JSON.parse(row!.details)).toMatchObject({ reason: 'signed_in_elsewhere' });
  });
});

describe('sessions, CSRF and logout', () => {
  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const s = await login(p, DEMO.teacherA);
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    const wrong = await p.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: s.cookie, 'x-csrf-token': 'forged' },
      payload: {},
    });
    expect(wrong.json().error.code).toBe('CSRF_INVALID');
    expect((await call(p, s, 'GET', '/api/auth/me')).status).toBe(200);
  });

  it('sets httpOnly SameSite cookies', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: DEMO.teacherB, password: 'Yunxue@2026' },
      remoteAddress: nextIp(),
    });
    const sid = (res.cookies as { name: string; httpOnly?: boolean; sameSite?: string }[]).find(
      (c) => c.name === 'yx_sid',
    )!;
    expect(sid.httpOnly).toBe(true);
    expect(sid.sameSite).toBe('Lax');
  });

  it('logs out and the cookie stops working', async () => {
    const s = await login(p, DEMO.teacherA);
    expect((await call(p, s, 'POST', '/api/auth/logout', {})).status).toBe(204);
    const res = await call(p, s, 'GET', '/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('expires idle sessions', async () => {
    const s = await login(p, DEMO.teacherB);
    p.clock.advance(9 * 60 * 60_000);
    expect((await call(p, s, 'GET', '/api/auth/me')).body.error.code).toBe('AUTH_SESSION_EXPIRED');
  });

  it('requires a session on protected routes', async () => {
    expect((await call(p, null, 'GET', '/api/users')).body.error.code).toBe('AUTH_REQUIRED');
  });
});

describe('password reset by verification code', () => {
  it('resets the password with the code sent by SMS and ends old sessions', async () => {
    const person = newPerson();
    await register(person);
    const old = await login(p, person.phone, person.password);
    const req = await call(p, null, 'POST', '/api/auth/password-reset/request', { phone: person.phone });
    expect(req.status).toBe(202);
    const code = p.sms.lastCodeFor(person.phone)!;
    expect(code).toMatch(/^\d{6}$/);
    const bad = await call(p, null, 'POST', '/api/auth/password-reset/confirm', {
      phone: person.phone,
      code: code === '000000' ? '111111' : '000000',
      newPassword: 'NewPass2026',
    });
    expect(bad.body.error.code).toBe('AUTH_CODE_INVALID');
    const ok = await call(p, null, 'POST', '/api/auth/password-reset/confirm', {
      phone: person.phone,
      code,
      newPassword: 'NewPass2026',
    });
    expect(ok.status).toBe(204);
    expect((await call(p, old, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await login(p, person.phone, 'NewPass2026')).userId).toBeTruthy();
    // A used code cannot be used again.
    const reuse = await call(p, null, 'POST', '/api/auth/password-reset/confirm', {
      phone: person.phone,
      code,
      newPassword: 'Other2026x',
    });
    expect(reuse.body.error.code).toBe('AUTH_CODE_INVALID');
  });

  it('answers the same for unregistered phones and sends nothing', async () => {
    const sentBefore = p.sms.sent.length;
    const res = await call(p, null, 'POST', '/api/auth/password-reset/request', { phone: '13755550000' });
    expect(res.status).toBe(202);
    expect(p.sms.sent.length).toBe(sentBefore);
  });

  it('limits resends and wrong attempts', async () => {
    const person = newPerson();
    await register(person);
    await call(p, null, 'POST', '/api/auth/password-reset/request', { phone: person.phone });
    const again = await call(p, null, 'POST', '/api/auth/password-reset/request', { phone: person.phone });
    expect(again.body.error.code).toBe('AUTH_CODE_TOO_FREQUENT');
    const code = p.sms.lastCodeFor(person.phone)!;
    const wrongCode = code === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++)
      await call(p, null, 'POST', '/api/auth/password-reset/confirm', {
        phone: person.phone,
        code: wrongCode,
        newPassword: 'NewPass2026',
      });
    // After five wrong attempts even the right code is refused: no brute force of a 6-digit code.
    const res = await call(p, null, 'POST', '/api/auth/password-reset/confirm', {
      phone: person.phone,
      code,
      newPassword: 'NewPass2026',
    });
    expect(res.body.error.code).toBe('AUTH_CODE_INVALID');
  });
});

describe('cookies behind an https proxy', () => {
  it('marks the session cookie Secure when the trusted proxy says the request came over https', async () => {
    const behindProxy = await createTestPlatform({ env: { YX_TRUST_PROXY: 'true' } });
    try {
      const res = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { login: DEMO.teacherA, password: 'Yunxue@2026' },
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.50' },
      });
      const sid = (res.cookies as { name: string; secure?: boolean }[]).find((c) => c.name === 'yx_sid')!;
      expect(sid.secure).toBe(true);
      expect(res.json().session.ip).toBe('203.0.113.50');
    } finally {
      await behindProxy.drop();
    }
  });
});
