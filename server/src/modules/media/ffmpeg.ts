import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * ffmpeg / ffprobe as child processes (argument arrays, never a shell). Free of HTTP and SQL: the job runner turns
 * failures into media status and error codes.
 */

export class MediaProbeError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'MediaProbeError';
  }
}

export class MediaTranscodeError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderrTail: string,
  ) {
    super(message);
    this.name = 'MediaTranscodeError';
  }
}

/** A system ffmpeg (YX_FFMPEG_PATH) wins over the npm-bundled static build, which is from 2018. */
export async function ffmpegPath(): Promise<string> {
  if (process.env.YX_FFMPEG_PATH) return process.env.YX_FFMPEG_PATH;
  return (await import('@ffmpeg-installer/ffmpeg')).default.path;
}

export async function ffprobePath(): Promise<string> {
  if (process.env.YX_FFPROBE_PATH) return process.env.YX_FFPROBE_PATH;
  return (await import('@ffprobe-installer/ffprobe')).default.path;
}

/**
 * Input paths go through the `file:` protocol and every run allows only that protocol, so neither a crafted file
 * name ("concat:…", "http://…") nor a playlist embedded in an upload can make ffmpeg read elsewhere.
 */
const INPUT_GUARD = ['-protocol_whitelist', 'file'];
const fileInput = (p: string) => `file:${path.resolve(p)}`;

const STDERR_TAIL = 4000;
const PROBE_TIMEOUT_MS = 60_000;

type RunResult = { stdout: string; stderr: string };

/** An abort signal's reason as a rejection: AbortSignal reasons are DOMExceptions (Errors) unless a caller passed another value. */
function abortError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error('aborted', { cause: reason });
}

/**
 * Runs a binary to completion. stdout is collected (capped) unless `onLine` consumes it line by line; stderr keeps
 * only its tail for error messages. Rejects with the signal's reason when aborted (the child gets SIGKILL).
 */
export function runTool(
  binary: string,
  args: string[],
  options: { signal?: AbortSignal; onLine?: (line: string) => void; maxStdout?: number } = {},
): Promise<RunResult> {
  const { signal, onLine, maxStdout = 4 * 1024 * 1024 } = options;
  return new Promise<RunResult>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal.reason));
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const finish = (error: unknown, result?: RunResult) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error instanceof Error ? error : abortError(error));
      else resolve(result!);
    };
    // Settle only once the child is gone, so callers cleaning up outputs never race a still-writing ffmpeg.
    let abortedWith: { reason: unknown } | null = null;
    let overflowed = false;
    const onAbort = () => {
      abortedWith = { reason: signal!.reason };
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.setEncoding('utf8');
    if (onLine) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!settled) onLine(line);
      });
    } else {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        if (stdout.length > maxStdout && !overflowed) {
          overflowed = true;
          child.kill('SIGKILL');
        }
      });
    }
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('error', (error) => {
      // Spawn failures (ENOENT, EACCES) may never emit 'close'.
      if (child.pid === undefined) finish(error);
    });
    child.on('close', (code, killedBy) => {
      if (abortedWith) return finish(abortedWith.reason);
      if (overflowed) return finish(new MediaTranscodeError(`${path.basename(binary)} printed too much`, null, ''));
      if (code === 0) return finish(null, { stdout, stderr });
      const tail = stderr.trim();
      finish(
        new MediaTranscodeError(
          `${path.basename(binary)} exited with ${code ?? killedBy}${tail ? `: ${tail.split('\n').pop()}` : ''}`,
          code,
          tail,
        ),
      );
    });
  });
}

export type MediaInfo = {
  /** Seconds, rounded to milliseconds. 0 when the container does not say (e.g. live-recorded WebM). */
  durationSeconds: number;
  /** Display size (after rotation metadata), null without video. */
  width: number | null;
  height: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  hasVideo: boolean;
};

type ProbeStream = {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  duration?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { rotation?: number }[];
};
type ProbeOutput = { format?: { format_name?: string; duration?: string }; streams?: ProbeStream[] };
type DetailedProbe = { info: MediaInfo; videoIndex: number | null; audioIndex: number | null };

const roundMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

function parseSeconds(value: string | undefined): number | null {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
}

// Still images decode as one-frame "video"; they are not lessons.
const IMAGE_FORMAT = /(^|,)(image2|[a-z0-9]+_pipe)(,|$)/;

async function probeDetailed(input: string, signal?: AbortSignal): Promise<DetailedProbe> {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  let output: RunResult;
  try {
    output = await runTool(
      await ffprobePath(),
      ['-v', 'error', ...INPUT_GUARD, '-print_format', 'json', '-show_format', '-show_streams', fileInput(input)],
      { signal: signal ? AbortSignal.any([signal, timeout]) : timeout },
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    if (error instanceof MediaTranscodeError) {
      throw new MediaProbeError('Not a readable media file', `${error.message}\n${error.stderrTail}`.trim());
    }
    if (timeout.aborted) throw new MediaProbeError('Probing the media file timed out');
    throw error;
  }
  let parsed: ProbeOutput;
  try {
    parsed = JSON.parse(output.stdout) as ProbeOutput;
  } catch {
    throw new MediaProbeError('ffprobe returned unreadable output', output.stdout.slice(0, 200));
  }
  const streams = parsed.streams ?? [];
  const isImage = IMAGE_FORMAT.test(parsed.format?.format_name ?? '');
  const video = isImage
    ? undefined
    : streams.find((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1 && s.width && s.height);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new MediaProbeError('No audio or video stream', parsed.format?.format_name);

  const duration =
    parseSeconds(parsed.format?.duration) ?? Math.max(0, ...[video, audio].map((s) => parseSeconds(s?.duration) ?? 0));

  let width = video?.width ?? null;
  let height = video?.height ?? null;
  const rotation = Number(
    video?.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? video?.tags?.rotate ?? 0,
  );
  if (Math.abs(rotation) % 180 === 90) [width, height] = [height, width];

  return {
    info: {
      durationSeconds: roundMs(duration),
      width,
      height,
      videoCodec: video?.codec_name ?? null,
      audioCodec: audio?.codec_name ?? null,
      hasVideo: Boolean(video),
    },
    videoIndex: video?.index ?? null,
    audioIndex: audio?.index ?? null,
  };
}

/** What the file really contains. The duration here is what progress accounting trusts, not the client's claim. */
export async function probeMedia(input: string, options: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
  return (await probeDetailed(input, options.signal)).info;
}

export type TranscodeResult = {
  mp4: string;
  hlsPlaylist: string;
  hlsFiles: string[];
  poster: string;
  durationSeconds: number;
  width: number;
  height: number;
};

export const HLS_SEGMENT_SECONDS = 6;

// Share of the reported progress per step: the encode is nearly all the work; remux and poster are quick.
const ENCODE_SHARE = 0.9;
const REMUX_DONE = 0.96;

/**
 * Turns an upload into what players need: `video.mp4` (H.264 + AAC, faststart, at most `maxHeight` lines),
 * `hls/index.m3u8` with ~6 s MPEG-TS segments, and `poster.jpg`. The MP4 is encoded once with a keyframe forced
 * every 6 s, so the HLS rendition is a cheap stream copy that cuts cleanly on those keyframes. On failure or abort
 * the outputs are removed and ffmpeg is killed.
 */
export async function transcodeVideo(options: {
  input: string;
  outDir: string;
  onProgress?: (fraction: number) => void;
  maxHeight?: number;
  signal?: AbortSignal;
}): Promise<TranscodeResult> {
  const { input, onProgress, maxHeight = 720, signal } = options;
  if (!Number.isInteger(maxHeight) || maxHeight < 2) throw new RangeError(`Invalid maxHeight ${maxHeight}`);
  const outDir = path.resolve(options.outDir);
  const mp4 = path.join(outDir, 'video.mp4');
  const hlsDir = path.join(outDir, 'hls');
  const hlsPlaylist = path.join(hlsDir, 'index.m3u8');
  const poster = path.join(outDir, 'poster.jpg');

  let reported = 0;
  const report = (fraction: number) => {
    const value = Math.min(1, Math.max(0, fraction));
    if (value <= reported) return;
    reported = value;
    onProgress?.(value);
  };

  const source = await probeDetailed(input, signal);
  if (source.videoIndex === null) throw new MediaProbeError('The file has no video stream');
  const ffmpeg = await ffmpegPath();

  await fs.mkdir(outDir, { recursive: true });
  const cleanUp = () =>
    Promise.all([mp4, hlsDir, poster].map((p) => fs.rm(p, { recursive: true, force: true }))).catch(() => undefined);
  await cleanUp();
  await fs.mkdir(hlsDir);

  try {
    const audio =
      source.audioIndex === null
        ? ['-an']
        : ['-map', `0:${source.audioIndex}`, '-c:a', 'aac', '-b:a', '128k', '-ac', '2'];
    const totalUs = source.info.durationSeconds * 1e6;
    await runTool(
      ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-loglevel',
        'error',
        '-y',
        ...INPUT_GUARD,
        '-i',
        fileInput(input),
        '-map',
        `0:${source.videoIndex}`,
        ...audio,
        '-sn',
        '-dn',
        '-map_metadata',
        '-1',
        '-map_chapters',
        '-1',
        // Never upscale; -2 keeps the aspect ratio with an even width, trunc(…/2)*2 makes the height even.
        '-vf',
        `scale=w=-2:h='trunc(min(ih,${maxHeight})/2)*2'`,
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-profile:v',
        'high',
        '-pix_fmt',
        'yuv420p',
        '-crf',
        '23',
        '-maxrate',
        '2500k',
        '-bufsize',
        '5000k',
        '-force_key_frames',
        `expr:gte(t,n_forced*${HLS_SEGMENT_SECONDS})`,
        '-movflags',
        '+faststart',
        '-progress',
        'pipe:1',
        '-f',
        'mp4',
        mp4,
      ],
      {
        signal,
        onLine: (line) => {
          // out_time_ms is microseconds too (a historic misnomer); newer builds also print out_time_us.
          const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line);
          if (match && totalUs > 0) report(Math.min(1, Number(match[1]) / totalUs) * ENCODE_SHARE);
        },
      },
    );
    report(ENCODE_SHARE);

    await runTool(
      ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-loglevel',
        'error',
        '-y',
        ...INPUT_GUARD,
        '-i',
        fileInput(mp4),
        '-map',
        '0',
        '-c',
        'copy',
        '-f',
        'hls',
        '-hls_time',
        String(HLS_SEGMENT_SECONDS),
        '-hls_playlist_type',
        'vod',
        '-hls_list_size',
        '0',
        '-hls_segment_filename',
        path.join(hlsDir, 'seg_%04d.ts'),
        hlsPlaylist,
      ],
      { signal },
    );
    report(REMUX_DONE);

    const output = (await probeDetailed(mp4, signal)).info;
    await extractPoster(ffmpeg, mp4, posterTime(output.durationSeconds), poster, signal);

    const playlist = await fs.readFile(hlsPlaylist, 'utf8');
    const hlsFiles = [hlsPlaylist, ...segmentsOf(playlist).map((name) => path.join(hlsDir, name))];
    await Promise.all(hlsFiles.map((file) => fs.access(file)));

    report(1);
    return {
      mp4,
      hlsPlaylist,
      hlsFiles,
      poster,
      durationSeconds: output.durationSeconds,
      width: output.width!,
      height: output.height!,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** 10 % into the video (past fades and title cards), at least 1 s when the video is that long. */
export function posterTime(durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  const at = Math.max(durationSeconds * 0.1, Math.min(1, durationSeconds / 2));
  return roundMs(Math.min(at, durationSeconds * 0.9));
}

async function extractPoster(ffmpeg: string, mp4: string, at: number, poster: string, signal?: AbortSignal) {
  for (const seek of at > 0 ? [at, 0] : [0]) {
    await runTool(
      ffmpeg,
      [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-loglevel',
        'error',
        '-y',
        '-ss',
        String(seek),
        ...INPUT_GUARD,
        '-i',
        fileInput(mp4),
        '-frames:v',
        '1',
        '-q:v',
        '3',
        '-f',
        'image2',
        poster,
      ],
      { signal },
    );
    // A seek past the last keyframe can yield no frame at all; the first frame is the fallback.
    if ((await fs.stat(poster).catch(() => null))?.size) return;
  }
  throw new MediaTranscodeError('Could not extract a poster frame', null, '');
}

function segmentsOf(playlist: string): string[] {
  return playlist
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export type TestPattern = 'testsrc2' | 'testsrc' | 'smptebars' | 'smptehdbars' | 'rgbtestsrc';

/**
 * A real, playable test-pattern video with a 440 Hz tone, from ffmpeg's lavfi sources. Used by tests and by the
 * demo seed, so it favours speed (ultrafast preset, which also means Constrained Baseline: plays everywhere).
 * `container: 'webm'` gives VP8 + Opus instead, for exercising non-MP4 uploads.
 */
export async function makeTestPatternVideo(options: {
  out: string;
  seconds: number;
  width?: number;
  height?: number;
  withAudio?: boolean;
  pattern?: TestPattern;
  container?: 'mp4' | 'webm';
  /** Frames per second (25 by default; the demo's long lessons use fewer to generate and transcode quickly). */
  rate?: number;
}): Promise<void> {
  const {
    out,
    seconds,
    width = 640,
    height = 360,
    withAudio = true,
    pattern = 'testsrc2',
    container = 'mp4',
    rate = 25,
  } = options;
  if (!(seconds > 0)) throw new RangeError(`Invalid duration ${seconds}`);
  if (width % 2 || height % 2 || width < 2 || height < 2) throw new RangeError(`Invalid size ${width}x${height}`);
  await fs.mkdir(path.dirname(path.resolve(out)), { recursive: true });
  if (!(Number.isInteger(rate) && rate >= 1 && rate <= 60)) throw new RangeError(`Invalid rate ${rate}`);
  const inputs = ['-f', 'lavfi', '-i', `${pattern}=size=${width}x${height}:rate=${rate}:duration=${seconds}`];
  if (withAudio) inputs.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  const codecs =
    container === 'webm'
      ? [
          '-c:v',
          'libvpx',
          '-deadline',
          'realtime',
          '-cpu-used',
          '8',
          '-b:v',
          '500k',
          ...(withAudio ? ['-c:a', 'libopus'] : []),
        ]
      : [
          '-c:v',
          'libx264',
          '-preset',
          'ultrafast',
          ...(withAudio ? ['-c:a', 'aac', '-b:a', '96k'] : []),
          '-movflags',
          '+faststart',
        ];
  await runTool(await ffmpegPath(), [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'error',
    '-y',
    ...inputs,
    '-pix_fmt',
    'yuv420p',
    ...codecs,
    '-t',
    String(seconds),
    '-f',
    container,
    path.resolve(out),
  ]);
}
