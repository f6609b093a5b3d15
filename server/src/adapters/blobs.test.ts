import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobNotFoundError, BlobTooLargeError, FsBlobStore, openBlobStore } from './blobs.js';

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream that yields `total` bytes in `chunk`-sized pieces, remembering whether it was torn down early. */
function chunked(total: number, chunk: number) {
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const size = Math.min(chunk, total - sent);
      sent += size;
      this.push(Buffer.alloc(size, 7));
    },
  });
  return { stream, sent: () => sent };
}

// Buffers are compared with .equals: Vitest's element-wise toEqual takes about a second on 100 kB.
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('FsBlobStore', () => {
  let root: string;
  let store: FsBlobStore;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-blobs-'));
    store = new FsBlobStore(root);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('round-trips a buffer and a stream with size and sha256', async () => {
    const data = randomBytes(100_000);
    const put = await store.put('media/a/original', data);
    expect(put).toEqual({ key: 'media/a/original', size: data.length, sha256: sha256(data) });
    expect((await readAll(await store.open('media/a/original'))).equals(data)).toBe(true);
    expect(await store.stat('media/a/original')).toEqual({ size: data.length });

    const streamed = await store.put('media/b/original', Readable.from([data.subarray(0, 10), data.subarray(10)]));
    expect(streamed.sha256).toBe(sha256(data));
    expect(store.localPath('media/b/original')).toBe(path.join(root, 'media', 'b', 'original'));
    expect((await fs.readFile(path.join(root, 'media/b/original'))).equals(data)).toBe(true);
  });

  it('replaces an existing blob atomically', async () => {
    await store.put('doc/x.pdf', Buffer.from('old'));
    await store.put('doc/x.pdf', Buffer.from('new contents'));
    expect((await readAll(await store.open('doc/x.pdf'))).toString()).toBe('new contents');
  });

  it('aborts a stream over maxBytes and leaves nothing behind', async () => {
    const source = chunked(10 * 1024 * 1024, 64 * 1024);
    await expect(store.put('media/big/original', source.stream, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    // The source was not drained to the end: reading stopped shortly after the limit.
    expect(source.sent()).toBeLessThan(2 * 1024 * 1024);
    expect(source.stream.destroyed).toBe(true);
    expect(await store.stat('media/big/original')).toBeNull();
    expect(await store.list('media')).toEqual([]);
    expect(await fs.readdir(path.join(root, '.tmp'))).toEqual([]);

    await expect(store.put('media/big/original', Buffer.alloc(11), { maxBytes: 10 })).rejects.toBeInstanceOf(
      BlobTooLargeError,
    );
    // Exactly at the limit is allowed.
    expect((await store.put('media/ok/original', Buffer.alloc(10), { maxBytes: 10 })).size).toBe(10);
  });

  it('reads inclusive byte ranges', async () => {
    const data = Buffer.from('0123456789abcdef');
    await store.put('r/blob', data);
    expect((await readAll(await store.open('r/blob', { start: 0, end: 3 }))).toString()).toBe('0123');
    expect((await readAll(await store.open('r/blob', { start: 10 }))).toString()).toBe('abcdef');
    expect((await readAll(await store.open('r/blob', { start: 15, end: 15 }))).toString()).toBe('f');
    await expect(store.open('r/blob', { start: 5, end: 2 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.open('r/blob', { start: -1 })).rejects.toBeInstanceOf(RangeError);
  });

  it('reports missing blobs', async () => {
    await store.put('m/dir/file', Buffer.from('x'));
    expect(await store.stat('m/nothing')).toBeNull();
    expect(await store.stat('m/dir')).toBeNull();
    await expect(store.open('m/nothing')).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.open('m/dir')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it.each([
    '',
    '../etc/passwd',
    'media/../../etc/passwd',
    'media/..',
    '/etc/passwd',
    'media//x',
    'media/x/',
    'media\\x',
    '..\\x',
    './media/x',
    'media/.tmp/x',
    '.tmp',
    'media/x\u0000y',
    'C:/x',
  ])('refuses the key %j', async (key) => {
    await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid blob key/);
    await expect(store.stat(key)).rejects.toThrow(/Invalid blob key/);
    await expect(store.open(key)).rejects.toThrow(/Invalid blob key/);
    expect(() => store.localPath(key)).toThrow(/Invalid blob key/);
  });

  it('refuses traversal in delete and list', async () => {
    await expect(store.delete('..')).rejects.toThrow(/Invalid blob key/);
    await expect(store.delete('/')).rejects.toThrow(/Invalid blob key/);
    await expect(store.list('../')).rejects.toThrow(/Invalid blob key/);
  });

  it('lists and deletes a prefix such as an HLS directory', async () => {
    await store.put('media/v1/original', Buffer.from('o'));
    await store.put('media/v1/hls/index.m3u8', Buffer.from('#EXTM3U'));
    await store.put('media/v1/hls/seg_000.ts', Buffer.from('s0'));
    await store.put('media/v1/hls/seg_001.ts', Buffer.from('s1'));
    await store.put('media/v2/original', Buffer.from('o'));

    expect(await store.list('media/v1')).toEqual([
      'media/v1/hls/index.m3u8',
      'media/v1/hls/seg_000.ts',
      'media/v1/hls/seg_001.ts',
      'media/v1/original',
    ]);
    expect(await store.list('media/v1/hls/')).toEqual([
      'media/v1/hls/index.m3u8',
      'media/v1/hls/seg_000.ts',
      'media/v1/hls/seg_001.ts',
    ]);
    expect(await store.list('media/v1/original')).toEqual(['media/v1/original']);
    // Directory semantics, not string prefixes: "media/v" does not match "media/v1".
    expect(await store.list('media/v')).toEqual([]);

    await store.delete('media/v1/hls');
    expect(await store.list('media/v1')).toEqual(['media/v1/original']);
    await store.delete('media/v1/original');
    expect(await store.list('media')).toEqual(['media/v2/original']);
    // Emptied directories are removed too.
    await expect(fs.stat(path.join(root, 'media/v1'))).rejects.toMatchObject({ code: 'ENOENT' });
    await store.delete('media/never-existed');
  });

  it('moves a produced file in', async () => {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-work-'));
    try {
      const source = path.join(work, 'video.mp4');
      const data = randomBytes(5000);
      await fs.writeFile(source, data);
      expect(await store.putFile('media/v/video.mp4', source)).toEqual({ size: 5000, sha256: sha256(data) });
      expect((await fs.readFile(store.localPath('media/v/video.mp4'))).equals(data)).toBe(true);
      await expect(fs.stat(source)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  });

  it('openBlobStore keeps blobs under <varDir>/blobs', async () => {
    const opened = openBlobStore({ varDir: root });
    expect(opened.kind).toBe('fs');
    await opened.put('a/b', Buffer.from('x'));
    expect(opened.localPath('a/b')).toBe(path.join(root, 'blobs', 'a', 'b'));
    expect(await fs.readFile(path.join(root, 'blobs/a/b'), 'utf8')).toBe('x');
  });
});
