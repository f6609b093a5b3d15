import { fileTypeFromBuffer } from 'file-type';

export type SniffedMedia = { kind: 'video' | 'document'; mime: string; ext: string };

/** How many leading bytes to pass: file-type recognises every accepted format within this many. */
export const SNIFF_BYTES = 4100;

// Keyed by file-type's `ext`. Formats not listed (images, audio, f4v, 3g2, archives, executables…) are refused.
const ACCEPTED: Record<string, SniffedMedia['kind']> = {
  mp4: 'video',
  mov: 'video',
  webm: 'video',
  mkv: 'video',
  avi: 'video',
  flv: 'video',
  m4v: 'video',
  '3gp': 'video',
  pdf: 'document',
};

/**
 * Decides what an upload is from its first bytes, never from its name or the client's Content-Type: an .exe renamed
 * to .mp4 is refused here. A positive answer only means the container looks right; ffprobe has the last word.
 * Async because file-type's detectors are.
 */
export async function sniffMedia(firstBytes: Uint8Array): Promise<SniffedMedia | null> {
  if (firstBytes.length === 0) return null;
  const detected = await fileTypeFromBuffer(firstBytes);
  if (!detected) return null;
  const kind = ACCEPTED[detected.ext];
  return kind ? { kind, mime: detected.mime, ext: detected.ext } : null;
}
