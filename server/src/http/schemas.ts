import { Type, type TSchema, type TProperties } from 'typebox';

/** Request objects reject unknown fields (400 naming the field) instead of silently dropping them. */
export const StrictObject = <T extends TProperties>(properties: T, options: { description?: string } = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options });

export const Paging = {
  // Bounded: a page number beyond any list (page × pageSize must stay a valid OFFSET) is a 400, not a driver error.
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
};

// Null first: in the query string, where Ajv coerces types, a string branch tried first would turn null into "".
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

export const UserSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    role: Type.String(),
    status: Type.String(),
    phoneMasked: Type.String(),
    idNumberMasked: Type.String(),
    gender: Type.String(),
    birthDate: Type.String(),
    regionCode: Nullable(Type.String()),
    regionName: Nullable(Type.String()),
    institutionId: Nullable(Type.String()),
    institutionName: Nullable(Type.String()),
    createdAt: Type.String(),
  },
  { $id: 'User' },
);

export const ErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    messages: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
    field: Type.Optional(Type.String()),
    details: Type.Optional(Type.Any()),
  }),
});
