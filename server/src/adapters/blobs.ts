import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Large binary objects (uploaded originals, transcoded MP4/HLS, posters, documents). A local directory by default;
 * an object store when several API nodes must share files. Only the filesystem engine exists so far: the `kind`
 * union keeps room for an S3-compatible adapter (MinIO, OSS, COS), which would return `null` from `localPath` so
 * callers download to a work directory first.
 *
 * Keys are relative, slash-separated paths such as `media/<id>/original` or `media/<id>/hls/index.m3u8`. A key
 * names either one blob or, for `delete` and `list`, everything under it as a "directory".
 */
export interface BlobStore {
  readonly kind: 'fs' | 's3';
  /** Streams to a temporary file and renames it into place, so readers never see half a blob. */
  put(
    key: string,
    body: NodeJS.ReadableStream | Buffer,
    options?: { maxBytes?: number },
  ): Promise<{ key: string; size: number; sha256: string }>;
  /** Moves a produced file (e.g. ffmpeg output) in; the source path is consumed. */
  putFile(key: string, sourcePath: string): Promise<{ size: number; sha256: string }>;
  /** `range` is inclusive like an HTTP Range header: `{ start: 0, end: 99 }` is the first 100 bytes. */
  open(key: string, range?: { start: number; end?: number }): Promise<NodeJS.ReadableStream>;
  /** null when there is no blob under this key (a "directory" is not a blob). */
  stat(key: string): Promise<{ size: number } | null>;
  /** The absolute path when blobs are local files (ffmpeg reads them directly); null for remote stores. */
  localPath(key: string): string | null;
  /** Deletes one blob, or every blob under the key as a prefix (HLS segments). Missing keys are fine. */
  delete(key: string): Promise<void>;
  /** Every blob key equal to or under `prefix` (directory semantics, not a string prefix), sorted. */
  list(prefix: string): Promise<string[]>;
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`Blob exceeds the limit of ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No blob under key ${key}`);
    this.name = 'BlobNotFoundError';
  }
}

// A whitelist is simpler to trust than a blacklist: it also excludes "..", ".", empty segments, backslashes, NUL,
// drive letters and dot-files (which keeps the store's own `.tmp` directory unreachable through keys).
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const MAX_KEY_LENGTH = 512;

/** Throws unless `key` is a safe relative blob key; returns its segments. */
export function assertBlobKey(key: string): string[] {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
  }
  const segments = key.split('/');
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
  }
  return segments;
}

/** Counts and hashes the bytes flowing through, failing as soon as the limit is passed. */
class Meter extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.size += buffer.length;
    if (this.size > this.maxBytes) {
      callback(new BlobTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(buffer);
    callback(null, buffer);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

async function hashFile(file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { size, sha256: hash.digest('hex') };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  readonly rootDir: string;
  /** Temporary files live inside the root so the final rename never crosses a filesystem. */
  private readonly tmpDir: string;

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
    this.tmpDir = path.join(this.rootDir, '.tmp');
  }

  private pathOf(key: string): string {
    return path.join(this.rootDir, ...assertBlobKey(key));
  }

  /** Accepts `media/x/` as well as `media/x` for the directory operations. */
  private prefixPath(prefix: string): string {
    return this.pathOf(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  }

  private async tempFile(): Promise<string> {
    await fs.mkdir(this.tmpDir, { recursive: true });
    return path.join(this.tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
  }

  private async commit(temp: string, target: string): Promise<void> {
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.rename(temp, target);
  }

  async put(
    key: string,
    body: NodeJS.ReadableStream | Buffer,
    options: { maxBytes?: number } = {},
  ): Promise<{ key: string; size: number; sha256: string }> {
    const target = this.pathOf(key);
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    if (Buffer.isBuffer(body) && body.length > maxBytes) throw new BlobTooLargeError(maxBytes);
    const temp = await this.tempFile();
    const meter = new Meter(maxBytes);
    try {
      // flush: fsync before close, so a crash right after the rename cannot leave an empty blob behind.
      const sink = createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true });
      if (Buffer.isBuffer(body)) {
        meter.end(body);
        await pipeline(meter, sink);
      } else {
        // pipeline destroys the source on failure: an upload that is too large stops being read at once.
        await pipeline(body, meter, sink);
      }
      await this.commit(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
    return { key, size: meter.size, sha256: meter.digest() };
  }

  async putFile(key: string, sourcePath: string): Promise<{ size: number; sha256: string }> {
    const target = this.pathOf(key);
    const result = await hashFile(sourcePath);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.rename(sourcePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      // Another filesystem (e.g. a tmpfs work directory): copy beside the target, then rename atomically.
      const temp = await this.tempFile();
      try {
        await fs.copyFile(sourcePath, temp);
        await this.commit(temp, target);
      } catch (copyError) {
        await fs.rm(temp, { force: true });
        throw copyError;
      }
      await fs.rm(sourcePath, { force: true });
    }
    return result;
  }

  async open(key: string, range?: { start: number; end?: number }): Promise<NodeJS.ReadableStream> {
    if (range) {
      const { start, end } = range;
      if (
        !Number.isSafeInteger(start) ||
        start < 0 ||
        (end !== undefined && (!Number.isSafeInteger(end) || end < start))
      ) {
        throw new RangeError(`Invalid byte range ${JSON.stringify(range)}`);
      }
    }
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if (isMissing(error) || (error as NodeJS.ErrnoException).code === 'EISDIR') throw new BlobNotFoundError(key);
      throw error;
    }
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw new BlobNotFoundError(key);
    }
    return handle.createReadStream({ start: range?.start, end: range?.end, autoClose: true });
  }

  async stat(key: string): Promise<{ size: number } | null> {
    try {
      const info = await fs.stat(this.pathOf(key));
      return info.isFile() ? { size: info.size } : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  async delete(key: string): Promise<void> {
    const target = this.prefixPath(key);
    await fs.rm(target, { recursive: true, force: true });
    // Drop directories left empty (media/<id>/) so the tree does not fill with husks; stop at the first non-empty one.
    let dir = path.dirname(target);
    while (dir.startsWith(this.rootDir + path.sep)) {
      try {
        await fs.rmdir(dir);
      } catch {
        break;
      }
      dir = path.dirname(dir);
    }
  }

  async list(prefix: string): Promise<string[]> {
    const normalized = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
    const base = this.prefixPath(prefix);
    let info;
    try {
      info = await fs.stat(base);
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    if (info.isFile()) return [normalized];
    const entries = await fs.readdir(base, { recursive: true, withFileTypes: true });
    const keys: string[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      // `parentPath` is Node >= 20.12; `path` is the older name of the same field.
      const parent = (entry as { parentPath?: string }).parentPath ?? (entry as unknown as { path: string }).path;
      const relative = path.relative(base, path.join(parent, entry.name)).split(path.sep).join('/');
      keys.push(`${normalized}/${relative}`);
    }
    return keys.sort();
  }
}

/** The configured blob store: files under `<varDir>/blobs`. */
export function openBlobStore(config: { varDir: string }): BlobStore {
  return new FsBlobStore(path.join(config.varDir, 'blobs'));
}
