// The browser side of offline attendance: cameras, QR decoding from live video, a still photo, the position.
// QR codes are decoded by the platform's BarcodeDetector where it exists (Android, macOS, ChromeOS) and by jsQR, a
// dependency-free decoder, everywhere else.

export type Facing = 'environment' | 'user';
export type Position = { latitude: number; longitude: number; accuracy: number };

export function cameraAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
}

/** The rear (environment) or front (user) camera; `ideal` so that a laptop's only camera is used too. */
export function openCamera(facing: Facing): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
}

export function stopStream(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop());
}

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };
type DetectorClass = { new (options: { formats: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

async function platformDetector(): Promise<Detector | null> {
  const Native = (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
  if (!Native) return null;
  try {
    const formats = (await Native.getSupportedFormats?.()) ?? [];
    return formats.includes('qr_code') ? new Native({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

/** Draws the current video frame into a canvas at most `maxWidth` wide; null before the first frame. */
function frame(video: HTMLVideoElement, canvas: HTMLCanvasElement, maxWidth: number): CanvasRenderingContext2D | null {
  if (video.readyState < 2 || video.videoWidth === 0) return null;
  const scale = Math.min(1, maxWidth / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return context;
}

/**
 * Looks for a QR code in the playing video several times a second until one is found (reported once) or the
 * returned function is called.
 */
export function decodeContinuously(video: HTMLVideoElement, onCode: (text: string) => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const canvas = document.createElement('canvas');
  const run = async () => {
    const [detector, { default: jsQR }] = await Promise.all([platformDetector(), import('jsqr')]);
    const tick = async () => {
      if (stopped) return;
      const context = frame(video, canvas, 960);
      let text: string | null = null;
      if (context) {
        if (detector) text = (await detector.detect(canvas).catch(() => []))[0]?.rawValue ?? null;
        if (!text) {
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          text = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
        }
      }
      if (stopped) return;
      if (text) {
        stopped = true;
        onCode(text);
        return;
      }
      timer = setTimeout(() => void tick(), 200);
    };
    await tick();
  };
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}

/** A still JPEG of the current video frame as a data URL, small enough for the 2 MB limit. */
export function captureJpeg(video: HTMLVideoElement, maxWidth = 720, quality = 0.85): string | null {
  const canvas = document.createElement('canvas');
  return frame(video, canvas, maxWidth) ? canvas.toDataURL('image/jpeg', quality) : null;
}

export function geolocationAvailable(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.geolocation;
}

/** One fresh, high-accuracy position. */
export function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      reject,
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  });
}
