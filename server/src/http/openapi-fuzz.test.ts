import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, DEMO, login, testDialect, type Session, type TestPlatform } from '../testing/platform.js';

// Walks the published OpenAPI document and sends every operation malformed values — huge, fractional and negative
// numbers, arrays and objects where text belongs, numbers as text, control characters, over-long text, unknown
// fields, wrong content types — as the signed-in roles in turn. Whatever the route, the answer must be a client error
// (never a 5xx), and nothing may change: every table holds as many rows afterwards as before.

type Schema = {
  type?: string | string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
};
type Parameter = { name: string; in: 'query' | 'path' | 'header' | 'cookie'; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

/** The JSON types a schema lets through (empty: anything, so no value is wrong for it). */
function allowedTypes(schema: Schema | undefined): Set<string> {
  const out = new Set<string>();
  if (!schema) return out;
  const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  for (const b of branches) for (const t of allowedTypes(b)) out.add(t);
  if (schema.type) for (const t of [schema.type].flat()) out.add(t === 'integer' ? 'number' : t);
  for (const v of [...(schema.enum ?? []), ...('const' in schema ? [schema.const] : [])])
    out.add(v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  return out;
}

const FORMAT_SAMPLES: Record<string, string> = {
  date: '2026-03-02',
  'date-time': '2026-03-02T01:00:00.000Z',
  uuid: '01a2517a-0000-7000-8000-000000000000',
  email: 'someone@example.com',
  uri: 'https://example.com/',
  time: '08:30:00',
};

/** A value the schema most likely accepts (best effort: patterns are not solved), so one bad field is what is judged. */
function plausible(schema: Schema | undefined): unknown {
  if (!schema) return 'x';
  if (schema.default !== undefined) return schema.default;
  if ('const' in schema) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branch = (schema.anyOf ?? schema.oneOf)?.find((b) => allowedTypes(b).size && !allowedTypes(b).has('null'));
  if (branch) return plausible(branch);
  const type = [schema.type].flat()[0];
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = plausible(schema.properties?.[key]);
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => plausible(schema.items));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      if (schema.format && FORMAT_SAMPLES[schema.format]) return FORMAT_SAMPLES[schema.format];
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
  }
}

/** Values the schema refuses whatever else it says. */
function malformed(schema: Schema | undefined): unknown[] {
  const types = allowedTypes(schema);
  if (types.size === 0) return [];
  const out: unknown[] = [];
  if (!types.has('number')) out.push(12345, 1e300);
  if (!types.has('array')) out.push(['x']);
  if (!types.has('object')) out.push({ $gt: '' });
  if (!types.has('boolean')) out.push(true);
  if (types.has('number') && !types.has('string')) out.push('12', 1e20, -1e20);
  if (types.has('number') && schema?.type === 'integer') out.push(1.5);
  if (types.has('string')) {
    out.push('a\u0000b', 'a\u001bb');
    if (schema?.maxLength !== undefined) out.push('x'.repeat(schema.maxLength + 1));
  }
  return out;
}

/** Query-string values (always text on the wire) the parameter's schema refuses. */
function malformedQuery(schema: Schema | undefined): string[] {
  const types = allowedTypes(schema);
  if (types.size === 0) return [];
  const out = ['a\u0000b'];
  if (types.has('number') && !types.has('string')) out.push('99999999999999999999', '1e400', '-1e400', 'NaN', '1.5x');
  if (schema?.type === 'integer') out.push('1.5');
  if (schema?.maxLength !== undefined) out.push('x'.repeat(schema.maxLength + 1));
  return out;
}

describe(`every operation of the OpenAPI document refuses malformed input (${testDialect})`, () => {
  let p: TestPlatform;
  let sessions: Session[];
  beforeAll(async () => {
    // The general per-client limit is lifted so that the limit is not what answers; route limits stay.
    p = await createTestPlatform({ env: { YX_RATE_LIMIT_PER_MINUTE: '1000000' } });
    sessions = [
      await login(p, DEMO.operator),
      await login(p, DEMO.xihuRegulator),
      await login(p, DEMO.adminA),
      await login(p, DEMO.teacherA),
      await login(p, DEMO.learnerA),
    ];
  });
  afterAll(async () => {
    await p?.drop();
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const db = p.database.db;
    const tables =
      testDialect === 'postgres'
        ? (
            await sql<{ name: string }>`select table_name as name from information_schema.tables
              where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
          ).rows
        : (
            await sql<{ name: string }>`select name from sqlite_master
              where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%'`.execute(db)
          ).rows;
    const counts: Record<string, number> = {};
    for (const { name } of tables)
      counts[name] = Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0].n,
      );
    return counts;
  }

  it('answers every malformed request with a client error and changes nothing', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    const before = await rowCounts();
    type Probe = {
      method: string;
      url: string;
      payload?: string;
      contentType?: string;
      what: string;
    };
    const probes: Probe[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      if (!template.startsWith('/api/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        const params = operation.parameters ?? [];
        const pathParams = params.filter((x) => x.in === 'path');
        const queryParams = params.filter((x) => x.in === 'query');
        const pathValues = Object.fromEntries(pathParams.map((x) => [x.name, String(plausible(x.schema))]));
        const urlFor = (values: Record<string, string>, query: Record<string, string | string[]>) => {
          const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
          const search = new URLSearchParams();
          for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) search.append(k, one);
          const qs = search.toString();
          return qs ? `${path}?${qs}` : path;
        };
        const baseQuery = Object.fromEntries(
          queryParams.filter((x) => x.required).map((x) => [x.name, String(plausible(x.schema))]),
        );
        for (const param of pathParams)
          for (const bad of ['a\u0000b', ...(param.schema?.maxLength ? ['x'.repeat(param.schema.maxLength + 1)] : [])])
            probes.push({
              method,
              url: urlFor({ ...pathValues, [param.name]: bad }, baseQuery),
              what: `path ${param.name}=${JSON.stringify(bad).slice(0, 20)}`,
            });
        for (const param of queryParams) {
          for (const bad of malformedQuery(param.schema))
            probes.push({
              method,
              url: urlFor(pathValues, { ...baseQuery, [param.name]: bad }),
              what: `query ${param.name}=${bad.slice(0, 20)}`,
            });
          if (!allowedTypes(param.schema).has('array'))
            probes.push({
              method,
              url: urlFor(pathValues, { ...baseQuery, [param.name]: ['1', '2'] }),
              what: `query ${param.name} twice`,
            });
        }
        const json = operation.requestBody?.content?.['application/json']?.schema;
        if (!json) continue;
        const base = plausible(json) as Record<string, unknown>;
        const url = urlFor(pathValues, baseQuery);
        const send = (payload: unknown, what: string) =>
          probes.push({ method, url, payload: JSON.stringify(payload), what });
        for (const [field, fieldSchema] of Object.entries(json.properties ?? {}))
          for (const bad of malformed(fieldSchema))
            send({ ...base, [field]: bad }, `body ${field}=${JSON.stringify(bad).slice(0, 20)}`);
        if (json.additionalProperties === false) send({ ...base, unexpectedField: 1 }, 'unknown field');
        if (allowedTypes(json).size) {
          send([base], 'body as array');
          send('text', 'body as string');
        }
        probes.push({ method, url, payload: '<a/>', contentType: 'application/xml', what: 'xml body' });
        probes.push({ method, url, payload: '{"a":', what: 'truncated JSON' });
      }
    }
    expect(probes.length).toBeGreaterThan(500);

    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    // Each probe as one of the roles in turn (validation runs before any permission check): the roles are spread over
    // the probes of each operation.
    for (const [i, probe] of probes.entries()) {
      const session = sessions[i % sessions.length];
      const headers: Record<string, string> = { cookie: session.cookie };
      if (probe.method !== 'get') headers['x-csrf-token'] = session.csrf;
      if (probe.payload !== undefined) headers['content-type'] = probe.contentType ?? 'application/json';
      const res = await p.app.inject({
        method: probe.method.toUpperCase() as 'GET',
        url: probe.url,
        headers,
        ...(probe.payload === undefined ? {} : { payload: probe.payload }),
      });
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500 || res.statusCode < 400)
        failures.push(
          `${res.statusCode} ${probe.method.toUpperCase()} ${probe.url.slice(0, 120)} (${probe.what}): ${res.body.slice(0, 200)}`,
        );
    }
    expect(failures).toEqual([]);
    expect([...byStatus.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await rowCounts()).toEqual(before);
  }, 180_000);
});
