import type { DbOrTrx } from '../../database/schema.js';
import { NATIONAL_POLICY } from '../catalog/index.js';
import type { PolicyDocument } from '../policies/index.js';
import type { Consequence, LearningRules, LivenessAction, SessionState } from './crediting.js';
import { evidenceDraft, type Evidence, type EvidenceData, type EvidenceKind } from './evidence.js';
import type { RecordDraft } from './records.js';

// The learning engine's side of face checks while learning (issue 6): the port the faces module implements, the
// policy's face rules with their defaults, the learner's standing in a class (misses, suspension) and the evidence
// written when misses reach a limit. The rules themselves are pure, in crediting.ts.

/** Which learning check a face check answered: the faces module stores it with the photo (face_checks.context_*). */
export type LearningCheckRef = { sessionId: string; checkId: string };

/** The frames the player filmed (one, or several a moment apart while prompting the head turn) and the turn asked for. */
export type FaceAnswer = { frames: Buffer[]; action: LivenessAction | null };

export type FaceVerdict = {
  /**
   * pass: the enrolled person (and the head turn, when asked); fail: judged and not passed (another face, no turn or the
   * wrong one) — an attempt; retake: the photo could not be judged (too dark, blurred, no face, not enrolled…) — the
   * learner can fix it without using an attempt.
   */
  outcome: 'pass' | 'fail' | 'retake';
  /** Why not: a quality reason, 'mismatch', 'no_motion', 'wrong_direction', 'flat_image', 'face_changed', 'not_enrolled', 'photo_invalid'. */
  reason: string | null;
  /** The face_checks row holding the photo, the distance and the liveness reading. */
  faceCheckId: string;
  distance: number | null;
  threshold: number;
  liveness: { action: LivenessAction; turn: number | null; opposite: number | null } | null;
};

/** The face engine port: the faces module's FaceVerifierService implements it (services.ts). */
export interface FaceVerifier {
  verifyLearning(userId: string, answer: FaceAnswer, ref: LearningCheckRef): Promise<FaceVerdict>;
  /** Whether the learner has a face to be checked against (the player warns before the first check otherwise). */
  isEnrolled(userId: string): Promise<boolean>;
}

/** Frames a face check answer carries: a head turn needs several to show the motion. */
export const FACE_FRAMES = { still: { min: 1, max: 8 }, liveness: { min: 3, max: 8 } } as const;

/** The policy's face-check rules; fields absent from documents published before them take the national defaults. */
export function faceRules(policy: PolicyDocument, faceEngine: boolean): LearningRules['face'] {
  const f = { ...NATIONAL_POLICY.faceCheck, ...policy.faceCheck };
  return {
    // minPerLesson 0 is a region's way of asking for no face checks.
    enabled: faceEngine && f.minPerLesson > 0,
    minPerLesson: f.minPerLesson,
    maxIntervalMinutes: f.maxIntervalMinutes,
    responseSeconds: f.responseSeconds,
    retries: f.retries,
    liveness: f.liveness ?? true,
    maxMissesPerLesson: f.maxMissesPerLesson ?? 0,
    maxMissesPerClass: f.maxMissesPerClass ?? 0,
    freeRetakes: f.freeRetakes ?? 5,
  };
}

export type ClassStanding = { faceMisses: number; suspendedAt: string | null };

export async function classStanding(db: DbOrTrx, userId: string, classId: string): Promise<ClassStanding> {
  const row = await db
    .selectFrom('learning_class_status')
    .select(['face_misses', 'suspended_at'])
    .where('user_id', '=', userId)
    .where('class_id', '=', classId)
    .executeTakeFirst();
  return { faceMisses: row?.face_misses ?? 0, suspendedAt: row?.suspended_at ?? null };
}

/** The evidence of consequences: the lesson reset, the suspension, and the end of the session they cause. */
export function consequenceDrafts(
  base: { userId: string; sessionId: string; classId: string; lessonId: string; at: string },
  before: SessionState,
  consequences: Consequence[],
): RecordDraft[] {
  if (consequences.length === 0) return [];
  const make = <K extends EvidenceKind>(kind: K, data: EvidenceData<K>): RecordDraft =>
    evidenceDraft(base, { kind, data } as Evidence);
  const drafts: RecordDraft[] = [];
  for (const c of consequences) {
    if (c.kind === 'lesson_reset') {
      drafts.push(
        make('lesson_reset', {
          classId: base.classId,
          lessonId: base.lessonId,
          misses: c.misses,
          limit: c.limit,
          revokedMs: c.revokedMs,
          watchedMs: c.watchedMs,
          coverage: before.coverage.map(([from, to]): [number, number] => [from, to]),
        }),
      );
    } else {
      drafts.push(
        make('learning_suspended', {
          classId: base.classId,
          lessonId: base.lessonId,
          misses: c.misses,
          limit: c.limit,
        }),
      );
    }
  }
  drafts.push(
    make('session_ended', {
      reason: 'face_checks_missed',
      creditedMs: before.sessionCreditMs,
      heldMsDropped: before.pendingCreditMs,
    }),
  );
  return drafts;
}
