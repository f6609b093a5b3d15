import { Type } from 'typebox';
import { XLSX } from '../../http/contract.js';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { certificatesResponses } from './certificates.contract.js';
import { readSkillUpload, skillWorkbook } from './skill-import.js';
import { receiveUpload } from '../../http/upload.js';

const tags = ['certificates'];
const IdParams = StrictObject({ id: Type.String({ minLength: 1, maxLength: 64 }) });
// A number as typed or scanned (spaces and hyphens allowed); anything longer is no certificate number.
const NumberParams = StrictObject({ number: Type.String({ minLength: 1, maxLength: 40 }) });

/** RFC 6266 attachment header: an ASCII fallback name and the real name in UTF-8. */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function certificateRoutes(app: App, services: Services) {
  // Looked up per call, so tests can swap the service (fake assessment results).
  const certificates = () => services.certificates;
  const skills = () => services.skillCertificates;
  const session = { access: 'session' as const };

  app.get(
    '/certificates',
    {
      config: session,
      schema: {
        tags,
        summary: 'Training certificates in scope: the learner’s own, the institution’s, the region subtree’s',
        querystring: StrictObject({
          q: Type.Optional(Type.String({ maxLength: 50 })),
          status: Type.Optional(Type.Union([Type.Literal('valid'), Type.Literal('revoked')])),
          classId: Type.Optional(Type.String({ maxLength: 64 })),
          proposed: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
        response: certificatesResponses['GET /certificates'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...rest } = request.query;
      return certificates().list(requireActor(request), { ...rest, page, pageSize });
    },
  );
  app.get(
    '/certificates/counts',
    {
      config: session,
      schema: {
        tags,
        summary: 'Certificates in scope by status',
        response: certificatesResponses['GET /certificates/counts'],
      },
    },
    async (request) => certificates().counts(requireActor(request)),
  );
  app.get(
    '/certificates/:id',
    { config: session, schema: { tags, params: IdParams, response: certificatesResponses['GET /certificates/:id'] } },
    async (request) => ({ certificate: await certificates().get(requireActor(request), request.params.id) }),
  );
  app.get(
    '/certificates/:id/pdf',
    {
      config: session,
      schema: {
        tags,
        summary: 'The certificate as a PDF (signed; downloads by others than the holder are audited)',
        params: IdParams,
        response: certificatesResponses['GET /certificates/:id/pdf'],
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await certificates().pdf(
        requireActor(request),
        request.params.id,
        requestMeta(request),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachment(fileName, fileName))
        .header('cache-control', 'no-store')
        .send(bytes);
    },
  );
  app.post(
    '/certificates/:id/revoke',
    {
      config: session,
      schema: {
        tags,
        summary: 'Revoke a certificate with a reason (regulators of its region subtree)',
        params: IdParams,
        body: StrictObject({ reason: Type.String({ maxLength: 1000 }) }),
        response: certificatesResponses['POST /certificates/:id/revoke'],
      },
    },
    async (request) => ({
      certificate: await certificates().revoke(
        requireActor(request),
        request.params.id,
        request.body.reason,
        requestMeta(request),
      ),
    }),
  );
  app.get(
    '/classes/:id/certificates',
    {
      config: session,
      schema: {
        tags,
        summary: 'Certificates issued in a class and the learners refused, with their reasons',
        params: IdParams,
        response: certificatesResponses['GET /classes/:id/certificates'],
      },
    },
    async (request) => certificates().forClass(requireActor(request), request.params.id),
  );
  app.post(
    '/classes/:id/certificates/issue',
    {
      config: session,
      schema: {
        tags,
        summary: 'Assess a closed class again and issue to learners now eligible (closing the class does this once)',
        params: IdParams,
        response: certificatesResponses['POST /classes/:id/certificates/issue'],
      },
    },
    async (request) => certificates().issueForClass(requireActor(request), request.params.id, requestMeta(request)),
  );

  // ---- public: no sign-in, rate-limited per address ------------------------------------------------------------
  app.get(
    '/public/verify/:number',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Verify a training certificate by its number: status, masked holder, signed facts',
        params: NumberParams,
        response: certificatesResponses['GET /public/verify/:number'],
      },
    },
    async (request) => certificates().verifyPublic(request.params.number),
  );
  app.get(
    '/public/certificate-key',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The platform’s public key that checks certificate signatures (Ed25519, PEM)',
        response: certificatesResponses['GET /public/certificate-key'],
      },
    },
    async () => certificates().publicKey(),
  );

  // ---- skill-level certificates --------------------------------------------------------------------------------
  const SkillBody = StrictObject({
    number: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 60 }),
    idNumber: Type.String({ minLength: 1, maxLength: 40 }),
    occupationCode: Type.String({ minLength: 1, maxLength: 16 }),
    organisation: Type.String({ minLength: 1, maxLength: 100 }),
    issuedOn: Type.String({ minLength: 1, maxLength: 10 }),
  });
  app.get(
    '/skill-certificates',
    {
      config: session,
      schema: {
        tags,
        summary: 'Skill-level certificates in scope (the holder’s own; the regulator’s region)',
        querystring: StrictObject({ q: Type.Optional(Type.String({ maxLength: 50 })), ...Paging }),
        response: certificatesResponses['GET /skill-certificates'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, q } = request.query;
      return skills().list(requireActor(request), { q, page, pageSize });
    },
  );
  app.post(
    '/skill-certificates',
    {
      config: session,
      schema: {
        tags,
        summary: 'Record one skill-level certificate from an evaluation organisation',
        body: SkillBody,
        response: certificatesResponses['POST /skill-certificates'],
      },
    },
    async (request, reply) => {
      reply.code(201);
      return { certificate: await skills().record(requireActor(request), request.body, requestMeta(request)) };
    },
  );
  app.get(
    '/skill-certificates/template.xlsx',
    {
      config: session,
      schema: {
        tags,
        summary: 'The import template',
        response: certificatesResponses['GET /skill-certificates/template.xlsx'],
      },
    },
    async (_request, reply) =>
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachment('职业技能等级证书导入模板.xlsx', 'skill-certificates.xlsx'))
        .send(await skillWorkbook([])),
  );
  // The workbook arrives as the raw body in its own scope (any Content-Type), read under the upload limit.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/skill-certificates/import',
      {
        config: session,
        schema: {
          tags,
          summary: 'Check or import skill-level certificates from an Excel workbook, row by row',
          querystring: StrictObject({
            mode: Type.Union([Type.Literal('check'), Type.Literal('all'), Type.Literal('valid-only')]),
          }),
          response: certificatesResponses['POST /skill-certificates/import'],
        },
      },
      async (request, reply) => {
        const { mode } = request.query as { mode: 'check' | 'all' | 'valid-only' };
        return receiveUpload(request, reply, async ({ body, declaredBytes }) => {
          const bytes = await readSkillUpload(body, declaredBytes);
          return skills().importFile(requireActor(request), mode, bytes, requestMeta(request));
        });
      },
    );
  });
}
