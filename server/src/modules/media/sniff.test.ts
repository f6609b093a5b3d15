import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpegPath, makeTestPatternVideo, runTool } from './ffmpeg.js';
import { makeDemoPdf } from './pdf.js';
import { SNIFF_BYTES, sniffMedia } from './sniff.js';

let dir: string;
const file = (name: string) => path.join(dir, name);
const head = async (name: string) => (await fs.readFile(file(name))).subarray(0, SNIFF_BYTES);

// Remuxes (stream copy, no encoding) the tiny MP4 into the other accepted containers, so each is real ffmpeg output.
const REMUX: [name: string, args: string[]][] = [
  ['clip.mov', ['-f', 'mov']],
  ['clip.mkv', ['-f', 'matroska']],
  ['clip.avi', ['-f', 'avi']],
  ['clip.flv', ['-f', 'flv']],
  ['clip.3gp', ['-f', '3gp']],
  ['clip.m4v', ['-f', 'mp4', '-brand', 'M4V ']],
];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-sniff-'));
  await Promise.all([
    makeTestPatternVideo({ out: file('clip.mp4'), seconds: 1, width: 160, height: 90 }),
    makeTestPatternVideo({ out: file('clip.webm'), seconds: 1, width: 160, height: 90, container: 'webm' }),
  ]);
  const ffmpeg = await ffmpegPath();
  await Promise.all(
    REMUX.map(([name, args]) =>
      runTool(ffmpeg, ['-v', 'error', '-y', '-i', file('clip.mp4'), '-c', 'copy', ...args, file(name)]),
    ),
  );
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('sniffMedia', () => {
  it.each([
    ['clip.mp4', 'mp4', 'video/mp4'],
    ['clip.webm', 'webm', 'video/webm'],
    ['clip.mov', 'mov', 'video/quicktime'],
    ['clip.mkv', 'mkv', 'video/matroska'],
    ['clip.avi', 'avi', 'video/vnd.avi'],
    ['clip.flv', 'flv', 'video/x-flv'],
    ['clip.3gp', '3gp', 'video/3gpp'],
    ['clip.m4v', 'm4v', 'video/x-m4v'],
  ])('recognises %s as video by its bytes', async (name, ext, mime) => {
    expect(await sniffMedia(await head(name))).toEqual({ kind: 'video', ext, mime });
  });

  it('recognises a PDF as a document', async () => {
    const pdf = await makeDemoPdf({ title: 'Doc', pages: 2 });
    expect(await sniffMedia(pdf.subarray(0, SNIFF_BYTES))).toEqual({
      kind: 'document',
      ext: 'pdf',
      mime: 'application/pdf',
    });
  });

  it('ignores the file name: a PDF called .mp4 is a document, an MP4 called .pdf a video', async () => {
    await fs.copyFile(file('clip.mp4'), file('lesson.pdf'));
    expect((await sniffMedia(await head('lesson.pdf')))?.kind).toBe('video');
  });

  it.each([
    ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')],
    [
      'a Windows executable renamed to .mp4',
      Buffer.concat([
        Buffer.from('MZ'),
        Buffer.alloc(58),
        Buffer.from([0x80, 0, 0, 0]),
        Buffer.alloc(64),
        Buffer.from('PE\0\0'),
        Buffer.alloc(200),
      ]),
    ],
    ['a ZIP archive', Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(100)])],
    ['an M4A audio file', Buffer.concat([Buffer.from('0000001c667479704d344120', 'hex'), Buffer.alloc(100)])],
    ['random bytes', randomBytes(SNIFF_BYTES)],
    ['plain text', Buffer.from('#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', async (_name, bytes) => {
    expect(await sniffMedia(bytes)).toBeNull();
  });
});
