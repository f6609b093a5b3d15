// Pure measures over landmarks and pixels, used by the face worker and tested without the model.

export type Point = { x: number; y: number };

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const degrees = (radians: number) => (radians * 180) / Math.PI;

/**
 * Head pose from the 68-point landmarks (iBUG layout: jaw 0–16, nose tip 30, eyes 36–47, chin 8), as a rough
 * estimate good enough to ask for a frontal photo — not a 3D fit.
 *
 * Yaw: a turned head moves the nose tip towards one jaw edge; the normalised offset of the nose tip from the middle
 * of the jaw is about the sine of the turn. Pitch: nodding moves the nose tip down (or up) between the eye line and
 * the chin; the offset from the frontal proportion, scaled by the nose's depth, is about the sine of the nod.
 */
export function headPose(points: readonly Point[]): { yaw: number; pitch: number } {
  if (points.length < 68) throw new Error(`Expected 68 landmarks, got ${points.length}`);
  const left = points[0];
  const right = points[16];
  const nose = points[30];
  const chin = points[8];
  const eyes = points.slice(36, 48);
  const eyeY = eyes.reduce((s, p) => s + p.y, 0) / eyes.length;

  const toLeft = Math.abs(nose.x - left.x);
  const toRight = Math.abs(right.x - nose.x);
  const yawSine = toLeft + toRight > 0 ? (toLeft - toRight) / (toLeft + toRight) : 0;

  const span = chin.y - eyeY;
  const proportion = span > 0 ? (nose.y - eyeY) / span : FRONTAL_NOSE_PROPORTION;
  const pitchSine = (proportion - FRONTAL_NOSE_PROPORTION) / NOSE_DEPTH_PROPORTION;

  return { yaw: degrees(Math.asin(clamp(yawSine, -1, 1))), pitch: degrees(Math.asin(clamp(pitchSine, -1, 1))) };
}

/** Where the nose tip sits between the eye line and the chin on a level face (measured on the calibration photos). */
export const FRONTAL_NOSE_PROPORTION = 0.35;
/** How far the nose tip can move in that proportion when the head nods by 90°: its depth relative to eye–chin. */
export const NOSE_DEPTH_PROPORTION = 0.5;

/** Mean of 8-bit grey pixels. */
export function meanLuma(grey: Uint8Array | Buffer): number {
  if (grey.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < grey.length; i++) sum += grey[i];
  return sum / grey.length;
}

/**
 * Variance of the 4-neighbour Laplacian over the interior of an 8-bit grey image: edges give large second
 * derivatives, blur removes them. The caller scales the face to a fixed size first so that the figure does not
 * depend on the photo's resolution.
 */
export function laplacianVariance(grey: Uint8Array | Buffer, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const v = grey[i - 1] + grey[i + 1] + grey[i - width] + grey[i + width] - 4 * grey[i];
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  const mean = sum / n;
  return sumSq / n - mean * mean;
}

/** The box grown by `margin` of its size on each side and clipped to the image, in whole pixels. */
export function clipBox(
  box: { x: number; y: number; width: number; height: number },
  image: { width: number; height: number },
  margin = 0,
) {
  const x0 = Math.max(0, Math.floor(box.x - box.width * margin));
  const y0 = Math.max(0, Math.floor(box.y - box.height * margin));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width * (1 + margin)));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height * (1 + margin)));
  return { left: x0, top: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * How far the mouth is open: the mean gap between the inner lips (61–67, 62–66, 63–65) as a share of the face's
 * height from the top of the nose (27) to the chin (8). Both lengths are (mostly) vertical, so a face turned or a
 * picture turned about a vertical axis — which shrinks widths, not heights — does not change it; a closed mouth
 * gives about 0. (The usual mouth aspect ratio divides by the mouth's width, which a turn shrinks.)
 */
export function mouthOpening(points: readonly Point[]): number {
  if (points.length < 68) throw new Error(`Expected 68 landmarks, got ${points.length}`);
  const height = dist(points[27], points[8]);
  if (height === 0) return 0;
  const gap = (dist(points[61], points[67]) + dist(points[62], points[66]) + dist(points[63], points[65])) / 3;
  return gap / height;
}

/**
 * How far the eyes are open: the mean lid gap of both eyes (37–41, 38–40, 43–47, 44–46) as a share of the same face
 * height; a blink or closed eyes bring it towards 0. Vertical over vertical, for the same reason as mouthOpening.
 */
export function eyeOpening(points: readonly Point[]): number {
  if (points.length < 68) throw new Error(`Expected 68 landmarks, got ${points.length}`);
  const height = dist(points[27], points[8]);
  if (height === 0) return 0;
  const gap =
    (dist(points[37], points[41]) +
      dist(points[38], points[40]) +
      dist(points[43], points[47]) +
      dist(points[44], points[46])) /
    4;
  return gap / height;
}
