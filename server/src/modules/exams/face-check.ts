import type { FaceAnswer, FaceVerdict } from '../learning/index.js';

/** Which exam check a face check answered: the faces module stores it with the photo (face_checks.context_*). */
export type ExamCheckRef = { attemptId: string; checkId: string };

/**
 * The exams' face port: the faces module's FaceVerifierService implements it (services.ts) with the same engine,
 * quality rules and head-turn liveness as checks while learning.
 */
export interface ExamFaceVerifier {
  verifyExam(userId: string, answer: FaceAnswer, ref: ExamCheckRef): Promise<FaceVerdict>;
  isEnrolled(userId: string): Promise<boolean>;
}
