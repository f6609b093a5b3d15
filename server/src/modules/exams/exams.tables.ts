export type ExamKind = 'practice' | 'mock' | 'formal';
export type CountedAttempt = 'best' | 'last';
/** awaiting_face: created, the face check at start not yet passed (the clock has not started); open: running. */
export type AttemptStatus = 'awaiting_face' | 'open' | 'submitted' | 'graded';
export type SubmittedBy = 'learner' | 'deadline' | 'focus_limit';

/** An exam of a class: a paper of the question banks under a window, a time limit, attempts and a pass mark. */
export interface ExamsTable {
  id: string;
  class_id: string;
  institution_id: string;
  region_code: string;
  paper_id: string;
  kind: ExamKind;
  title: string;
  window_start: string;
  window_end: string;
  /** null: no limit but the window (practice). */
  time_limit_minutes: number | null;
  /** null: unlimited. */
  max_attempts: number | null;
  /** Out of 100. */
  pass_mark: number;
  counts: CountedAttempt;
  /** The paper's total score when the exam was set. */
  total_score: number;
  created_by: string;
  created_at: string;
}

/** One attempt: the paper drawn for it (server side only) and the server's deadline, fixed when the clock starts. */
export interface ExamAttemptsTable {
  id: string;
  exam_id: string;
  class_id: string;
  user_id: string;
  attempt_no: number;
  seed: string;
  /** JSON: the drawn items `{ versionId, score, optionOrder }[]` — never sent as such. */
  items: string;
  status: AttemptStatus;
  created_at: string;
  started_at: string | null;
  deadline_at: string | null;
  submitted_at: string | null;
  submitted_by: SubmittedBy | null;
  /** Points (out of the paper's total) once every answer is graded; objective points meanwhile. */
  score: number | null;
  /** Answers waiting for a teacher's decision. */
  pending_manual: number;
  device_id: string;
  login_session_id: string;
  ip: string;
  focus_losses: number;
  /** JSON: the face checks of the attempt (exam-rules.ts FacePlan). */
  face_plan: string;
}

export interface ExamAnswersTable {
  attempt_id: string;
  item_index: number;
  version_id: string;
  /** JSON string[]. */
  answer: string;
  saved_at: string;
  max_score: number;
  graded_score: number | null;
  needs_person: number;
  grader_id: string | null;
  decided_at: string | null;
}

export type ExamEventKind = 'focus_lost' | 'hidden' | 'face_check' | 'resumed';

export interface ExamEventsTable {
  id: string;
  attempt_id: string;
  user_id: string;
  class_id: string;
  kind: ExamEventKind;
  at: string;
  /** JSON. */
  data: string;
}

export interface PracticalItemsTable {
  id: string;
  class_id: string;
  title: string;
  max_score: number;
  sort: number;
}

export interface PracticalScoresTable {
  id: string;
  class_id: string;
  user_id: string;
  item_id: string;
  score: number;
  assessor_id: string;
  /** JSON: media ids (photos, short videos) uploaded through the media pipeline. */
  evidence: string;
  entered_at: string;
}
