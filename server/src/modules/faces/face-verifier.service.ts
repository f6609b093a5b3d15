import type { Kysely } from 'kysely';
import type { Database } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { FaceAnswer, FaceVerdict, FaceVerifier, LearningCheckRef } from '../learning/index.js';
import type { AccountSharing } from './account-sharing.js';
import { sniffFacePhoto, type FaceEvidence, type FacePhoto } from './face-evidence.js';
import type { FaceCheckResult } from './faces.tables.js';
import {
  DEFAULT_LIVENESS_RULES,
  judgeLiveness,
  registrationFace,
  type LivenessAction,
  type LivenessInput,
  type LivenessRules,
} from './liveness.js';
import { assessQuality } from './quality.js';

/** What asked for a check: kind 'learning' with the learning session as id and the learning check as step, … */
export type FaceCheckContext = { kind: string; id: string | null; step?: string | null };
export type Verification = {
  ok: boolean;
  reason?: string;
  checkId: string;
  distance: number | null;
  threshold: number;
};

/**
 * The face check the learning engine (and later attendance) calls: the photo must pass the quality checks and lie
 * within the calibrated distance of the learner's enrolled face (the live one, or the ID photo when there is no live
 * one). Every check is stored — result, distance, threshold, engine and the sealed photo — as append-only evidence,
 * whether it passed or not. A face that does not match is "another face on this account": the alert console reads
 * the failed checks.
 */
export class FaceVerifierService implements FaceVerifier {
  constructor(
    private readonly deps: {
      db: Kysely<Database>;
      clock: Clock;
      evidence: FaceEvidence;
      sharing?: AccountSharing;
      liveness?: LivenessRules;
    },
  ) {}

  /** Whether the learner has a live face enrolled: lessons with face checks and attendance do not start without one. */
  async isEnrolled(userId: string): Promise<boolean> {
    return this.deps.evidence.hasActiveLive(this.deps.db, userId);
  }

  async verify(
    userId: string,
    photoBytes: Buffer,
    context: FaceCheckContext = { kind: 'learning', id: null },
  ): Promise<Verification> {
    const { evidence } = this.deps;
    const threshold = evidence.engine.threshold;
    const enrolment = await evidence.activeEnrolment(this.deps.db, userId);
    let photo: FacePhoto;
    try {
      photo = await sniffFacePhoto(photoBytes);
    } catch {
      return this.record(userId, context, {
        enrolmentId: enrolment?.enrolmentId ?? null,
        result: 'rejected',
        reason: 'photo_invalid',
        distance: null,
        threshold,
        photo: null,
      });
    }
    if (!enrolment)
      return this.record(userId, context, {
        enrolmentId: null,
        result: 'not_enrolled',
        reason: 'not_enrolled',
        distance: null,
        threshold,
        photo,
      });

    let analysis;
    try {
      analysis = await evidence.analyse(photo);
    } catch (error) {
      // A busy engine is the server's problem, not a failed check: the caller may retry without losing an attempt.
      if (error instanceof AppError && error.code === 'FACE_PHOTO_INVALID') {
        return this.record(userId, context, {
          enrolmentId: enrolment.enrolmentId,
          result: 'rejected',
          reason: 'photo_invalid',
          distance: null,
          threshold,
          photo: null,
        });
      }
      throw error;
    }
    const quality = assessQuality(analysis, evidence.deps.quality);
    if (!quality.ok)
      return this.record(userId, context, {
        enrolmentId: enrolment.enrolmentId,
        result: 'rejected',
        reason: quality.reason,
        distance: null,
        threshold,
        photo,
      });
    const distance = evidence.engine.distance(quality.face.descriptor, enrolment.descriptor);
    const ok = distance <= threshold;
    const verification = await this.record(userId, context, {
      enrolmentId: enrolment.enrolmentId,
      result: ok ? 'pass' : 'fail',
      reason: ok ? null : 'mismatch',
      distance,
      threshold,
      photo,
    });
    // Account sharing: this face on other accounts, or another face on this one, raises a face alert (account-sharing.ts).
    await this.deps.sharing?.afterCheck({
      userId,
      checkId: verification.checkId,
      enrolmentId: enrolment.enrolmentId,
      descriptor: quality.face.descriptor,
      result: ok ? 'pass' : 'fail',
      distance,
      threshold,
      context,
    });
    return verification;
  }

  /**
   * The learning engine's face check (its FaceVerifier port): one photo, or — when the check asks for a head turn —
   * several frames filmed a moment apart, judged by liveness.ts: the enrolled person in every frame, quality on the
   * most frontal one, and the turn asked for. One face_checks row per answer, naming the learning session and check,
   * with the frontal frame as its photo and the others beside it (all sealed).
   */
  async verifyLearning(userId: string, answer: FaceAnswer, ref: LearningCheckRef): Promise<FaceVerdict> {
    return this.verifyAnswer(userId, answer, { kind: 'learning', id: ref.sessionId, step: ref.checkId });
  }

  /** The exams' face check (their ExamFaceVerifier port): the same judgement, stored against the exam attempt. */
  async verifyExam(
    userId: string,
    answer: FaceAnswer,
    ref: { attemptId: string; checkId: string },
  ): Promise<FaceVerdict> {
    return this.verifyAnswer(userId, answer, { kind: 'exam', id: ref.attemptId, step: ref.checkId });
  }

  private async verifyAnswer(userId: string, answer: FaceAnswer, context: FaceCheckContext): Promise<FaceVerdict> {
    if (!answer.action) {
      const v = await this.verify(userId, answer.frames[0], context);
      return {
        outcome: v.ok ? 'pass' : learningOutcome(v.reason ?? null),
        reason: v.ok ? null : (v.reason ?? null),
        faceCheckId: v.checkId,
        distance: v.distance,
        threshold: v.threshold,
        liveness: null,
      };
    }
    return this.verifyTurn(userId, answer.frames, answer.action, context);
  }

  private async verifyTurn(
    userId: string,
    frames: Buffer[],
    action: LivenessAction,
    context: FaceCheckContext,
  ): Promise<FaceVerdict> {
    const { evidence } = this.deps;
    const threshold = evidence.engine.threshold;
    const rules = this.deps.liveness ?? DEFAULT_LIVENESS_RULES;
    const enrolment = await evidence.activeEnrolment(this.deps.db, userId);
    const verdict = (v: Verification, liveness: FaceVerdict['liveness']): FaceVerdict => ({
      outcome: v.ok ? 'pass' : learningOutcome(v.reason ?? null),
      reason: v.ok ? null : (v.reason ?? null),
      faceCheckId: v.checkId,
      distance: v.distance,
      threshold,
      liveness,
    });
    let photos: FacePhoto[];
    try {
      photos = await Promise.all(frames.map((f) => sniffFacePhoto(f)));
    } catch {
      return verdict(
        await this.record(userId, context, {
          enrolmentId: enrolment?.enrolmentId ?? null,
          result: 'rejected',
          reason: 'photo_invalid',
          distance: null,
          threshold,
          photo: null,
        }),
        null,
      );
    }
    if (!enrolment)
      return verdict(
        await this.record(userId, context, {
          enrolmentId: null,
          result: 'not_enrolled',
          reason: 'not_enrolled',
          distance: null,
          threshold,
          photo: photos[0],
        }),
        null,
      );
    let analyses;
    try {
      // A busy engine throws FACE_ENGINE_BUSY: nothing is stored and the caller does not count an attempt.
      analyses = await Promise.all(photos.map((p) => evidence.analyse(p)));
    } catch (error) {
      if (error instanceof AppError && error.code === 'FACE_PHOTO_INVALID') {
        return verdict(
          await this.record(userId, context, {
            enrolmentId: enrolment.enrolmentId,
            result: 'rejected',
            reason: 'photo_invalid',
            distance: null,
            threshold,
            photo: null,
          }),
          null,
        );
      }
      throw error;
    }
    const input: LivenessInput = {
      action,
      frames: analyses,
      enrolled: enrolment.descriptor,
      threshold,
      distance: (a, b) => evidence.engine.distance(a, b),
      quality: evidence.deps.quality,
      rules,
      residual: () => null,
    };
    // The decision is pure; the one costly measure it needs — the registration of the most turned frame onto the
    // frontal one — is computed in the engine's worker once the first pass has named the two frames (only when the
    // turn is enough; without it every other rule has already answered). A busy engine here is 503 as above.
    let judged = judgeLiveness(input);
    if (judged.reason === 'flat_image' && judged.reference !== null && judged.turnFrame !== null) {
      const a = registrationFace(analyses[judged.reference].faces[0]);
      const b = registrationFace(analyses[judged.turnFrame].faces[0]);
      if (a && b) {
        const residual = await evidence.register(a, b);
        judged = judgeLiveness({ ...input, residual: () => residual });
      }
    }
    const reference = judged.reference ?? 0;
    const reading = {
      action,
      minTurnDegrees: rules.minTurnDegrees,
      minResidual: rules.minResidual,
      reference: judged.reference,
      turn: judged.turn,
      opposite: judged.opposite,
      turnFrame: judged.turnFrame,
      residual: judged.residual,
      frames: judged.frames,
    };
    const result: FaceCheckResult = judged.ok
      ? 'pass'
      : learningOutcome(judged.reason) === 'retake'
        ? 'rejected'
        : 'fail';
    const v = await this.record(userId, context, {
      enrolmentId: enrolment.enrolmentId,
      result,
      reason: judged.reason,
      distance: judged.distance,
      threshold,
      photo: photos[reference],
      frames: photos.filter((_, i) => i !== reference),
      liveness: reading,
    });
    const face = judged.reference === null ? undefined : analyses[reference].faces[0];
    if (face && judged.distance !== null && judged.measures && result !== 'rejected') {
      // Account sharing looks at the frontal face, as it does for a single photo.
      await this.deps.sharing?.afterCheck({
        userId,
        checkId: v.checkId,
        enrolmentId: enrolment.enrolmentId,
        descriptor: face.descriptor,
        result: judged.distance <= threshold ? 'pass' : 'fail',
        distance: judged.distance,
        threshold,
        context: { kind: context.kind, id: context.id },
      });
    }
    return verdict(v, { action, turn: judged.turn, opposite: judged.opposite });
  }

  private async record(
    userId: string,
    context: FaceCheckContext,
    check: {
      enrolmentId: string | null;
      result: FaceCheckResult;
      reason: string | null;
      distance: number | null;
      threshold: number;
      photo: FacePhoto | null;
      frames?: FacePhoto[];
      liveness?: object;
    },
  ): Promise<Verification> {
    const { db, clock, evidence } = this.deps;
    const id = newId();
    const photoKey = check.photo ? `faces/${userId}/checks/${id}.${check.photo.ext}.enc` : null;
    const frameKeys = (check.frames ?? []).map((f, i) => `faces/${userId}/checks/${id}-${i + 1}.${f.ext}.enc`);
    const stored: string[] = [];
    try {
      if (photoKey) {
        await evidence.putPhoto(photoKey, check.photo!);
        stored.push(photoKey);
      }
      for (const [i, key] of frameKeys.entries()) {
        await evidence.putPhoto(key, check.frames![i]);
        stored.push(key);
      }
      await db
        .insertInto('face_checks')
        .values({
          id,
          user_id: userId,
          enrolment_id: check.enrolmentId,
          context_kind: context.kind,
          context_id: context.id,
          context_step: context.step ?? null,
          engine: evidence.engine.name,
          distance: check.distance,
          threshold: check.threshold,
          result: check.result,
          reason: check.reason,
          photo_key: photoKey,
          liveness: check.liveness ? JSON.stringify(check.liveness) : null,
          frame_keys: frameKeys.length ? JSON.stringify(frameKeys) : null,
          at: clock.now().toISOString(),
        })
        .execute();
    } catch (error) {
      for (const key of stored) await evidence.deletePhoto(key);
      throw error;
    }
    const ok = check.result === 'pass';
    return {
      ok,
      ...(ok ? {} : { reason: check.reason ?? check.result }),
      checkId: id,
      distance: check.distance,
      threshold: check.threshold,
    };
  }
}

/**
 * How the learning engine counts a failed check: a photo the engine could not judge (too dark, blurred, no face, not
 * enrolled, not an image) is the learner's to retake without using an attempt; a judged one that is not the enrolled
 * person, or shows no head turn, the wrong one or a flat picture turning, is a failed attempt.
 */
export function learningOutcome(reason: string | null): 'fail' | 'retake' {
  const judgeable =
    reason === 'mismatch' ||
    reason === 'no_motion' ||
    reason === 'wrong_direction' ||
    reason === 'flat_image' ||
    reason === 'face_changed';
  return judgeable ? 'fail' : 'retake';
}
