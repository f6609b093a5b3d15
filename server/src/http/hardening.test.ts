import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, nextIp, type Session, type TestPlatform } from '../testing/platform.js';

// What an attacker's odd input gets: a 400 naming the field (never a 5xx, never a silently changed value), limits
// that a made-up cookie cannot escape, our own request ids, 413/415 with codes, and answers nobody caches.

describe('hardening of the HTTP edge', () => {
  let p: TestPlatform;
  let operator: Session;
  let teacher: Session;
  beforeAll(async () => {
    p = await createTestPlatform();
    operator = await login(p, DEMO.operator);
    teacher = await login(p, DEMO.teacherA);
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('refuses huge, non-finite and fractional page numbers on every paged list with a 400 naming the field', async () => {
    for (const path of [
      '/api/users',
      '/api/audit',
      '/api/catalog/courses',
      '/api/teachers',
      '/api/media',
      '/api/alerts',
    ])
      for (const [field, value] of [
        ['page', '99999999999999999999'],
        ['page', '1e400'],
        ['pageSize', '1e400'],
        ['page', '1.5'],
        ['page', '-1'],
      ]) {
        const res = await call(p, operator, 'GET', `${path}?${field}=${value}`);
        expect(res.status, `${path}?${field}=${value}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      }
    // Numbers in the query string still work.
    const page = await call(p, operator, 'GET', '/api/users?page=2&pageSize=5');
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(5);
  });

  it('does not turn numbers or arrays into text, and names the field', async () => {
    const base = { title: '电工基础知识', summary: '' };
    for (const [field, value] of [
      ['title', 1234],
      ['title', ['电工基础知识']],
      ['generalModuleCode', ['x']],
      ['occupationCode', ['6-31-01-03']],
      ['categoryCode', 7],
      ['summary', { text: 'x' }],
    ] as const) {
      const res = await call(p, teacher, 'POST', '/api/courses', { ...base, [field]: value });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
    const created = await call(p, teacher, 'POST', '/api/courses', base);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const patched = await call(p, teacher, 'PATCH', `/api/courses/${created.body.course.id}`, {
      generalModuleCode: ['x'],
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.field).toBe('generalModuleCode');
  });

  it('refuses control characters in text fields but keeps tabs and line breaks', async () => {
    for (const title of ['电工\u0000基础', '电工\u0007基础', '电工\u001b[31m基础', '电工\u0085基础']) {
      const res = await call(p, teacher, 'POST', '/api/courses', { title, summary: '' });
      expect(res.status, JSON.stringify(title)).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'title' });
    }
    const ok = await call(p, teacher, 'POST', '/api/courses', {
      title: '电工安全',
      summary: '第一行\n第二行\r\n\t缩进',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.course.summary).toBe('第一行\n第二行\r\n\t缩进');
  });

  it('counts a request with a made-up session cookie as its address', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    // The password-reset confirmation allows 10 a minute per client; a fresh random cookie on every request.
    for (let i = 0; i < 12; i++) {
      const res = await p.app.inject({
        method: 'POST',
        url: '/api/auth/password-reset/confirm',
        payload: { phone: '13800000001', code: '123456', newPassword: 'Abcdefg12' },
        headers: { cookie: `yx_sid=${randomBytes(24).toString('base64url')}` },
        remoteAddress: ip,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('keeps a plain request id from the caller and replaces any other', async () => {
    const kept = await p.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'trace-01.ab:CD_9' },
    });
    expect(kept.headers['x-request-id']).toBe('trace-01.ab:CD_9');
    for (const given of ['<script>alert(1)</script>', 'a b', 'x'.repeat(65), 'id\u0000', 'é']) {
      const res = await p.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': given } });
      expect(res.headers['x-request-id']).not.toBe(given);
      expect(String(res.headers['x-request-id'])).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
    }
  });

  it('answers 413 to an oversized body and 415 to a wrong content type, with codes', async () => {
    const big = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ login: 'x'.repeat(2 * 1024 * 1024), password: 'x' }),
      headers: { 'content-type': 'application/json' },
      remoteAddress: nextIp(),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('BODY_TOO_LARGE');
    const xml = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '<login/>',
      headers: { 'content-type': 'application/xml' },
      remoteAddress: nextIp(),
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('tells browsers and proxies not to keep API answers', async () => {
    const me = await p.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: operator.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const users = await call(p, operator, 'GET', '/api/users');
    expect(users.status).toBe(200);
    const raw = await p.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: operator.cookie } });
    expect(raw.headers['cache-control']).toBe('no-store');
    const denied = await p.app.inject({ method: 'GET', url: '/api/users' });
    expect(denied.statusCode).toBe(401);
    expect(denied.headers['cache-control']).toBe('no-store');
  });
});
