import { Type, type Static, type TSchema } from 'typebox';
import type { Role as RoleSource } from '../platform/context.js';
import { ERRORS, type ErrorCode } from '../platform/errors.js';

// Building blocks of the response contracts (modules/*/*.contract.ts). A response schema is also Fastify's serializer
// (fast-json-stringify): a field it does not name is dropped, so each contract names everything its route answers.

/**
 * `T | null` as one schema with `nullable: true` (OpenAPI 3.0's spelling), which fast-json-stringify writes directly;
 * an `anyOf` with null would make it validate every value to pick a branch.
 */
export const OrNull = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

/** A union of string literals as one `enum` string schema (typed as the union). */
export const StringEnum = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

/** A 204 answer: no body. */
export const NoContent = Type.Unsafe<undefined>({ type: 'null', description: 'No content' });

/** A binary answer (file download, image, media bytes) of the given content types; not serialized by Fastify. */
export const Binary = (contentTypes: string[], description: string) => ({
  description,
  content: Object.fromEntries(contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
});

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A stored file served with validators and byte ranges: the whole file, a range of it, or "not modified". */
export const MediaFileAnswers = (contentTypes: string[], description: string) => ({
  200: Binary(contentTypes, description),
  206: Binary(contentTypes, `${description}: the requested byte range`),
  304: { description: 'Not modified (If-None-Match matched the ETag)', type: 'null' },
});

/** `GET /api/health`: 200 while the database answers ('degraded' when Redis does not), 503 'unavailable' otherwise. */
export const HealthSchema = Type.Object({
  status: StringEnum(['ok', 'degraded', 'unavailable']),
  db: StringEnum(['sqlite', 'postgres']),
  database: StringEnum(['up', 'down']),
  hotState: Type.Object({ kind: StringEnum(['memory', 'redis']), state: StringEnum(['up', 'down']) }),
  version: Type.String(),
});
export type Health = Static<typeof HealthSchema>;

/** A user's role (platform/context.ts): the one schema of it, in requests (users filter, invitations) and answers. */
export const RoleSchema = StringEnum(['institution_admin', 'regulator', 'learner', 'teacher', 'operator']);
export type Role = Static<typeof RoleSchema>;

/** One of the error catalogue's codes (platform/errors.ts), e.g. why a media file failed to process. */
export const ErrorCodeSchema = StringEnum(Object.keys(ERRORS) as ErrorCode[]);

// A property the code types `T | undefined` is optional in its schema (fast-json-stringify refuses a required one that
// is undefined), so shapes are compared with optionality set aside.
type Shape<T> = T extends object ? { [K in keyof T]-?: Shape<Exclude<T[K], undefined>> } : T;
/** Compile-time: A and B are mutually assignable (a contract's Static type and the type the service builds). */
export type SameShape<A, B> = [Shape<A>] extends [Shape<B>] ? ([Shape<B>] extends [Shape<A>] ? true : false) : false;
/** Compile-time assertion: fails `tsc` unless T is `true`. */
export type Check<T extends true> = T;

/** Compile-time: the shared schemas above have the shapes of the types the code uses. */
export type SharedContractMatchesSources = [Check<SameShape<Role, RoleSource>>];
