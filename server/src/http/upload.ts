import type { FastifyReply, FastifyRequest } from 'fastify';

/** A file sent as the raw request body: the stream (not read yet) and the length its header declared, if any. */
export type RawUpload = { body: NodeJS.ReadableStream | null; declaredBytes: number | undefined };

/**
 * Hands a raw-body upload to `handle`. A refused upload (too large, wrong type, no permission) may not have been read
 * to its end: the answer is sent and the connection closed, rather than reading the rest of a body nobody wants.
 */
export async function receiveUpload<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  handle: (upload: RawUpload) => Promise<T>,
): Promise<T> {
  const length = Number(request.headers['content-length']);
  try {
    return await handle({
      body: (request.body as NodeJS.ReadableStream | undefined) ?? null,
      declaredBytes: Number.isSafeInteger(length) ? length : undefined,
    });
  } catch (error) {
    if (!request.raw.readableEnded) reply.header('connection', 'close');
    throw error;
  }
}
