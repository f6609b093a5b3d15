import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Nullable, StrictObject } from '../../http/schemas.js';
import { cleanFileName } from '../../platform/file-name.js';
import type { App } from '../../http/types.js';
import { readUpload } from '../../platform/upload.js';
import type { Services } from '../../services.js';
import { questionBanksResponses as responses } from './question-banks.contract.js';
import { fileTooLarge, QUESTION_FILE_MAX_BYTES, type QuestionFileFormat } from './question-file.js';
import { LIMITS, OPTION_KEYS, QUESTION_TYPES } from './question.js';
import type { PaperInput } from './papers.service.js';
import type { ImportMode } from './question-banks.service.js';
import { receiveUpload } from '../../http/upload.js';

const tags = ['question-banks'];
const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = StrictObject({ id: Id });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const QuestionTypeIn = Type.Union(QUESTION_TYPES.map((t) => Type.Literal(t)));
const Occupation = Type.String({ pattern: '^[1-8]-\\d{2}-\\d{2}-\\d{2}$' });
const Level = Type.Integer({ minimum: 1, maximum: 5 });

const QuestionBody = StrictObject({
  type: QuestionTypeIn,
  stem: Type.String({ maxLength: LIMITS.stem }),
  options: Type.Array(
    StrictObject({
      key: Type.Union(OPTION_KEYS.map((k) => Type.Literal(k))),
      text: Type.String({ maxLength: LIMITS.optionText }),
    }),
    { maxItems: LIMITS.maxOptions },
  ),
  answer: Type.Array(Type.String({ maxLength: LIMITS.answerText }), { maxItems: LIMITS.maxAccepted }),
  explanation: Type.String({ maxLength: LIMITS.explanation }),
  difficulty: Type.Integer({ minimum: 1, maximum: 5 }),
  moduleCode: Nullable(Type.String({ maxLength: 100 })),
});

const PaperBody = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Type.Union([Type.Literal('practice'), Type.Literal('mock'), Type.Literal('formal')]),
  bankIds: Type.Array(Id, { minItems: 1, maxItems: 10 }),
  mode: Type.Union([Type.Literal('fixed'), Type.Literal('draw')]),
  questionIds: Type.Array(Id, { maxItems: 300 }),
  rules: Type.Array(
    StrictObject({
      type: QuestionTypeIn,
      count: Type.Integer({ minimum: 1, maximum: 300 }),
      moduleCode: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
      difficulty: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
    }),
    { maxItems: 30 },
  ),
  typeScores: StrictObject({
    single: Type.Integer({ minimum: 0, maximum: 100 }),
    multiple: Type.Integer({ minimum: 0, maximum: 100 }),
    true_false: Type.Integer({ minimum: 0, maximum: 100 }),
    fill_blank: Type.Integer({ minimum: 0, maximum: 100 }),
    short_answer: Type.Integer({ minimum: 0, maximum: 100 }),
  }),
});

/** RFC 6266 attachment header: an ASCII fallback name and the real (Chinese) name in UTF-8. */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const CONTENT_TYPES: Record<QuestionFileFormat, string> = {
  xlsx: XLSX,
  moodle_xml: 'application/xml; charset=utf-8',
  gift: 'text/plain; charset=utf-8',
};
const EXTENSIONS: Record<QuestionFileFormat, string> = { xlsx: 'xlsx', moodle_xml: 'xml', gift: 'gift.txt' };

export function questionBankRoutes(app: App, { questionBanks: banks, papers }: Services) {
  const session = { access: 'session' as const };

  app.get(
    '/question-banks',
    {
      config: session,
      schema: {
        tags,
        summary: 'Question banks in scope: own and shared, a region subtree, or all',
        querystring: StrictObject({ occupationCode: Type.Optional(Occupation), level: Type.Optional(Level) }),
        response: responses['GET /question-banks'],
      },
    },
    async (request) => ({ items: await banks.list(requireActor(request), request.query) }),
  );
  app.post(
    '/question-banks',
    {
      config: session,
      schema: {
        tags,
        summary: "A bank of the actor's institution (the operator's: shared) for an occupation and level",
        body: StrictObject({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          occupationCode: Occupation,
          level: Level,
        }),
        response: responses['POST /question-banks'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return banks.create(requireActor(request), request.body, requestMeta(request));
    },
  );
  app.get(
    '/question-banks/:id',
    { config: session, schema: { tags, params: IdParams, response: responses['GET /question-banks/:id'] } },
    async (request) => banks.detail(requireActor(request), request.params.id),
  );
  app.patch(
    '/question-banks/:id',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: StrictObject({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: responses['PATCH /question-banks/:id'],
      },
    },
    async (request) => banks.rename(requireActor(request), request.params.id, request.body.name, requestMeta(request)),
  );
  app.get(
    '/question-banks/:id/questions',
    {
      config: session,
      schema: {
        tags,
        summary: 'The current version of each question (retired ones with retired=true)',
        params: IdParams,
        querystring: StrictObject({
          retired: Type.Optional(Type.Boolean()),
          type: Type.Optional(QuestionTypeIn),
          moduleCode: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: responses['GET /question-banks/:id/questions'],
      },
    },
    async (request) => ({ items: await banks.questions(requireActor(request), request.params.id, request.query) }),
  );
  app.post(
    '/question-banks/:id/questions',
    {
      config: session,
      schema: { tags, params: IdParams, body: QuestionBody, response: responses['POST /question-banks/:id/questions'] },
    },
    async (request, reply) => {
      reply.code(201);
      return banks.createQuestion(requireActor(request), request.params.id, request.body, requestMeta(request));
    },
  );
  app.put(
    '/questions/:id',
    {
      config: session,
      schema: {
        tags,
        summary: 'Edit a question: a new version; attempts keep the version they were given',
        params: IdParams,
        body: StrictObject({ content: QuestionBody, expectedVersion: Type.Integer({ minimum: 1, maximum: 100_000 }) }),
        response: responses['PUT /questions/:id'],
      },
    },
    async (request) => banks.editQuestion(requireActor(request), request.params.id, request.body, requestMeta(request)),
  );
  app.post(
    '/questions/:id/retire',
    {
      config: session,
      schema: {
        tags,
        summary: 'Retire a question (no longer drawn) or bring it back',
        params: IdParams,
        body: StrictObject({ retired: Type.Boolean() }),
        response: responses['POST /questions/:id/retire'],
      },
    },
    async (request, reply) => {
      await banks.setRetired(requireActor(request), request.params.id, request.body.retired, requestMeta(request));
      return reply.code(204).send();
    },
  );
  app.get(
    '/questions/:id/versions',
    { config: session, schema: { tags, params: IdParams, response: responses['GET /questions/:id/versions'] } },
    async (request) => ({ items: await banks.versions(requireActor(request), request.params.id) }),
  );

  // The file arrives as the raw body in its own scope (any Content-Type), read under the size limit; its format is
  // decided by its content.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/question-banks/:id/import',
      {
        config: session,
        schema: {
          tags,
          summary: 'Check or import a question file (Excel, Moodle XML or GIFT) question by question',
          params: IdParams,
          querystring: StrictObject({
            mode: Type.Union([Type.Literal('check'), Type.Literal('all'), Type.Literal('valid-only')]),
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
          }),
          response: responses['POST /question-banks/:id/import'],
        },
      },
      async (request, reply) => {
        const { mode, name } = request.query as { mode: ImportMode; name?: string };
        return receiveUpload(request, reply, async ({ body, declaredBytes }) => {
          const bytes = await readUpload(body, declaredBytes, QUESTION_FILE_MAX_BYTES, fileTooLarge);
          return banks.importFile(
            requireActor(request),
            (request.params as { id: string }).id,
            { mode, fileName: cleanFileName(name), bytes },
            requestMeta(request),
          );
        });
      },
    );
  });

  app.get(
    '/question-banks/:id/export',
    {
      config: session,
      schema: {
        tags,
        summary: 'The bank as a file (audited: it carries the answers)',
        params: IdParams,
        querystring: StrictObject({
          format: Type.Union([Type.Literal('xlsx'), Type.Literal('moodle_xml'), Type.Literal('gift')]),
        }),
        response: responses['GET /question-banks/:id/export'],
      },
    },
    async (request, reply) => {
      const { format } = request.query;
      const { fileName, bytes } = await banks.exportFile(
        requireActor(request),
        request.params.id,
        format,
        requestMeta(request),
      );
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', attachment(fileName, `question-bank.${EXTENSIONS[format]}`))
        .send(bytes);
    },
  );
  app.get(
    '/question-banks/:id/template.xlsx',
    {
      config: session,
      schema: { tags, params: IdParams, response: responses['GET /question-banks/:id/template.xlsx'] },
    },
    async (request, reply) => {
      const { fileName, bytes } = await banks.template(requireActor(request), request.params.id);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment(fileName, 'question-template.xlsx'))
        .send(bytes);
    },
  );

  app.get(
    '/papers',
    {
      config: session,
      schema: {
        tags,
        querystring: StrictObject({
          kind: Type.Optional(Type.Union([Type.Literal('practice'), Type.Literal('mock'), Type.Literal('formal')])),
        }),
        response: responses['GET /papers'],
      },
    },
    async (request) => ({ items: await papers.list(requireActor(request), request.query) }),
  );
  app.post(
    '/papers',
    {
      config: session,
      schema: {
        tags,
        summary: 'Save a paper; a draw its banks cannot satisfy is refused naming the rule',
        body: PaperBody,
        response: responses['POST /papers'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return papers.create(requireActor(request), request.body, requestMeta(request));
    },
  );
  app.post(
    '/papers/preview',
    {
      config: session,
      schema: {
        tags,
        summary: "A draw of an unsaved paper for its author (with answers), seeded like an attempt's",
        body: StrictObject({ paper: PaperBody, seed: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: responses['POST /papers/preview'],
      },
    },
    async (request) => papers.preview(requireActor(request), request.body.paper as PaperInput, request.body.seed),
  );
  app.get(
    '/papers/:id',
    { config: session, schema: { tags, params: IdParams, response: responses['GET /papers/:id'] } },
    async (request) => papers.detail(requireActor(request), request.params.id),
  );
  app.put(
    '/papers/:id',
    { config: session, schema: { tags, params: IdParams, body: PaperBody, response: responses['PUT /papers/:id'] } },
    async (request) =>
      papers.update(requireActor(request), request.params.id, request.body as PaperInput, requestMeta(request)),
  );
  app.delete(
    '/papers/:id',
    { config: session, schema: { tags, params: IdParams, response: responses['DELETE /papers/:id'] } },
    async (request, reply) => {
      await papers.remove(requireActor(request), request.params.id, requestMeta(request));
      return reply.code(204).send();
    },
  );
}
