import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { institutionsResponses } from './institutions.contract.js';
import { receiveUpload } from '../../http/upload.js';

const tags = ['institutions'];
const IdParams = StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DocumentParams = StrictObject({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  documentId: Type.String({ minLength: 1, maxLength: 64 }),
});
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Status = literals(['draft', 'submitted', 'returned', 'rejected', 'active', 'suspended'] as const);
const Kind = literals(['training', 'enterprise', 'college'] as const);
const DocumentKind = literals(['business_licence', 'legal_person_certificate', 'school_permit', 'other'] as const);

const InstitutionBody = StrictObject({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  kind: Kind,
  creditCode: Type.String({ minLength: 1, maxLength: 30 }),
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  address: Type.String({ minLength: 1, maxLength: 200 }),
  legalRepresentative: Type.String({ minLength: 1, maxLength: 60 }),
  contactName: Type.String({ minLength: 1, maxLength: 60 }),
  contactPhone: Type.String({ minLength: 1, maxLength: 20 }),
  businessScope: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: 'Business scope and the occupations the institution will train for',
  }),
});
const EditBody = StrictObject({
  ...InstitutionBody.properties,
  contactPhone: Type.Optional(
    Type.String({ minLength: 1, maxLength: 20, description: 'Left out: the stored phone is kept' }),
  ),
});
const AdminBody = StrictObject({
  name: Type.String({ maxLength: 60 }),
  idNumber: Type.String({ maxLength: 40 }),
  phone: Type.String({ maxLength: 20 }),
  password: Type.String({ maxLength: 128 }),
});

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name, so Chinese file names survive the download. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function institutionRoutes(app: App, services: Services) {
  const {
    institutions,
    institutionRegistration: registration,
    institutionReview: review,
    institutionDocuments: documents,
  } = services;
  const session = { access: 'session' as const };

  app.post(
    '/institution-applications',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Registers an institution (draft) with its first administrator, who can then sign in and complete the application',
        body: StrictObject({ institution: InstitutionBody, admin: AdminBody }),
        response: institutionsResponses['POST /institution-applications'],
      },
    },
    async (request, reply) => reply.code(201).send(await registration.register(request.body, requestMeta(request))),
  );

  app.get(
    '/institutions',
    {
      config: session,
      schema: {
        tags,
        summary: 'Institutions in scope: own, region subtree (not drafts) or platform',
        querystring: StrictObject({ q: Type.Optional(Type.String({ maxLength: 60 })), status: Type.Optional(Status) }),
        response: institutionsResponses['GET /institutions'],
      },
    },
    async (request) => ({ items: await institutions.list(requireActor(request), request.query) }),
  );

  app.get(
    '/institutions/review-queue',
    {
      config: session,
      schema: {
        tags,
        summary:
          'Submitted applications in the region subtree (operators: all), oldest deadline first, overdue flagged',
        response: institutionsResponses['GET /institutions/review-queue'],
      },
    },
    async (request) => ({ items: await institutions.reviewQueue(requireActor(request)) }),
  );

  app.get(
    '/institutions/:id',
    { config: session, schema: { tags, params: IdParams, response: institutionsResponses['GET /institutions/:id'] } },
    async (request) => ({
      institution: await institutions.get(requireActor(request), request.params.id),
    }),
  );

  app.get(
    '/institutions/:id/application',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        summary: 'The application: details, documents, required documents, review history, allowed actions',
        response: institutionsResponses['GET /institutions/:id/application'],
      },
    },
    async (request) => ({ application: await institutions.application(requireActor(request), request.params.id) }),
  );

  app.put(
    '/institutions/:id/application',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        body: EditBody,
        summary: 'Edits a draft or returned application',
        response: institutionsResponses['PUT /institutions/:id/application'],
      },
    },
    async (request) => ({
      application: await registration.update(
        requireActor(request),
        request.params.id,
        request.body,
        requestMeta(request),
      ),
    }),
  );

  app.post(
    '/institutions/:id/submit',
    {
      config: session,
      schema: {
        tags,
        params: IdParams,
        summary: 'Submits the application once the required documents are uploaded',
        response: institutionsResponses['POST /institutions/:id/submit'],
      },
    },
    async (request) => ({
      application: await registration.submit(requireActor(request), request.params.id, requestMeta(request)),
    }),
  );

  for (const decision of ['approve', 'return', 'reject'] as const) {
    app.post(
      `/institutions/:id/${decision}`,
      {
        config: session,
        schema: {
          tags,
          params: IdParams,
          body: StrictObject({ comment: Type.String({ maxLength: 1000 }) }),
          summary: `Regulator of the region subtree: ${decision} a submitted application (comment required)`,
          response: institutionsResponses['POST /institutions/:id/{decision}'],
        },
      },
      async (request) => ({
        application: await review.decide(
          requireActor(request),
          request.params.id,
          decision,
          request.body.comment,
          requestMeta(request),
        ),
      }),
    );
  }
  for (const action of ['suspend', 'reinstate'] as const) {
    app.post(
      `/institutions/:id/${action}`,
      {
        config: session,
        schema: {
          tags,
          params: IdParams,
          body: StrictObject({ reason: Type.String({ maxLength: 1000 }) }),
          summary: `Regulator (subtree) or operator: ${action} an institution (reason required)`,
          response: institutionsResponses['POST /institutions/:id/{action}'],
        },
      },
      async (request) => ({
        application: await review.oversee(
          requireActor(request),
          request.params.id,
          action,
          request.body.reason,
          requestMeta(request),
        ),
      }),
    );
  }

  // Uploads get their own scope: any Content-Type arrives as the raw stream, and the service enforces the size limit
  // while streaming to the blob store.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/institutions/:id/documents',
      {
        config: session,
        schema: {
          tags,
          params: IdParams,
          summary: 'Uploads a qualification document (PDF, JPEG or PNG, judged by content) as the raw request body',
          querystring: StrictObject({ kind: DocumentKind, name: Type.String({ minLength: 1, maxLength: 255 }) }),
          response: institutionsResponses['POST /institutions/:id/documents'],
        },
      },
      async (request, reply) => {
        const { kind, name } = request.query as { kind: 'business_licence'; name: string };
        const document = await receiveUpload(request, reply, (upload) =>
          documents.upload(
            requireActor(request),
            (request.params as { id: string }).id,
            { kind, name, ...upload },
            requestMeta(request),
          ),
        );
        return reply.code(201).send({ document });
      },
    );
  });

  app.get(
    '/institutions/:id/documents/:documentId/file',
    {
      config: session,
      schema: {
        tags,
        params: DocumentParams,
        summary: 'The document itself, with its content type (opens in the browser)',
        response: institutionsResponses['GET /institutions/:id/documents/:documentId/file'],
      },
    },
    async (request, reply) => {
      const file = await documents.file(requireActor(request), request.params.id, request.params.documentId);
      const stream = await file.open();
      return reply
        .header('content-type', file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', contentDisposition(file.fileName))
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  app.delete(
    '/institutions/:id/documents/:documentId',
    {
      config: session,
      schema: {
        tags,
        params: DocumentParams,
        response: institutionsResponses['DELETE /institutions/:id/documents/:documentId'],
      },
    },
    async (request, reply) => {
      await documents.remove(requireActor(request), request.params.id, request.params.documentId, requestMeta(request));
      return reply.code(204).send();
    },
  );
}
