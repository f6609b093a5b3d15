import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { FaceVerifier } from '../learning/learning.service.js';
import { sniffFacePhoto, type FaceEvidence, type FacePhoto } from './face-evidence.js';
import type { FaceCheckResult } from './faces.tables.js';
import { assessQuality } from './quality.js';

export type FaceCheckContext = { kind: string; id: string | null };
export type Verification = { ok: boolean; reason?: string; checkId: string; distance: number | null; threshold: number };

/**
 * The face check the learning engine (and later attendance) calls: the photo must pass the quality checks and lie
 * within the calibrated distance of the learner's enrolled face (the live one, or the ID photo when there is no live
 * one). Every check is stored — result, distance, threshold, engine and the sealed photo — as append-only evidence,
 * whether it passed or not. A face that does not match is "another face on this account": the alert console reads
 * the failed checks.
 */
export class FaceVerifierService implements FaceVerifier {
  constructor(private readonly deps: { db: Kysely<Database>; clock: Clock; evidence: FaceEvidence }) {}

  async verify(userId: string, photoBytes: Buffer, context: FaceCheckContext = { kind: 'learning', id: null }): Promise<Verification> {
    const { evidence } = this.deps;
    const threshold = evidence.engine.threshold;
    const enrolment = await evidence.activeEnrolment(this.deps.db, userId);
    let photo: FacePhoto;
    try {
      photo = await sniffFacePhoto(photoBytes);
    } catch {
      return this.record(userId, context, { enrolmentId: enrolment?.enrolmentId ?? null, result: 'rejected', reason: 'photo_invalid', distance: null, threshold, photo: null });
    }
    if (!enrolment) return this.record(userId, context, { enrolmentId: null, result: 'not_enrolled', reason: 'not_enrolled', distance: null, threshold, photo });

    let analysis;
    try {
      analysis = await evidence.analyse(photo);
    } catch (error) {
      // A busy engine is the server's problem, not a failed check: the caller may retry without losing an attempt.
      if (error instanceof AppError && error.code === 'FACE_PHOTO_INVALID') {
        return this.record(userId, context, { enrolmentId: enrolment.enrolmentId, result: 'rejected', reason: 'photo_invalid', distance: null, threshold, photo: null });
      }
      throw error;
    }
    const quality = assessQuality(analysis, evidence.deps.quality);
    if (!quality.ok) return this.record(userId, context, { enrolmentId: enrolment.enrolmentId, result: 'rejected', reason: quality.reason, distance: null, threshold, photo });
    const distance = evidence.engine.distance(quality.face.descriptor, enrolment.descriptor);
    const ok = distance <= threshold;
    return this.record(userId, context, { enrolmentId: enrolment.enrolmentId, result: ok ? 'pass' : 'fail', reason: ok ? null : 'mismatch', distance, threshold, photo });
  }

  private async record(userId: string, context: FaceCheckContext, check: {
    enrolmentId: string | null; result: FaceCheckResult; reason: string | null; distance: number | null; threshold: number; photo: FacePhoto | null;
  }): Promise<Verification> {
    const { db, clock, evidence } = this.deps;
    const id = newId();
    const photoKey = check.photo ? `faces/${userId}/checks/${id}.${check.photo.ext}.enc` : null;
    if (photoKey) await evidence.putPhoto(photoKey, check.photo!);
    try {
      await db.insertInto('face_checks').values({
        id, user_id: userId, enrolment_id: check.enrolmentId, context_kind: context.kind, context_id: context.id, engine: evidence.engine.name,
        distance: check.distance, threshold: check.threshold, result: check.result, reason: check.reason, photo_key: photoKey, at: clock.now().toISOString(),
      }).execute();
    } catch (error) {
      if (photoKey) await evidence.deletePhoto(photoKey);
      throw error;
    }
    const ok = check.result === 'pass';
    return { ok, ...(ok ? {} : { reason: check.reason ?? check.result }), checkId: id, distance: check.distance, threshold: check.threshold };
  }
}
