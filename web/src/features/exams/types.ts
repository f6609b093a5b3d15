// Shapes of the exam API (server/src/modules/exams/exams.contract.ts), imported as types only.
export type {
  AttemptView,
  ClassAssessment,
  EventResult,
  ExamView,
  FaceResult,
  GradeResult,
  GradingItem,
  LearnerAssessment,
  PracticalItem,
  PracticeFeedback,
  ReviewItem,
  SaveResult,
} from '@contracts';

/** Where one answer stands on its way to the server. */
export type SaveState = 'saving' | 'saved' | 'offline' | 'refused';
