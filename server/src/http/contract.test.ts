import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from '../testing/platform.js';

// Every operation in the OpenAPI document describes its successful answer: a JSON schema, a typed binary download,
// or an explicit "no content" / "not modified". Without one, Fastify documents "Default Response" and serializes
// with JSON.stringify, so the web's types would describe nothing the server promised.

type Response = { description?: string; content?: Record<string, { schema?: unknown }> };
type Operation = { responses?: Record<string, Response> };

let p: TestPlatform;
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  p = await createTestPlatform({ seedDemo: false });
  await p.app.ready();
  paths = (p.app.swagger() as { paths: Record<string, Record<string, Operation>> }).paths;
});
afterAll(async () => {
  await p?.drop();
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function successAnswers(op: Operation) {
  return Object.entries(op.responses ?? {}).filter(([code]) => /^[23]\d\d$/.test(code));
}

function described(code: string, answer: Response) {
  if (code === '204' || code === '304') return answer.description !== 'Default Response';
  const media = Object.values(answer.content ?? {});
  return media.length > 0 && media.every((m) => m.schema !== undefined);
}

describe('OpenAPI contract', () => {
  it('lists every API route', () => {
    const operations = Object.entries(paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    // The document is only a proof if it is the whole API: 150+ operations under /api.
    expect(operations.length).toBeGreaterThan(150);
    expect(operations.every((op) => op.includes(' /api/'))).toBe(true);
  });

  it('gives every operation a response schema for its success status', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        const answers = successAnswers(op);
        if (answers.length === 0 || !answers.every(([code, answer]) => described(code, answer))) {
          missing.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
