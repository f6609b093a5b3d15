import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import type { BlobStore } from '../../adapters/blobs.js';
import {
  descriptorFromBase64,
  descriptorToBase64,
  FaceEngineBusyError,
  FaceImageError,
  type AnalyseOptions,
  type DetectedFace,
  type FaceAnalysis,
  type FaceEngine,
} from '../../adapters/face-engine/face-engine.js';
import { registrationResidual, type RegistrationFace } from '../../adapters/face-engine/registration.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import { AppError } from '../../platform/errors.js';
import { decodeBase64Photo } from '../../platform/photo.js';
import { openSealedBytes, sealBytes, type PiiCipher } from '../../platform/crypto.js';
import { assessQuality, QUALITY_ERRORS, type QualityMeasures, type QualityRules } from './quality.js';

/** Largest face photo accepted (decoded bytes): a phone camera frame or a scanned ID photo. */
export const FACE_PHOTO_MAX_BYTES = 2 * 1024 * 1024;

export type FacePhoto = { bytes: Buffer; ext: 'jpg' | 'png' };

/** Decodes a base64 photo (a data: URL prefix is allowed) and accepts it only if its content is a JPEG or PNG. */
export async function readFacePhoto(input: string): Promise<FacePhoto> {
  const bytes = decodeBase64Photo(input);
  if (!bytes) throw new AppError('FACE_PHOTO_INVALID', { field: 'photo' });
  return sniffFacePhoto(bytes);
}

export async function sniffFacePhoto(bytes: Buffer): Promise<FacePhoto> {
  if (bytes.length > FACE_PHOTO_MAX_BYTES)
    throw new AppError('FACE_PHOTO_TOO_LARGE', {
      field: 'photo',
      params: { limitMb: FACE_PHOTO_MAX_BYTES / 1024 / 1024 },
    });
  const type = bytes.length > 0 ? await fileTypeFromBuffer(bytes) : undefined;
  if (type?.ext !== 'jpg' && type?.ext !== 'png') throw new AppError('FACE_PHOTO_INVALID', { field: 'photo' });
  return { bytes, ext: type.ext };
}

export type ActiveDescriptor = {
  enrolmentId: string;
  userId: string;
  source: string;
  status: string;
  descriptor: Float32Array;
};

/**
 * What enrolment and verification share: running the engine with its errors turned into API errors, the quality
 * gate, and sealing descriptors and photos (biometric data is encrypted at rest like ID numbers). Comparing a face with
 * other accounts' faces is account-sharing.ts.
 */
export class FaceEvidence {
  constructor(
    readonly deps: {
      db: Kysely<Database>;
      cipher: PiiCipher;
      blobs: BlobStore;
      engine: FaceEngine;
      quality: QualityRules;
    },
  ) {}

  get engine(): FaceEngine {
    return this.deps.engine;
  }

  async analyse(photo: FacePhoto, options: AnalyseOptions = {}): Promise<FaceAnalysis> {
    try {
      return await this.deps.engine.analyse(photo.bytes, options);
    } catch (error) {
      if (error instanceof FaceImageError) throw new AppError('FACE_PHOTO_INVALID', { field: 'photo' });
      if (error instanceof FaceEngineBusyError) throw new AppError('FACE_ENGINE_BUSY');
      throw error;
    }
  }

  /** The registration residual of b against a, in the engine's worker when it has one (else in this thread). */
  async register(a: RegistrationFace, b: RegistrationFace): Promise<number> {
    const { engine } = this.deps;
    if (!engine.register) return registrationResidual(a, b);
    try {
      return await engine.register(a, b);
    } catch (error) {
      if (error instanceof FaceEngineBusyError) throw new AppError('FACE_ENGINE_BUSY');
      throw error;
    }
  }

  /**
   * The one usable face of a photo to be kept as a reference (enrolment, ID photo), or the quality refusal as an API
   * error with its measures. Analysed thoroughly: a second face must not slip into a reference.
   */
  async usableFace(photo: FacePhoto): Promise<{ face: DetectedFace; measures: QualityMeasures }> {
    const quality = assessQuality(await this.analyse(photo, { thorough: true }), this.deps.quality);
    if (!quality.ok)
      throw new AppError(QUALITY_ERRORS[quality.reason], {
        field: 'photo',
        details: { reason: quality.reason, measures: quality.measures },
      });
    return quality;
  }

  sealDescriptor(descriptor: Float32Array): string {
    return this.deps.cipher.encrypt(descriptorToBase64(descriptor));
  }

  openDescriptor(sealed: string): Float32Array {
    return descriptorFromBase64(this.deps.cipher.decrypt(sealed));
  }

  async putPhoto(key: string, photo: FacePhoto): Promise<void> {
    await this.deps.blobs.put(key, sealBytes(this.deps.cipher, photo.bytes));
  }

  async readPhoto(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.deps.blobs.open(key)) chunks.push(Buffer.from(chunk as Buffer));
    return openSealedBytes(this.deps.cipher, Buffer.concat(chunks));
  }

  async deletePhoto(key: string): Promise<void> {
    await this.deps.blobs.delete(key).catch(() => {});
  }

  /** Whether the learner has an active live enrolment (the ID photo alone does not count: the learner never took it). */
  async hasActiveLive(db: DbOrTrx, userId: string): Promise<boolean> {
    return !!(await db
      .selectFrom('face_enrolments')
      .select('id')
      .where('user_id', '=', userId)
      .where('slot', '=', 'live:active')
      .executeTakeFirst());
  }

  /** The active enrolment a learner is verified against: the live face, or failing that the ID photo. */
  async activeEnrolment(db: DbOrTrx, userId: string, source?: 'live' | 'id_photo'): Promise<ActiveDescriptor | null> {
    let q = db
      .selectFrom('face_enrolments')
      .select(['id', 'user_id', 'source', 'status', 'descriptor_enc'])
      .where('user_id', '=', userId)
      .where('status', '=', 'active');
    if (source) q = q.where('source', '=', source);
    const rows = await q.execute();
    const row = rows.find((r) => r.source === 'live') ?? rows[0];
    return row
      ? {
          enrolmentId: row.id,
          userId: row.user_id,
          source: row.source,
          status: row.status,
          descriptor: this.openDescriptor(row.descriptor_enc),
        }
      : null;
  }
}
