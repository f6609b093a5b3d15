import type { AppError } from './errors.js';

// Uploaded files (rosters, question banks): read under a size limit, and the zip-bomb guard for spreadsheets.

/** The raw request body, refused with `tooLarge()` as soon as it passes `maxBytes` (or declares more). */
export async function readUpload(
  body: NodeJS.ReadableStream | null,
  declaredBytes: number | undefined,
  maxBytes: number,
  tooLarge: () => AppError,
): Promise<Buffer> {
  if (declaredBytes !== undefined && declaredBytes > maxBytes) throw tooLarge();
  if (!body) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const part = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += part.length;
    if (size > maxBytes) throw tooLarge();
    parts.push(part);
  }
  return Buffer.concat(parts);
}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/** The sum of the unpacked sizes the zip's central directory declares, or Infinity when it cannot be read. */
export function zipUnpackedSize(bytes: Buffer): number {
  // End of central directory: 22 bytes plus a comment of up to 64 KiB, at the end of the file.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = bytes.readUInt16LE(at + 10);
    let offset = bytes.readUInt32LE(at + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return Infinity;
      const size = bytes.readUInt32LE(offset + 24);
      if (size === 0xffffffff) return Infinity; // zip64: never needed by an upload of a few MB
      total += size;
      offset +=
        46 + bytes.readUInt16LE(offset + 28) + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
    }
    return total;
  }
  return Infinity;
}
