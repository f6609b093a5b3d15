import { Type, type Static } from 'typebox';
import {
  ErrorCodeSchema,
  MediaFileAnswers,
  OrNull,
  StringEnum,
  type Check,
  type SameShape,
} from '../../http/contract.js';
import { MediaStatusSchema } from '../catalog/index.js';
import type { MediaView as MediaViewSource } from './media.service.js';

export const MediaViewSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(['video', 'document']),
  originalName: Type.String(),
  mime: Type.String(),
  size: Type.Number(),
  status: MediaStatusSchema,
  progress: Type.Number(),
  durationSeconds: OrNull(Type.Number()),
  width: OrNull(Type.Number()),
  height: OrNull(Type.Number()),
  pageCount: OrNull(Type.Number()),
  error: OrNull(Type.String()),
  errorCode: OrNull(ErrorCodeSchema),
  createdAt: Type.String(),
  posterUrl: OrNull(Type.String()),
  videoUrl: OrNull(Type.String()),
  hlsUrl: OrNull(Type.String()),
  documentUrl: OrNull(Type.String()),
});
export type MediaView = Static<typeof MediaViewSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const mediaResponses = {
  'POST /media': { 201: Type.Object({ media: MediaViewSchema }) },
  'GET /media': { 200: Type.Object({ items: Type.Array(MediaViewSchema), total: Type.Number() }) },
  'GET /media/:id': { 200: Type.Object({ media: MediaViewSchema }) },
  'GET /media/:id/{name}': MediaFileAnswers(
    ['video/mp4', 'application/pdf'],
    'The video (video.mp4) or document (document.pdf), byte ranges supported',
  ),
  'GET /media/:id/hls/:file': MediaFileAnswers(
    ['application/vnd.apple.mpegurl', 'video/mp2t'],
    'An HLS playlist or segment',
  ),
  'GET /media/:id/poster.jpg': MediaFileAnswers(['image/jpeg'], 'The poster frame'),
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type MediaContractMatchesSources = [Check<SameShape<MediaView, MediaViewSource>>];
