import { mediaScope } from './media.policy.js';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely, Selectable } from 'kysely';
import { BlobNotFoundError, BlobTooLargeError, type BlobStore } from '../../adapters/blobs.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { declarePermissions, requirePermission } from '../../platform/access.js';
import type { Clock } from '../../platform/clock.js';
import type { UploadLimits } from '../../platform/config.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import { AppError, ERRORS, type ErrorCode } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditService } from '../audit/index.js';
import { requireActiveInstitution } from '../institutions/index.js';
import { Type } from 'typebox';
import type { MediaTable } from '../catalog/index.js';
import { defineJob, type JobContext, type LocalJobRunner } from '../jobs/index.js';
import { MediaProbeError, MediaTranscodeError, transcodeVideo } from './ffmpeg.js';
import { PdfInvalidError, pdfPageCount } from './pdf.js';
import { SNIFF_BYTES, sniffMedia } from './sniff.js';
import { cleanFileName } from '../../platform/file-name.js';

export const mediaPermissions = declarePermissions({
  'media.author': ['institution_admin', 'teacher', 'operator'],
});

type MediaRow = Selectable<MediaTable>;
export type MediaOwner = { institutionId: string | null; userId: string | null };

export type MediaView = {
  id: string;
  kind: 'video' | 'document';
  originalName: string;
  mime: string;
  size: number;
  status: MediaRow['status'];
  progress: number;
  durationSeconds: number | null;
  width: number | null;
  height: number | null;
  pageCount: number | null;
  error: string | null;
  errorCode: ErrorCode | null;
  createdAt: string;
  posterUrl: string | null;
  videoUrl: string | null;
  hlsUrl: string | null;
  documentUrl: string | null;
};

/** A file the caller may read; `open` streams all of it or an inclusive byte range. */
export type MediaFile = {
  contentType: string;
  size: number;
  etag: string;
  open: (range?: { start: number; end: number }) => Promise<NodeJS.ReadableStream>;
};

const MAX_ATTEMPTS = 2;
// Long lectures on a slow machine take a while; the lease outlives the timeout so a healthy run is never taken over.
const TRANSCODE_TIMEOUT_MS = 3 * 60 * 60 * 1000;
const LEASE_SECONDS = 4 * 60 * 60;

/** Transcodes an uploaded video (registered in jobs.registry.ts). */
export const MEDIA_JOB = defineJob({
  id: 'media.process',
  payload: Type.Object({ mediaId: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  maxAttempts: MAX_ATTEMPTS,
  leaseSeconds: LEASE_SECONDS,
  handler: ({ mediaId }, { services, attempt }: JobContext<{ media: MediaService }>) =>
    services.media.process(mediaId, attempt),
});
// Progress is shown while transcoding; the last points are for storing the outputs.
const TRANSCODE_SHARE = 95;

const HLS_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*\.(m3u8|ts)$/;
const CONTENT_TYPES: Record<string, string> = {
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  pdf: 'application/pdf',
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
};

const keys = {
  dir: (id: string) => `media/${id}`,
  original: (id: string) => `media/${id}/original`,
  video: (id: string) => `media/${id}/video.mp4`,
  poster: (id: string) => `media/${id}/poster.jpg`,
  hls: (id: string, name = '') => (name ? `media/${id}/hls/${name}` : `media/${id}/hls`),
};

/** Blob and media-pipeline failures as coded API errors. */
export function mediaError(error: unknown): unknown {
  if (error instanceof BlobTooLargeError) {
    return new AppError('MEDIA_TOO_LARGE', {
      params: { limitMb: toMb(error.maxBytes) },
      details: { maxBytes: error.maxBytes },
    });
  }
  if (error instanceof BlobNotFoundError) return new AppError('MEDIA_FILE_MISSING');
  if (error instanceof PdfInvalidError)
    return new AppError('MEDIA_INVALID_DOCUMENT', { details: { reason: error.message } });
  if (error instanceof MediaProbeError) return new AppError('MEDIA_UNREADABLE', { details: { reason: error.message } });
  return error;
}

const toMb = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 100) / 100;

/** Keeps only a display name: no folders (browsers send "C:\fakepath\…"), no control characters. */
/** Failure reason stored on the row as `CODE: detail`, so clients can localise by code and still see the cause. */
function failureReason(error: unknown): string {
  const lastLine = (text: string | undefined) => text?.trim().split('\n').pop()?.slice(0, 200);
  let code: ErrorCode = 'MEDIA_PROCESSING_FAILED';
  let detail: string;
  if (error instanceof MediaProbeError) {
    code = 'MEDIA_UNREADABLE';
    detail = [error.message, lastLine(error.detail)].filter(Boolean).join(': ');
  } else if (error instanceof MediaTranscodeError) detail = error.message;
  else if ((error as Error)?.name === 'TimeoutError') detail = 'Processing took too long';
  else detail = String((error as Error)?.message ?? error);
  // ffmpeg names its input; server paths are nobody's business.
  return `${code}: ${detail.replace(/(?:file:)?(?:\/[^\s/:]+)+\/?/g, '<file>')}`.slice(0, 480);
}

function parseError(stored: string | null): { code: ErrorCode | null; message: string | null } {
  if (!stored) return { code: null, message: null };
  const match = /^([A-Z_]+): ([\s\S]*)$/.exec(stored);
  if (match && match[1] in ERRORS) return { code: match[1] as ErrorCode, message: match[2] };
  return { code: 'MEDIA_PROCESSING_FAILED', message: stored };
}

/**
 * Reads the first `bytes` of an upload and returns them with a stream replaying everything. Destroying the returned
 * stream (the blob store does when a limit is hit) leaves the source alone, so the HTTP layer can still answer on the
 * request's socket instead of resetting it.
 */
async function peek(source: NodeJS.ReadableStream, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = (source as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    chunks.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(chunks);
  let headSent = head.length === 0;
  const stream = new Readable({
    read() {
      if (!headSent) {
        headSent = true;
        this.push(head);
        return;
      }
      if (ended) {
        this.push(null);
        return;
      }
      iterator.next().then(
        (next) => {
          if (next.done) {
            ended = true;
            this.push(null);
          } else this.push(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
  return { head, stream };
}

/** The API shape of a media row; file URLs appear once the files exist. */
export function mediaRowToMedia(row: MediaRow): MediaView {
  const ready = row.status === 'ready';
  const base = `/api/media/${row.id}`;
  const video = row.kind === 'video' && ready;
  const error = parseError(row.error);
  return {
    id: row.id,
    kind: row.kind,
    originalName: row.original_name,
    mime: row.mime,
    size: Number(row.size),
    status: row.status,
    progress: Number(row.progress),
    durationSeconds: row.duration_ms === null ? null : Number(row.duration_ms) / 1000,
    width: row.width,
    height: row.height,
    pageCount: row.page_count,
    error: error.message,
    errorCode: error.code,
    createdAt: row.created_at,
    posterUrl: video ? `${base}/poster.jpg` : null,
    videoUrl: video ? `${base}/video.mp4` : null,
    hlsUrl: video ? `${base}/hls/index.m3u8` : null,
    documentUrl: row.kind === 'document' && ready ? `${base}/document.pdf` : null,
  };
}

/** Media an author manages: operators the platform's own (institution null), others their institution's. */
function ownsMedia(actor: Actor | null, row: { institution_id: string | null }): boolean {
  return !!actor && mediaScope.allows(actor, row);
}

export class MediaService {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      audit: AuditService;
      jobs: LocalJobRunner;
      blobs: BlobStore;
      uploads: UploadLimits;
      log?: { info: (obj: object, msg?: string) => void; error: (obj: object, msg?: string) => void };
    },
  ) {}

  // ---- upload ----------------------------------------------------------------------------------------------

  /** Stores an upload streamed from the client. `declaredBytes` (Content-Length) lets oversized files fail early. */
  async upload(
    actor: Actor,
    input: { name: string; body: NodeJS.ReadableStream | null; declaredBytes?: number },
    meta: RequestMeta,
  ): Promise<MediaView> {
    requirePermission(actor, mediaPermissions['media.author']);
    await requireActiveInstitution(this.deps.db, actor);
    const institutionId = actor.role === 'operator' ? null : actor.institutionId;
    if (actor.role !== 'operator' && !institutionId) throw new AppError('FORBIDDEN');
    if (!input.body) throw new AppError('MEDIA_EMPTY');
    const row = await this.store({ institutionId, userId: actor.userId }, input.body, input.name, {
      actor,
      meta,
      declaredBytes: input.declaredBytes,
    });
    return mediaRowToMedia(row);
  }

  /** The same as an upload, from a local file and without an actor (demo seed, import scripts). */
  async ingestFile(
    owner: MediaOwner,
    filePath: string,
    originalName: string,
  ): Promise<{ id: string; kind: 'video' | 'document' }> {
    const { size } = await fs.stat(filePath);
    const source = createReadStream(filePath);
    try {
      const row = await this.store(owner, source, originalName, { actor: null, declaredBytes: size });
      return { id: row.id, kind: row.kind };
    } finally {
      source.destroy();
    }
  }

  private async store(
    owner: MediaOwner,
    source: NodeJS.ReadableStream,
    name: string,
    context: { actor: Actor | null; meta?: RequestMeta; declaredBytes?: number },
  ): Promise<MediaRow> {
    const { db, blobs, uploads, clock, jobs, audit } = this.deps;
    // The kind comes from the content, never from the name or the client's Content-Type.
    const { head, stream } = await peek(source, SNIFF_BYTES);
    if (head.length === 0) throw new AppError('MEDIA_EMPTY');
    const sniffed = await sniffMedia(head);
    if (!sniffed) throw new AppError('MEDIA_TYPE_NOT_ALLOWED');
    const maxBytes = sniffed.kind === 'video' ? uploads.videoBytes : uploads.documentBytes;
    if (context.declaredBytes !== undefined && context.declaredBytes > maxBytes)
      throw mediaError(new BlobTooLargeError(maxBytes));

    const id = newId();
    let stored: { size: number; sha256: string };
    try {
      stored = await blobs.put(keys.original(id), stream, { maxBytes });
    } catch (error) {
      // put removes its temporary file; nothing of this upload remains.
      throw mediaError(error);
    }
    try {
      const pageCount = sniffed.kind === 'document' ? await this.countPages(keys.original(id)) : null;
      const now = clock.now().toISOString();
      const row: MediaRow = {
        id,
        institution_id: owner.institutionId,
        kind: sniffed.kind,
        original_name: cleanFileName(name),
        mime: sniffed.mime,
        size: stored.size,
        sha256: stored.sha256,
        status: sniffed.kind === 'video' ? 'processing' : 'ready',
        progress: sniffed.kind === 'video' ? 0 : 100,
        duration_ms: null,
        width: null,
        height: null,
        page_count: pageCount,
        error: null,
        created_by: owner.userId,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('media').values(row).execute();
        if (row.kind === 'video') await jobs.enqueue(trx, MEDIA_JOB, { mediaId: id });
        await audit.record(trx, {
          actor: context.actor,
          action: 'media.uploaded',
          targetType: 'media',
          targetId: id,
          institutionId: owner.institutionId,
          regionCode: context.actor?.regionCode ?? null,
          meta: context.meta,
          details: {
            kind: row.kind,
            name: row.original_name,
            size: row.size,
            sha256: row.sha256,
            ...(context.actor ? {} : { source: 'ingest', createdBy: owner.userId }),
          },
        });
      });
      return row;
    } catch (error) {
      await blobs.delete(keys.dir(id));
      throw mediaError(error);
    }
  }

  private async countPages(key: string): Promise<number> {
    const local = this.deps.blobs.localPath(key);
    if (local) return pdfPageCount(local);
    // Remote stores: the document limit bounds what is held in memory.
    const chunks: Buffer[] = [];
    for await (const chunk of (await this.deps.blobs.open(key)) as AsyncIterable<Buffer>) chunks.push(chunk);
    return pdfPageCount(Buffer.concat(chunks));
  }

  // ---- processing (job) ------------------------------------------------------------------------------------

  /** One run of MEDIA_JOB. */
  async process(mediaId: string, attempt: number): Promise<void> {
    const { db, blobs, log } = this.deps;
    const row = await db.selectFrom('media').selectAll().where('id', '=', mediaId).executeTakeFirst();
    if (!row || row.kind !== 'video' || row.status === 'ready' || row.status === 'failed') return;
    await this.update(db, mediaId, { status: 'processing', progress: 0, error: null });

    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-media-'));
    let written = 0;
    let writtenAt = performance.now();
    let writes = Promise.resolve();
    const onProgress = (fraction: number) => {
      const value = Math.floor(fraction * TRANSCODE_SHARE);
      // Throttled (wall time, not business time): a DB write per 5 points or per second at most.
      if (value <= written || (value - written < 5 && performance.now() - writtenAt < 1000)) return;
      written = value;
      writtenAt = performance.now();
      writes = writes
        .then(() => this.setProgress(mediaId, value))
        .catch((err: unknown) => log?.error({ err, mediaId }, 'progress update failed'));
    };
    try {
      let input = blobs.localPath(keys.original(mediaId));
      if (!input) {
        input = path.join(work, 'original');
        await pipeline(await blobs.open(keys.original(mediaId)), createWriteStream(input));
      }
      const result = await transcodeVideo({
        input,
        outDir: path.join(work, 'out'),
        onProgress,
        signal: AbortSignal.timeout(TRANSCODE_TIMEOUT_MS),
      });
      if (!(result.durationSeconds > 0)) throw new MediaProbeError('The video has no duration');
      await writes;
      await this.deleteOutputs(mediaId);
      await blobs.putFile(keys.video(mediaId), result.mp4);
      await blobs.putFile(keys.poster(mediaId), result.poster);
      for (const file of result.hlsFiles) await blobs.putFile(keys.hls(mediaId, path.basename(file)), file);
      await this.update(db, mediaId, {
        status: 'ready',
        progress: 100,
        duration_ms: Math.round(result.durationSeconds * 1000),
        width: result.width,
        height: result.height,
        error: null,
      });
    } catch (error) {
      await writes;
      if (attempt < MAX_ATTEMPTS) throw error;
      await this.deleteOutputs(mediaId);
      await this.update(db, mediaId, { status: 'failed', error: failureReason(error) });
      // Rethrown so the job row ends 'failed' too; the runner logs it.
      throw error;
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }

  private async setProgress(id: string, progress: number): Promise<void> {
    await this.deps.db
      .updateTable('media')
      .set({ progress, updated_at: this.deps.clock.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'processing')
      .execute();
  }

  private async update(db: DbOrTrx, id: string, values: Partial<Omit<MediaRow, 'id'>>): Promise<void> {
    await db
      .updateTable('media')
      .set({ ...values, updated_at: this.deps.clock.now().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  private async deleteOutputs(id: string): Promise<void> {
    const { blobs } = this.deps;
    await Promise.all([blobs.delete(keys.video(id)), blobs.delete(keys.poster(id)), blobs.delete(keys.hls(id))]);
  }

  // ---- reading ---------------------------------------------------------------------------------------------

  async list(
    actor: Actor,
    query: { kind?: 'video' | 'document'; status?: MediaRow['status']; page: number; pageSize: number },
  ): Promise<{ items: MediaView[]; total: number }> {
    requirePermission(actor, mediaPermissions['media.author']);
    let qb = this.deps.db.selectFrom('media').where((eb) => mediaScope.where(eb, actor));
    if (query.kind) qb = qb.where('kind', '=', query.kind);
    if (query.status) qb = qb.where('status', '=', query.status);
    const { n } = await qb.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await qb
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(mediaRowToMedia), total: Number(n) };
  }

  async get(actor: Actor, id: string): Promise<MediaView> {
    return mediaRowToMedia(await this.readable(actor, id, false));
  }

  /**
   * A file of a media item, after the read rule. `name` is `video.mp4`, `poster.jpg`, `document.pdf` or `hls/<file>`;
   * `actor` is null for anonymous poster requests.
   */
  async file(actor: Actor | null, id: string, name: string): Promise<MediaFile> {
    const row = await this.readable(actor, id, name === 'poster.jpg');
    let key: string;
    if (name === 'video.mp4' && row.kind === 'video') key = keys.video(id);
    else if (name === 'poster.jpg' && row.kind === 'video') key = keys.poster(id);
    // PDFs are served as uploaded; a converted copy would live beside the original if other formats come.
    else if (name === 'document.pdf' && row.kind === 'document') key = keys.original(id);
    else if (name.startsWith('hls/') && HLS_NAME.test(name.slice(4)) && row.kind === 'video')
      key = keys.hls(id, name.slice(4));
    else throw new AppError('NOT_FOUND');
    if (row.status !== 'ready') throw new AppError('MEDIA_NOT_READY', { details: { status: row.status } });

    const stat = await this.deps.blobs.stat(key);
    if (!stat) throw new AppError(name.startsWith('hls/') ? 'NOT_FOUND' : 'MEDIA_FILE_MISSING');
    const blobs = this.deps.blobs;
    return {
      contentType: CONTENT_TYPES[name.slice(name.lastIndexOf('.') + 1)],
      size: stat.size,
      // Outputs never change once ready; the row's last change and the size identify this version.
      etag: `"${Date.parse(row.updated_at).toString(36)}-${stat.size.toString(36)}"`,
      open: async (range) => {
        try {
          return await blobs.open(key, range);
        } catch (error) {
          throw mediaError(error);
        }
      },
    };
  }

  /**
   * The read rule: owners (and operators) always; any signed-in user once the media is used by a lesson of a
   * published course; anonymous visitors only the poster of such media (catalogue cards). Everything else is 404.
   * TODO(learning engine): limit the signed-in case to learners enrolled in such a course.
   */
  private async readable(actor: Actor | null, id: string, poster: boolean): Promise<MediaRow> {
    const row = await this.deps.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (ownsMedia(actor, row) || actor?.role === 'operator') return row;
    if ((actor || poster) && (await this.usedByPublishedCourse(id))) return row;
    throw new AppError('NOT_FOUND');
  }

  private async usedByPublishedCourse(mediaId: string): Promise<boolean> {
    const hit = await this.deps.db
      .selectFrom('lessons')
      .innerJoin('courses', 'courses.id', 'lessons.course_id')
      .select('lessons.id')
      .where('lessons.media_id', '=', mediaId)
      .where('courses.status', '=', 'published')
      .limit(1)
      .executeTakeFirst();
    return !!hit;
  }
}
