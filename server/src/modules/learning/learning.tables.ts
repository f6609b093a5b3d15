import type { ColumnType } from 'kysely';

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
  /** Face checks missed or failed in this lesson since it was last reset (optional on insert: defaults to 0). */
  face_misses: ColumnType<number, number | undefined, number>;
  completed_at: string | null;
  updated_at: string;
  /**
   * What the learner's last session of the lesson left for the next (ADR 0008): ground held since the last passed
   * check (JSON segments, not yet credited) and the check still outstanding (JSON, open or failed; null when none).
   */
  held: ColumnType<string, string | undefined, string>;
  held_ms: ColumnType<number, number | undefined, number>;
  open_check: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LearningDailyTable {
  user_id: string;
  /** China Standard Time date. */
  day: string;
  credited_ms: number;
}

/**
 * The learner's standing in a class's online learning: face checks missed there (reset when a suspension is lifted)
 * and, once they reach the policy's limit, the suspension the institution must lift before learning goes on.
 */
export interface LearningClassStatusTable {
  user_id: string;
  class_id: string;
  face_misses: number;
  suspended_at: string | null;
  /** JSON: why (misses, limit, the session and lesson where the limit was reached). */
  suspension: string | null;
  lifted_at: string | null;
  lifted_by: string | null;
  lift_note: string | null;
  updated_at: string;
}
