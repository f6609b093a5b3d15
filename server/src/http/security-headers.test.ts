import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/platform.js';

// The app sets helmet's headers from a list worked out once (security-headers.ts) instead of running the plugin on
// every request: every kind of answer must still carry exactly what the plugin would have sent.

let p: TestPlatform;
beforeAll(async () => {
  p = await createTestPlatform({ seedDemo: false });
});
afterAll(async () => {
  await p?.drop();
});

describe('security headers', () => {
  it("are those of @fastify/helmet with the app's policy, on answers, errors and unknown paths", async () => {
    const reference = Fastify();
    await reference.register(fastifyHelmet, {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          mediaSrc: ["'self'", 'blob:'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          scriptSrc: ["'self'"],
          connectSrc: ["'self'"],
        },
      },
    });
    reference.get('/', async () => ({}));
    const expected = (await reference.inject({ method: 'GET', url: '/' })).headers;
    await reference.close();
    const names = [
      'content-security-policy',
      'cross-origin-opener-policy',
      'cross-origin-resource-policy',
      'origin-agent-cluster',
      'referrer-policy',
      'strict-transport-security',
      'x-content-type-options',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-frame-options',
      'x-permitted-cross-domain-policies',
      'x-xss-protection',
    ];
    expect(String(expected['content-security-policy'])).toContain("media-src 'self' blob:");
    for (const [method, url, status] of [
      ['GET', '/api/health', 200],
      ['GET', '/api/auth/me', 401],
      ['GET', '/api/nothing-here', 404],
      ['POST', '/api/auth/login', 400],
    ] as const) {
      const res = await p.app.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      expect(res.statusCode).toBe(status);
      for (const name of names) expect(res.headers[name], `${name} on ${url}`).toBe(expected[name]);
    }
  });
});
