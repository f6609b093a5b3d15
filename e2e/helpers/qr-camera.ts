// QR codes for the attendance tests: a fake camera that films a QR code, and decoding a QR code from a screenshot.
// Both use the ffmpeg binary the server already ships with and jsQR, the decoder the web app uses.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { chromium, type Browser } from 'playwright-core';
import { ffmpegPath } from '../../server/src/modules/media/index';
import { CHROMIUM_PATH } from './browser';

function ffmpeg(args: string[], input?: Buffer): Promise<Buffer> {
  return ffmpegPath().then(
    (bin) =>
      new Promise((resolve, reject) => {
        const child = spawn(bin, ['-hide_banner', '-loglevel', 'error', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => {
          err += chunk.toString();
        });
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited with ${code}: ${err}`)),
        );
        child.stdin.end(input);
      }),
  );
}

/**
 * Writes a Y4M video (the format Chromium's fake camera plays, in a loop) of a QR code of `text`, large and centred
 * on white, as a phone held in front of the venue screen would see it.
 */
export async function writeQrCameraFile(text: string, file: string, face?: Buffer): Promise<void> {
  const qr = await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, width: 440 });
  // With a face: the learner holds the phone so that both the screen's code and their face are in the picture (the
  // live photo of a check-in is compared with the enrolled face).
  const png = face
    ? await sharp({ create: { width: 960, height: 480, channels: 3, background: '#ffffff' } })
        .composite([
          {
            input: await sharp(face).resize(480, 480, { fit: 'contain', background: '#ffffff' }).toBuffer(),
            left: 0,
            top: 0,
          },
          { input: qr, left: 500, top: 20 },
        ])
        .png()
        .toBuffer()
    : qr;
  const y4m = await ffmpeg(
    [
      '-f',
      'png_pipe',
      '-i',
      'pipe:0',
      '-vf',
      `pad=${face ? 960 : 640}:480:(ow-iw)/2:(oh-ih)/2:white,format=yuv420p`,
      '-r',
      '10',
      '-frames:v',
      '10',
      '-f',
      'yuv4mpegpipe',
      'pipe:1',
    ],
    png,
  );
  await writeFile(file, y4m);
}

/** A headless Chromium whose camera (front and rear alike) films the given Y4M file; camera permission is granted. */
export function launchWithFakeCamera(y4m: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`,
    ],
  });
}

/** The text of the QR code in an image (PNG), decoded at a fixed size; null when none is found. */
export async function decodeQrImage(png: Buffer, size = 600): Promise<string | null> {
  const rgba = await ffmpeg(
    [
      '-f',
      'png_pipe',
      '-i',
      'pipe:0',
      '-vf',
      `scale=${size}:${size}:flags=neighbor`,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    png,
  );
  return jsQR(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength), size, size)?.data ?? null;
}
