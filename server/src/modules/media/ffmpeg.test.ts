import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MediaProbeError,
  ffmpegPath,
  makeTestPatternVideo,
  posterTime,
  probeMedia,
  runTool,
  transcodeVideo,
  type TranscodeResult,
} from './ffmpeg.js';

// A 1x1 PNG: ffprobe reads it as a one-frame "video", which must still not count as media.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'yx-media-'));
  await Promise.all([
    makeTestPatternVideo({ out: file('tone.mp4'), seconds: 4 }),
    makeTestPatternVideo({ out: file('silent.mp4'), seconds: 4, withAudio: false, pattern: 'smptebars' }),
    makeTestPatternVideo({ out: file('clip.webm'), seconds: 2, width: 320, height: 240, container: 'webm' }),
  ]);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectPlayableOutput(result: TranscodeResult, expected: { seconds: number; audio: boolean }) {
  const mp4 = await probeMedia(result.mp4);
  expect(mp4.videoCodec).toBe('h264');
  expect(mp4.audioCodec).toBe(expected.audio ? 'aac' : null);
  expect(mp4.durationSeconds).toBeCloseTo(expected.seconds, 1);
  expect(result.durationSeconds).toBe(mp4.durationSeconds);
  expect([result.width, result.height]).toEqual([mp4.width, mp4.height]);
  expect(result.width % 2).toBe(0);
  expect(result.height % 2).toBe(0);

  const playlist = await fs.readFile(result.hlsPlaylist, 'utf8');
  expect(playlist.startsWith('#EXTM3U')).toBe(true);
  expect(playlist).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
  expect(playlist.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
  const segments = result.hlsFiles.filter((f) => f.endsWith('.ts'));
  expect(segments.length).toBeGreaterThan(0);
  expect(result.hlsFiles).toContain(result.hlsPlaylist);
  for (const segment of segments) {
    expect(path.dirname(segment)).toBe(path.dirname(result.hlsPlaylist));
    expect(playlist).toContain(path.basename(segment));
    expect((await fs.stat(segment)).size).toBeGreaterThan(0);
  }
  // MPEG-TS is checked structurally (188-byte packets, each starting with the 0x47 sync byte) rather than with
  // ffprobe: the bundled static ffprobe build crashes (SIGSEGV) on any MPEG-TS input on some CPUs, this one included.
  const first = await fs.readFile(segments[0]);
  expect(first.length % 188).toBe(0);
  for (let offset = 0; offset < first.length; offset += 188) expect(first[offset]).toBe(0x47);
  const listed = [...playlist.matchAll(/#EXTINF:([\d.]+),/g)].reduce((sum, m) => sum + Number(m[1]), 0);
  expect(listed).toBeCloseTo(expected.seconds, 1);
  expect(playlist).toMatch(/#EXT-X-TARGETDURATION:[1-6]\n/);

  const poster = await fs.readFile(result.poster);
  expect([...poster.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
}

describe('probeMedia', () => {
  it('reads duration, size and codecs of a video with sound', async () => {
    const info = await probeMedia(file('tone.mp4'));
    expect(info).toMatchObject({ width: 640, height: 360, videoCodec: 'h264', audioCodec: 'aac', hasVideo: true });
    expect(Math.abs(info.durationSeconds - 4)).toBeLessThan(0.1);
    // Rounded to whole milliseconds.
    expect(Math.round(info.durationSeconds * 1000) / 1000).toBe(info.durationSeconds);
  });

  it('reads a silent video and a WebM', async () => {
    const silent = await probeMedia(file('silent.mp4'));
    expect(silent).toMatchObject({ hasVideo: true, audioCodec: null, videoCodec: 'h264' });
    expect(Math.abs(silent.durationSeconds - 4)).toBeLessThan(0.1);

    const webm = await probeMedia(file('clip.webm'));
    expect(webm).toMatchObject({ width: 320, height: 240, videoCodec: 'vp8', audioCodec: 'opus', hasVideo: true });
    expect(Math.abs(webm.durationSeconds - 2)).toBeLessThan(0.1);
  });

  it.each([
    ['random bytes', randomBytes(64 * 1024)],
    ['text', Buffer.from('not a video at all\n'.repeat(100))],
    ['a PNG image', PNG],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s with MediaProbeError', async (name, bytes) => {
    const target = file(`bad-${name.replace(/\W+/g, '-')}.mp4`);
    await fs.writeFile(target, bytes);
    await expect(probeMedia(target)).rejects.toBeInstanceOf(MediaProbeError);
  });

  it('refuses a missing file with MediaProbeError', async () => {
    await expect(probeMedia(file('does-not-exist.mp4'))).rejects.toBeInstanceOf(MediaProbeError);
  });
});

describe('transcodeVideo', () => {
  it('produces MP4, HLS and a poster with monotonic progress ending at 1', async () => {
    const progress: number[] = [];
    const result = await transcodeVideo({
      input: file('tone.mp4'),
      outDir: file('out-tone'),
      onProgress: (fraction) => progress.push(fraction),
    });
    expect(result.mp4).toBe(file('out-tone/video.mp4'));
    expect(result.hlsPlaylist).toBe(file('out-tone/hls/index.m3u8'));
    expect(result.poster).toBe(file('out-tone/poster.jpg'));
    expect([result.width, result.height]).toEqual([640, 360]);
    await expectPlayableOutput(result, { seconds: 4, audio: true });

    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1]);
    expect(progress.every((p) => p > 0 && p <= 1)).toBe(true);
  });

  it('scales down to maxHeight keeping the aspect, and keeps a silent video silent', async () => {
    const result = await transcodeVideo({ input: file('silent.mp4'), outDir: file('out-silent'), maxHeight: 240 });
    expect(result.height).toBe(240);
    expect(Math.abs(result.width / result.height - 16 / 9)).toBeLessThan(0.02);
    await expectPlayableOutput(result, { seconds: 4, audio: false });
  });

  it('converts a WebM without upscaling it', async () => {
    const result = await transcodeVideo({ input: file('clip.webm'), outDir: file('out-webm') });
    expect([result.width, result.height]).toEqual([320, 240]);
    await expectPlayableOutput(result, { seconds: 2, audio: true });
  });

  it('applies rotation metadata: a portrait phone video stays portrait', async () => {
    // Stream copy with a 90° display matrix, as phones record portrait video.
    await runTool(await ffmpegPath(), [
      '-v',
      'error',
      '-y',
      '-i',
      file('silent.mp4'),
      '-c',
      'copy',
      '-metadata:s:v:0',
      'rotate=90',
      file('portrait.mp4'),
    ]);
    expect(await probeMedia(file('portrait.mp4'))).toMatchObject({ width: 360, height: 640 });
    const result = await transcodeVideo({ input: file('portrait.mp4'), outDir: file('out-portrait'), maxHeight: 320 });
    expect([result.width, result.height]).toEqual([180, 320]);
  });

  it('stops and cleans up when aborted', async () => {
    const controller = new AbortController();
    const outDir = file('out-aborted');
    await expect(
      transcodeVideo({
        input: file('tone.mp4'),
        outDir,
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(await fs.readdir(outDir)).toEqual([]);

    await expect(
      transcodeVideo({ input: file('tone.mp4'), outDir, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses non-media input with MediaProbeError and writes nothing', async () => {
    await fs.writeFile(file('fake.mp4'), randomBytes(10_000));
    await expect(transcodeVideo({ input: file('fake.mp4'), outDir: file('out-fake') })).rejects.toBeInstanceOf(
      MediaProbeError,
    );
    await expect(fs.stat(file('out-fake/video.mp4'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('runTool', () => {
  it('kills a running ffmpeg on abort and settles only after it exited', async () => {
    const controller = new AbortController();
    // -re paces an endless source in real time: without the kill this would never end.
    const args = [
      '-nostdin',
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=64x64',
      '-progress',
      'pipe:1',
      '-f',
      'null',
      '-',
    ];
    const lines: string[] = [];
    await expect(
      runTool(await ffmpegPath(), args, {
        signal: controller.signal,
        onLine: (line) => {
          lines.push(line);
          if (line.startsWith('progress=')) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(lines).toContain('progress=continue');
  });

  it('reports a failing command with its exit code and stderr', async () => {
    await expect(runTool(await ffmpegPath(), ['-v', 'error', '-i', file('nothing-here.mp4')])).rejects.toMatchObject({
      name: 'MediaTranscodeError',
      exitCode: 1,
    });
    await expect(runTool(file('no-such-binary'), [])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('posterTime', () => {
  it('takes 10% of the duration but at least 1 s, inside the video', () => {
    expect(posterTime(4)).toBe(1);
    expect(posterTime(120)).toBe(12);
    expect(posterTime(0.5)).toBe(0.25);
    expect(posterTime(0)).toBe(0);
  });
});
