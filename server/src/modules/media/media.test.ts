import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { makeDemoPdf, makeTestPatternVideo, probeMedia } from './index.js';
import { parseByteRange } from './media.routes.js';

// The media pipeline through HTTP: upload (type by content, limits), the transcoding job, scoped reading and byte
// ranges. Jobs run only when a test drains them.

let dir: string;
let p: TestPlatform;
const s = {} as Record<'adminA' | 'teacherA' | 'adminB' | 'operator' | 'learnerA' | 'regulator', Session>;
const files = {} as Record<'mp4' | 'webm' | 'pdf' | 'corrupt', Buffer>;
const VIDEO_SECONDS = 3;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-media-http-'));
  await Promise.all([
    makeTestPatternVideo({ out: path.join(dir, 'tone.mp4'), seconds: VIDEO_SECONDS }),
    makeTestPatternVideo({ out: path.join(dir, 'clip.webm'), seconds: 2, width: 320, height: 240, container: 'webm' }),
  ]);
  files.mp4 = await fs.readFile(path.join(dir, 'tone.mp4'));
  files.webm = await fs.readFile(path.join(dir, 'clip.webm'));
  files.pdf = await makeDemoPdf({ title: 'Safety handbook', pages: 3 });
  // A genuine MP4 `ftyp` box (so it sniffs as video) followed by noise no decoder can read.
  files.corrupt = Buffer.concat([files.mp4.subarray(0, files.mp4.readUInt32BE(0)), randomBytes(64 * 1024)]);

  p = await createTestPlatform();
  s.adminA = await login(p, DEMO.adminA);
  s.teacherA = await login(p, DEMO.teacherA);
  s.adminB = await login(p, DEMO.adminB);
  s.operator = await login(p, DEMO.operator);
  s.learnerA = await login(p, DEMO.learnerA);
  s.regulator = await login(p, DEMO.xihuRegulator);
});

afterAll(async () => {
  await p?.drop();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

async function upload(platform: TestPlatform, session: Session, name: string, payload: Buffer | Readable) {
  const res = await platform.app.inject({
    method: 'POST',
    url: `/api/media?name=${encodeURIComponent(name)}`,
    payload,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
  });
  return { status: res.statusCode, body: res.json<any>(), headers: res.headers };
}

async function get(url: string, session: Session | null, headers: Record<string, string> = {}) {
  return p.app.inject({ method: 'GET', url, headers: { ...(session ? { cookie: session.cookie } : {}), ...headers } });
}

async function storedState(platform: TestPlatform) {
  const rows = await platform.database.db
    .selectFrom('media')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const tmp = await fs
    .readdir(path.join(platform.services.infra.blobs.localPath('media')!, '..', '.tmp'))
    .catch(() => []);
  return { rows: Number(rows.n), blobs: await platform.services.infra.blobs.list('media'), tmp };
}

/** Puts the media into a lesson of a course with the given status (course authoring is another module's job). */
async function useInCourse(mediaId: string, institutionId: string | null, status: 'draft' | 'published') {
  const db = p.database.db;
  const now = p.clock.now().toISOString();
  const courseId = newId();
  const chapterId = newId();
  await db
    .insertInto('courses')
    .values({
      id: courseId,
      institution_id: institutionId,
      occupation_code: null,
      level: null,
      category_code: null,
      general_module_code: null,
      title: 'Test course',
      summary: '',
      status,
      search_tokens: '',
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.insertInto('chapters').values({ id: chapterId, course_id: courseId, title: 'Chapter', sort: 1 }).execute();
  await db
    .insertInto('lessons')
    .values({
      id: newId(),
      course_id: courseId,
      chapter_id: chapterId,
      title: 'Lesson',
      kind: 'video',
      media_id: mediaId,
      document_minutes: null,
      sort: 1,
    })
    .execute();
  return courseId;
}

describe('video upload, processing and playback', () => {
  let id = '';

  it('stores the upload, queues processing and records sha256, size and the audit entry', async () => {
    const res = await upload(p, s.teacherA, 'Lesson 1.mp4', files.mp4);
    expect(res.status).toBe(201);
    const media = res.body.media;
    id = media.id;
    expect(media).toMatchObject({
      kind: 'video',
      originalName: 'Lesson 1.mp4',
      mime: 'video/mp4',
      size: files.mp4.length,
      status: 'processing',
      progress: 0,
      durationSeconds: null,
      videoUrl: null,
      posterUrl: null,
      hlsUrl: null,
      documentUrl: null,
      error: null,
    });
    const row = await p.database.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.sha256).toBe(createHash('sha256').update(files.mp4).digest('hex'));
    expect(row.institution_id).toBe((await call(p, s.teacherA, 'GET', '/api/auth/me')).body.user.institutionId);
    const job = await p.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('type', '=', 'media.process')
      .where('payload', 'like', `%${id}%`)
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('queued');
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'media.uploaded')
      .where('target_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(s.teacherA.userId);
    expect(await p.services.infra.blobs.list(`media/${id}`)).toEqual([`media/${id}/original`]);

    expect((await get(`/api/media/${id}/video.mp4`, s.teacherA)).json().error.code).toBe('MEDIA_NOT_READY');
  });

  it('transcodes with the job runner and reports the probed duration', async () => {
    expect(await p.services.jobs.drain()).toBeGreaterThanOrEqual(1);
    const { status, body } = await call(p, s.adminA, 'GET', `/api/media/${id}`);
    expect(status).toBe(200);
    expect(body.media).toMatchObject({
      status: 'ready',
      progress: 100,
      width: 640,
      height: 360,
      error: null,
      posterUrl: `/api/media/${id}/poster.jpg`,
      videoUrl: `/api/media/${id}/video.mp4`,
      hlsUrl: `/api/media/${id}/hls/index.m3u8`,
    });
    expect(body.media.durationSeconds).toBeCloseTo(VIDEO_SECONDS, 0);
    const row = await p.database.db
      .selectFrom('media')
      .select('duration_ms')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Math.abs(Number(row.duration_ms) - VIDEO_SECONDS * 1000)).toBeLessThan(200);
  });

  it('serves the poster, the MP4 and the HLS rendition with their content types', async () => {
    const poster = await get(`/api/media/${id}/poster.jpg`, s.teacherA);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect([...poster.rawPayload.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    const mp4 = await get(`/api/media/${id}/video.mp4`, s.teacherA);
    expect(mp4.statusCode).toBe(200);
    expect(mp4.headers['content-type']).toBe('video/mp4');
    expect(mp4.headers['accept-ranges']).toBe('bytes');
    expect(Number(mp4.headers['content-length'])).toBe(mp4.rawPayload.length);
    expect(mp4.headers['cache-control']).toContain('private');
    const out = path.join(dir, 'served.mp4');
    await fs.writeFile(out, mp4.rawPayload);
    const info = await probeMedia(out);
    expect(info.videoCodec).toBe('h264');
    expect(info.durationSeconds).toBeCloseTo(VIDEO_SECONDS, 0);

    const playlist = await get(`/api/media/${id}/hls/index.m3u8`, s.teacherA);
    expect(playlist.statusCode).toBe(200);
    expect(playlist.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(playlist.body.startsWith('#EXTM3U')).toBe(true);
    const segments = playlist.body.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(segments.length).toBeGreaterThan(0);
    for (const segment of segments) {
      expect(segment).toMatch(/^[\w-]+\.ts$/);
      const ts = await get(`/api/media/${id}/hls/${segment}`, s.teacherA);
      expect(ts.statusCode).toBe(200);
      expect(ts.headers['content-type']).toBe('video/mp2t');
      expect(ts.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte
    }
    for (const name of ['missing.ts', 'video.mp4', '..%2Fvideo.mp4', 'index.m3u8.bak', '.hidden.ts']) {
      expect((await get(`/api/media/${id}/hls/${name}`, s.teacherA)).statusCode).toBe(404);
    }
    // A video has no document, and the MP4 is not a document either.
    expect((await get(`/api/media/${id}/document.pdf`, s.teacherA)).statusCode).toBe(404);
  });

  it('answers byte ranges with 206 and the exact bytes, and unsatisfiable ranges with 416', async () => {
    const full = (await get(`/api/media/${id}/video.mp4`, s.teacherA)).rawPayload;
    const size = full.length;

    const middle = await get(`/api/media/${id}/video.mp4`, s.teacherA, { range: 'bytes=100-1123' });
    expect(middle.statusCode).toBe(206);
    expect(middle.headers['content-range']).toBe(`bytes 100-1123/${size}`);
    expect(middle.headers['content-length']).toBe('1024');
    expect(middle.rawPayload.equals(full.subarray(100, 1124))).toBe(true);

    const open = await get(`/api/media/${id}/video.mp4`, s.teacherA, { range: `bytes=${size - 10}-` });
    expect(open.statusCode).toBe(206);
    expect(open.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(open.rawPayload.equals(full.subarray(size - 10))).toBe(true);

    const suffix = await get(`/api/media/${id}/video.mp4`, s.teacherA, { range: 'bytes=-50' });
    expect(suffix.statusCode).toBe(206);
    expect(suffix.rawPayload.equals(full.subarray(size - 50))).toBe(true);

    const clamped = await get(`/api/media/${id}/video.mp4`, s.teacherA, { range: `bytes=0-${size + 1000}` });
    expect(clamped.statusCode).toBe(206);
    expect(clamped.headers['content-range']).toBe(`bytes 0-${size - 1}/${size}`);

    for (const range of [`bytes=${size}-`, 'bytes=500-100', 'bytes=abc', 'bytes=-0']) {
      const bad = await get(`/api/media/${id}/video.mp4`, s.teacherA, { range });
      expect(bad.statusCode, range).toBe(416);
      expect(bad.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
      expect(bad.headers['content-range']).toBe(`bytes */${size}`);
    }

    const head = await p.app.inject({
      method: 'HEAD',
      url: `/api/media/${id}/video.mp4`,
      headers: { cookie: s.teacherA.cookie },
    });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(size));
    expect(head.rawPayload.length).toBe(0);

    const etag = String(middle.headers.etag);
    expect((await get(`/api/media/${id}/video.mp4`, s.teacherA, { 'if-none-match': etag })).statusCode).toBe(304);
    // A stale If-Range gets the whole file instead of a piece of another version.
    const stale = await get(`/api/media/${id}/video.mp4`, s.teacherA, { range: 'bytes=0-9', 'if-range': '"other"' });
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.length).toBe(size);
  });

  it('transcodes a VP8 WebM into H.264 MP4', async () => {
    const res = await upload(p, s.adminA, 'clip.webm', files.webm);
    expect(res.status).toBe(201);
    expect(res.body.media.mime).toBe('video/webm');
    await p.services.jobs.drain();
    const { body } = await call(p, s.adminA, 'GET', `/api/media/${res.body.media.id}`);
    expect(body.media).toMatchObject({ status: 'ready', width: 320, height: 240 });
    const mp4 = await get(body.media.videoUrl, s.adminA);
    const out = path.join(dir, 'from-webm.mp4');
    await fs.writeFile(out, mp4.rawPayload);
    const info = await probeMedia(out);
    expect(info.videoCodec).toBe('h264');
    expect(info.audioCodec).toBe('aac');
    expect(info.durationSeconds).toBeCloseTo(2, 0);
  });
});

describe('type by content and refused uploads', () => {
  it('takes a PDF named .mp4 as a document with its page count, ready at once', async () => {
    const res = await upload(p, s.teacherA, 'not-a-video.mp4', files.pdf);
    expect(res.status).toBe(201);
    const media = res.body.media;
    expect(media).toMatchObject({
      kind: 'document',
      mime: 'application/pdf',
      status: 'ready',
      pageCount: 3,
      documentUrl: `/api/media/${media.id}/document.pdf`,
      videoUrl: null,
    });
    const jobs = await p.database.db
      .selectFrom('jobs')
      .select('id')
      .where('payload', 'like', `%${media.id}%`)
      .execute();
    expect(jobs).toEqual([]);
    const doc = await get(media.documentUrl, s.teacherA);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.rawPayload.equals(files.pdf)).toBe(true);
    expect((await get(`/api/media/${media.id}/video.mp4`, s.teacherA)).statusCode).toBe(404);
  });

  it('refuses text, empty bodies and broken PDFs whatever their name, keeping nothing', async () => {
    const before = await storedState(p);
    const text = await upload(
      p,
      s.teacherA,
      'lesson.mp4',
      Buffer.from('just some text pretending to be a video\n'.repeat(200)),
    );
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
    expect(text.body.error.messages['zh-CN']).toContain('不支持');

    const empty = await upload(p, s.teacherA, 'empty.mp4', Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('MEDIA_EMPTY');

    const brokenPdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2000)]);
    const broken = await upload(p, s.teacherA, 'handbook.pdf', brokenPdf);
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('MEDIA_INVALID_DOCUMENT');

    expect(await storedState(p)).toEqual(before);
  });

  it('lets only authors upload and list', async () => {
    for (const session of [s.learnerA, s.regulator]) {
      const res = await upload(p, session, 'a.pdf', files.pdf);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect((await call(p, session, 'GET', '/api/media')).status).toBe(403);
    }
    const anonymous = await p.app.inject({
      method: 'POST',
      url: '/api/media?name=a.pdf',
      payload: files.pdf,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await p.app.inject({
      method: 'POST',
      url: '/api/media?name=a.pdf',
      payload: files.pdf,
      headers: { cookie: s.adminA.cookie, 'content-type': 'application/pdf' },
    });
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
  });
});

describe('scope', () => {
  let videoId = '';
  let institutionA = '';

  beforeAll(async () => {
    institutionA = (await call(p, s.adminA, 'GET', '/api/auth/me')).body.user.institutionId;
    const res = await upload(p, s.adminA, 'scoped.mp4', files.mp4);
    videoId = res.body.media.id;
    await p.services.jobs.drain();
  });

  it('lists the own institution’s media newest first; operators see platform media', async () => {
    const own = await call(p, s.adminA, 'GET', '/api/media?pageSize=2');
    expect(own.status).toBe(200);
    expect(own.body.items[0].id).toBe(videoId);
    expect(own.body.items).toHaveLength(2);
    expect(own.body.total).toBeGreaterThanOrEqual(4);
    const videos = await call(p, s.teacherA, 'GET', '/api/media?kind=video&status=ready&pageSize=200');
    expect(videos.body.items.every((m: any) => m.kind === 'video' && m.status === 'ready')).toBe(true);
    expect((await call(p, s.adminB, 'GET', '/api/media')).body).toEqual({ items: [], total: 0 });

    const institutionId = institutionA;
    const ingested = await p.services.media.ingestFile(
      { institutionId: null, userId: null },
      await writeTemp('guide.pdf', files.pdf),
      'guide.pdf',
    );
    expect(ingested.kind).toBe('document');
    const ingestedVideo = await p.services.media.ingestFile(
      { institutionId, userId: null },
      path.join(dir, 'tone.mp4'),
      'tone.mp4',
    );
    expect(ingestedVideo.kind).toBe('video');
    expect(
      (
        await p.database.db
          .selectFrom('jobs')
          .select('status')
          .where('payload', 'like', `%${ingestedVideo.id}%`)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('queued');
    const platform = await call(p, s.operator, 'GET', '/api/media');
    expect(platform.body.items.map((m: any) => m.id)).toEqual([ingested.id]);
    expect(platform.body.items[0].pageCount).toBe(3);
  });

  it('hides another institution’s media: 404 on metadata and files', async () => {
    expect((await call(p, s.adminB, 'GET', `/api/media/${videoId}`)).body.error.code).toBe('NOT_FOUND');
    for (const file of ['video.mp4', 'poster.jpg', 'hls/index.m3u8']) {
      expect((await get(`/api/media/${videoId}/${file}`, s.adminB)).statusCode, file).toBe(404);
    }
    expect((await call(p, s.adminB, 'GET', `/api/media/${newId()}`)).status).toBe(404);
    // Operators may always read, for support and review.
    expect((await get(`/api/media/${videoId}/video.mp4`, s.operator)).statusCode).toBe(200);
  });

  it('keeps unpublished media from learners and visitors, and opens it once a published course uses it', async () => {
    expect((await get(`/api/media/${videoId}/video.mp4`, s.learnerA)).statusCode).toBe(404);
    expect((await call(p, s.learnerA, 'GET', `/api/media/${videoId}`)).status).toBe(404);
    expect((await get(`/api/media/${videoId}/poster.jpg`, null)).statusCode).toBe(404);
    // The owner sees its own poster through the public route thanks to the optional session.
    expect((await get(`/api/media/${videoId}/poster.jpg`, s.adminA)).statusCode).toBe(200);

    await useInCourse(videoId, institutionA, 'draft');
    expect((await get(`/api/media/${videoId}/video.mp4`, s.learnerA)).statusCode).toBe(404);

    await useInCourse(videoId, institutionA, 'published');
    expect((await get(`/api/media/${videoId}/video.mp4`, s.learnerA)).statusCode).toBe(200);
    expect((await get(`/api/media/${videoId}/hls/index.m3u8`, s.learnerA)).statusCode).toBe(200);
    expect((await call(p, s.learnerA, 'GET', `/api/media/${videoId}`)).body.media.status).toBe('ready');
    const poster = await get(`/api/media/${videoId}/poster.jpg`, null);
    expect(poster.statusCode).toBe(200);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    // Files other than the poster still need a session.
    expect((await get(`/api/media/${videoId}/video.mp4`, null)).statusCode).toBe(401);
  });
});

describe('processing failures', () => {
  it('marks a file that sniffs as video but cannot be decoded as failed after the last attempt', async () => {
    const res = await upload(p, s.teacherA, 'broken.mp4', files.corrupt);
    expect(res.status).toBe(201);
    expect(res.body.media.kind).toBe('video');
    const id = res.body.media.id;

    await p.services.jobs.drain();
    const job = await p.database.db
      .selectFrom('jobs')
      .selectAll()
      .where('payload', 'like', `%${id}%`)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect((await call(p, s.teacherA, 'GET', `/api/media/${id}`)).body.media.status).toBe('processing');

    p.clock.advance(10 * 60_000); // past the retry backoff
    await p.services.jobs.drain();
    const { body } = await call(p, s.teacherA, 'GET', `/api/media/${id}`);
    expect(body.media).toMatchObject({ status: 'failed', errorCode: 'MEDIA_UNREADABLE', videoUrl: null });
    expect(body.media.error).toMatch(/^Not a readable media file/);
    expect(body.media.error).not.toContain(os.tmpdir());
    const done = await p.database.db
      .selectFrom('jobs')
      .select(['status', 'attempts'])
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'failed', attempts: 2 });
    expect(await p.services.infra.blobs.list(`media/${id}`)).toEqual([`media/${id}/original`]);
    expect((await get(`/api/media/${id}/video.mp4`, s.teacherA)).json().error.code).toBe('MEDIA_NOT_READY');
  });
});

describe('size limits', () => {
  let small: TestPlatform;
  let admin: Session;

  beforeAll(async () => {
    small = await createTestPlatform({ env: { YX_MAX_VIDEO_MB: '0.05', YX_MAX_DOCUMENT_MB: '0.5' } });
    admin = await login(small, DEMO.adminA);
  });
  afterAll(async () => {
    await small?.drop();
  });

  it('refuses a video over the limit, declared or streamed, and keeps nothing', async () => {
    expect(files.mp4.length).toBeGreaterThan(small.services.infra.uploads.videoBytes);
    const declared = await upload(small, admin, 'big.mp4', files.mp4);
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('MEDIA_TOO_LARGE');
    expect(declared.body.error.messages.en).toContain('0.05 MB');

    // Without a Content-Length the limit is met while streaming to the blob store.
    const chunks = Array.from({ length: Math.ceil(files.mp4.length / 8192) }, (_, i) =>
      files.mp4.subarray(i * 8192, (i + 1) * 8192),
    );
    const streamed = await upload(small, admin, 'big.mp4', Readable.from(chunks));
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.code).toBe('MEDIA_TOO_LARGE');
    expect(streamed.headers.connection).toBe('close');

    expect(await storedState(small)).toEqual({ rows: 0, blobs: [], tmp: [] });
  });

  it('applies the document limit to documents', async () => {
    const res = await upload(small, admin, 'doc.pdf', Readable.from([files.pdf]));
    expect(res.status).toBe(201);
    expect(res.body.media.pageCount).toBe(3);
  });
});

describe('parseByteRange', () => {
  it('follows RFC 9110 for single byte ranges', () => {
    expect(parseByteRange(undefined, 100)).toBeUndefined();
    expect(parseByteRange('items=0-5', 100)).toBeUndefined();
    expect(parseByteRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseByteRange('bytes=0-0', 100)).toEqual({ start: 0, end: 0 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=-200', 100)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=10-1000', 100)).toEqual({ start: 10, end: 99 });
    for (const bad of ['bytes=100-', 'bytes=5-4', 'bytes=-', 'bytes=x-1', 'bytes=-0'])
      expect(parseByteRange(bad, 100), bad).toBeNull();
    expect(parseByteRange('bytes=0-', 0)).toBeNull();
  });
});

async function writeTemp(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}
