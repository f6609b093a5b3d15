import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { Paging, StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { AppError } from '../../platform/errors.js';
import type { Services } from '../../services.js';
import type { MediaFile } from './media.service.js';
import { mediaResponses } from './media.contract.js';
import { receiveUpload } from '../../http/upload.js';

const tags = ['media'];
const IdParams = StrictObject({ id: Type.String({ maxLength: 64 }) });

/**
 * A single `bytes=` range (RFC 9110 §14.1.2) against a representation of `size` bytes, end inclusive.
 * `undefined`: no usable Range (absent, another unit, or several ranges, which a server may ignore) — send it all.
 * `null`: a bytes range that is malformed or cannot be satisfied — 416.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | undefined {
  if (!header) return undefined;
  const unit = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!unit) return undefined;
  const specs = unit[1].split(',').map((s) => s.trim());
  if (specs.length !== 1) return undefined;
  const spec = /^(\d*)-(\d*)$/.exec(specs[0]);
  if (!spec || (spec[1] === '' && spec[2] === '') || size === 0) return null;
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    return suffix > 0 ? { start: Math.max(0, size - suffix), end: size - 1 } : null;
  }
  const start = Number(spec[1]);
  const last = spec[2] === '' ? size - 1 : Number(spec[2]);
  if (!Number.isSafeInteger(start) || start >= size || last < start) return null;
  return { start, end: Math.min(last, size - 1) };
}

async function sendFile(request: FastifyRequest, reply: FastifyReply, file: MediaFile) {
  const ifRange = request.headers['if-range'];
  // If-Range with another version: the client's partial copy is stale, so it gets the whole file.
  const range = ifRange && ifRange !== file.etag ? undefined : parseByteRange(request.headers.range, file.size);
  if (range === null) {
    reply.header('content-range', `bytes */${file.size}`);
    throw new AppError('RANGE_NOT_SATISFIABLE', { details: { size: file.size } });
  }
  // Private: whether a file may be read depends on who asks and on the course's state.
  reply.header('accept-ranges', 'bytes').header('etag', file.etag).header('cache-control', 'private, max-age=3600');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  reply.header('content-type', file.contentType);
  if (range) {
    reply
      .code(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
      .header('content-length', range.end - range.start + 1);
  } else {
    reply.header('content-length', file.size);
  }
  // HEAD: the headers are the answer; an empty stream keeps Fastify from reading the file only to discard it.
  return reply.send(request.method === 'HEAD' ? Readable.from([]) : await file.open(range));
}

export function mediaRoutes(app: App, services: Services) {
  const { media } = services;

  // Uploads get their own scope: any Content-Type arrives as the raw stream, and Fastify's bodyLimit does not apply
  // (the service enforces the per-kind limits while streaming to the blob store).
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    scope.post(
      '/media',
      {
        config: { access: 'session' },
        schema: {
          tags,
          summary: 'Upload a video or PDF as the raw request body; the type is decided by the content',
          querystring: StrictObject({ name: Type.String({ minLength: 1, maxLength: 255 }) }),
          response: mediaResponses['POST /media'],
        },
      },
      async (request, reply) => {
        const { name } = request.query as { name: string };
        const view = await receiveUpload(request, reply, (upload) =>
          media.upload(requireActor(request), { name, ...upload }, requestMeta(request)),
        );
        return reply.code(201).send({ media: view });
      },
    );
  });

  app.get(
    '/media',
    {
      config: { access: 'session' },
      schema: {
        tags,
        summary: 'Media of the caller’s institution (operators: platform media), newest first',
        querystring: StrictObject({
          kind: Type.Optional(Type.Union([Type.Literal('video'), Type.Literal('document')])),
          status: Type.Optional(
            Type.Union([
              Type.Literal('uploaded'),
              Type.Literal('processing'),
              Type.Literal('ready'),
              Type.Literal('failed'),
            ]),
          ),
          ...Paging,
        }),
        response: mediaResponses['GET /media'],
      },
    },
    async (request) => {
      const { page = 1, pageSize = 20, ...filters } = request.query;
      return media.list(requireActor(request), { ...filters, page, pageSize });
    },
  );

  app.get(
    '/media/:id',
    { config: { access: 'session' }, schema: { tags, params: IdParams, response: mediaResponses['GET /media/:id'] } },
    async (request) => ({
      media: await media.get(requireActor(request), request.params.id),
    }),
  );

  for (const name of ['video.mp4', 'document.pdf'] as const) {
    app.get(
      `/media/:id/${name}`,
      {
        config: { access: 'session' },
        schema: { tags, params: IdParams, response: mediaResponses['GET /media/:id/{name}'] },
      },
      async (request, reply) =>
        sendFile(request, reply, await media.file(requireActor(request), request.params.id, name)),
    );
  }

  app.get(
    '/media/:id/hls/:file',
    {
      config: { access: 'session' },
      schema: {
        tags,
        params: StrictObject({ id: Type.String({ maxLength: 64 }), file: Type.String({ maxLength: 64 }) }),
        response: mediaResponses['GET /media/:id/hls/:file'],
      },
    },
    async (request, reply) =>
      sendFile(
        request,
        reply,
        await media.file(requireActor(request), request.params.id, `hls/${request.params.file}`),
      ),
  );

  app.get(
    '/media/:id/poster.jpg',
    {
      // Optional session: an author sees the poster of an unpublished video, everyone that of a published course.
      config: { access: 'optional' },
      schema: {
        tags,
        summary: 'Poster frame; public once the video is part of a published course',
        params: IdParams,
        response: mediaResponses['GET /media/:id/poster.jpg'],
      },
    },
    async (request, reply) =>
      sendFile(request, reply, await media.file(request.actor, request.params.id, 'poster.jpg')),
  );
}
