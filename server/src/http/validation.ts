import { Ajv, type Options } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// How request data is validated (DESIGN.md principle 6: bad input is a 400 naming the field, never a 5xx).
//
// - Bodies are JSON and validated as sent: no coercion, so `"title": 1234` or `"code": ["x"]` is refused instead of
//   turned into a string. The query string and path parameters are text by nature: there Ajv turns "2" into 2 for
//   integer fields (and one value into a one-element array), and only there.
// - Every integer a request may carry is bounded: a field without its own limits gets the range of a PostgreSQL
//   `integer` (what the columns and OFFSETs take), so `page=99999999999999999999` is a 400 and never a driver error.
// - No text field accepts control characters other than tab, line feed and carriage return (`\u0000` would otherwise
//   be stored, and PostgreSQL refuses it with a 500).
//
// The rules are applied to a copy of each route's schema when it is compiled, so every route gets them without
// repeating them, and the published OpenAPI document stays as written.

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;
/** C0 controls except \t \n \r, DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
export const TEXT_KEYWORD = 'noControlCharacters';

// ajv-formats is CommonJS: seen from an ES module its plugin function is the module's `default` property.
const addFormats = (ajvFormats as unknown as { default: (ajv: Ajv) => Ajv }).default;

const baseOptions: Options = {
  removeAdditional: false,
  useDefaults: true,
  // Never true: with it one request could make Ajv report every error of a huge body (a denial of service).
  allErrors: false,
  allowUnionTypes: true,
  strict: false,
};

function makeAjv(coerceTypes: Options['coerceTypes']): Ajv {
  const ajv = new Ajv({ ...baseOptions, coerceTypes });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: TEXT_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    errors: false,
    validate: (on: boolean, data: string) => !on || !CONTROL_CHARACTERS.test(data),
  });
  return ajv;
}

type Json = Record<string, unknown>;

/** A copy of `schema` with the house rules added to every integer, number and string in it. */
export function hardenSchema<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(hardenSchema) as T;
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Json;
  const out: Json = {};
  for (const [key, value] of Object.entries(source)) {
    // `const`, `enum`, `default` and `examples` hold values, not schemas.
    out[key] =
      key === 'const' || key === 'enum' || key === 'default' || key === 'examples' ? value : hardenSchema(value);
  }
  const types = Array.isArray(source.type) ? (source.type as unknown[]) : [source.type];
  if (types.includes('integer') || types.includes('number')) {
    if (source.minimum === undefined && source.exclusiveMinimum === undefined) out.minimum = INT_MIN;
    if (source.maximum === undefined && source.exclusiveMaximum === undefined) out.maximum = INT_MAX;
  }
  if (types.includes('string') && source.enum === undefined && source.const === undefined) out[TEXT_KEYWORD] = true;
  return out as T;
}

/**
 * The validator compiler for every route: one Ajv for bodies (no coercion), one for the text parts of a request
 * (query string, path parameters, headers), both knowing the schemas added with `app.addSchema`.
 */
export function requestValidatorCompiler(
  sharedSchemas: () => Record<string, unknown>,
): FastifySchemaCompiler<FastifySchema> {
  const body = makeAjv(false);
  const text = makeAjv('array');
  const known = new Set<string>();
  return ({ schema, httpPart }) => {
    for (const [id, shared] of Object.entries(sharedSchemas())) {
      if (known.has(id)) continue;
      known.add(id);
      body.addSchema(hardenSchema(shared) as object, id);
      text.addSchema(hardenSchema(shared) as object, id);
    }
    return (httpPart === 'body' ? body : text).compile(hardenSchema(schema) as object);
  };
}
