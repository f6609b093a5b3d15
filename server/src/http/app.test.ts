import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ seedDemo: false });
  // A route that fails the way a bug would, to prove 5xx answers leak nothing.
  p.app.get('/api/test-only/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret connection string postgres://user:pw@db');
  });
});
afterAll(async () => {
  await p?.drop();
});

describe('HTTP platform', () => {
  it('answers health with the database in use', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toMatchObject({ status: 'ok', db: p.database.dialect });
  });

  it('hides internals on 5xx and returns the request id', async () => {
    const res = await p.app.inject({
      method: 'GET',
      url: '/api/test-only/boom',
      headers: { 'x-request-id': 'req-123' },
    });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('postgres://');
    expect(res.json().error).toMatchObject({ code: 'INTERNAL', details: { requestId: 'req-123' } });
    expect(res.headers['x-request-id']).toBe('req-123');
  });

  it('answers unknown API paths with a coded 404', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('rejects malformed JSON with a clear code', async () => {
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"login":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('names a wrongly typed query field', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/regions?parent=abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'parent' });
    const unknown = await p.app.inject({ method: 'GET', url: '/api/regions?foo=1' });
    expect(unknown.json().error).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'foo' });
  });

  it('sends security headers', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await p.app.inject({ method: 'GET', url: '/api/regions' })).headers['x-ratelimit-limit']).toBeDefined();
  });

  it('rate-limits the API but not the web app around it', async () => {
    expect((await p.app.inject({ method: 'GET', url: '/api/regions' })).headers['x-ratelimit-limit']).toBeDefined();
    expect((await p.app.inject({ method: 'GET', url: '/docs/json' })).headers['x-ratelimit-limit']).toBeUndefined();
    // The health probe is not counted, so it still answers while the shared counters (Redis) are away.
    expect((await p.app.inject({ method: 'GET', url: '/api/health' })).headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('publishes the OpenAPI document with the auth routes', async () => {
    const res = await p.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/register',
        '/api/auth/login',
        '/api/users/{id}/reveal-id-number',
        '/api/audit',
      ]),
    );
  });

  it('lists regions for the region pickers', async () => {
    const provinces = (await p.app.inject({ method: 'GET', url: '/api/regions' })).json().items;
    expect(provinces).toHaveLength(34);
    const zj = (await p.app.inject({ method: 'GET', url: '/api/regions?parent=330000' })).json().items;
    expect(zj.map((r: { name: string }) => r.name)).toContain('杭州市');
  });
});
