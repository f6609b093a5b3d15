/** Written once when a lesson starts: who, which lesson, from where. */
export interface LearningSessionsTable {
  id: string;
  user_id: string;
  class_id: string;
  course_id: string;
  lesson_id: string;
  login_session_id: string | null;
  started_at: string;
  ip: string;
  user_agent: string;
  device_id: string;
  start_position_ms: number;
}

/** Evidence, append-only: each learner's records form one hash chain (`chain_seq` 1, 2, 3 …). */
export interface LearningRecordsTable {
  id: string;
  user_id: string;
  chain_seq: number;
  session_id: string;
  kind: string;
  at: string;
  /** JSON, hashed exactly as stored. */
  data: string;
  /** Credit this record committed (so sessions and days add up in SQL). */
  credited_ms: number;
  prev_hash: string;
  hash: string;
}

/** Derived from the records (and rebuildable from them): the watched ground of each lesson of a class. */
export interface LessonProgressTable {
  user_id: string;
  class_id: string;
  lesson_id: string;
  course_id: string;
  /** JSON list of [startMs, endMs) segments. */
  coverage: string;
  credited_ms: number;
  duration_ms: number;
  face_passes: number;
  completed_at: string | null;
  updated_at: string;
}

export interface LearningDailyTable {
  user_id: string;
  /** China Standard Time date. */
  day: string;
  credited_ms: number;
}
