// Media building blocks for the course content pipeline (used by the job runner, routes and the demo seed).
export { SNIFF_BYTES, sniffMedia, type SniffedMedia } from './sniff.js';
export {
  HLS_SEGMENT_SECONDS,
  MediaProbeError,
  MediaTranscodeError,
  ffmpegPath,
  ffprobePath,
  makeTestPatternVideo,
  posterTime,
  probeMedia,
  transcodeVideo,
  type MediaInfo,
  type TestPattern,
  type TranscodeResult,
} from './ffmpeg.js';
export { PdfInvalidError, makeDemoPdf, pdfPageCount } from './pdf.js';
export {
  MEDIA_JOB,
  MediaService,
  mediaError,
  mediaPermissions,
  mediaRowToMedia,
  type MediaFile,
  type MediaOwner,
  type MediaView,
} from './media.service.js';
export { mediaRoutes } from './media.routes.js';
export { mediaScope } from './media.policy.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as mediaContract from './media.contract.js';
