// Roll-ups of the supervision dashboards (migration 0012_rollups). All of them are derived: they can be dropped and
// rebuilt from learning_records, learning_sessions, classes, sessions and users by running the roll-up from the start.

/** Learning per learner, class and China Standard Time day (the class gives region, institution and occupation). */
export interface StatsLearnerDailyTable {
  day: string;
  class_id: string;
  user_id: string;
  region_code: string;
  institution_id: string;
  occupation_code: string;
  /** bigint: PostgreSQL returns it as a string. */
  credited_ms: number | string;
  sessions: number;
  records: number;
}

export interface StatsDailyTable {
  day: string;
  region_code: string;
  institution_id: string;
  occupation_code: string;
  /** Distinct learners within this row (a learner active in two rows of a day is counted in both: 学习人次). */
  active_learners: number;
  credited_ms: number | string;
  sessions: number;
}

export interface StatsActiveDailyTable {
  /** 'n' nation, 'r:<region prefix>', 'i:<institution id>'. */
  scope: string;
  day: string;
  active_learners: number;
  /** The scope's day totals (migration 0013): learner_days sums stats_daily.active_learners (学习人次). */
  learner_days: number;
  credited_ms: number | string;
  sessions: number;
}

/** Day totals per region scope ('n', 'r:<prefix>') and occupation (migration 0013). */
export interface StatsOccupationDailyTable {
  scope: string;
  day: string;
  occupation_code: string;
  learner_days: number;
  credited_ms: number | string;
  sessions: number;
}

/**
 * Registered users per role, region and institution ('' for none), counted over the users created before the bound
 * in stats_cursors 'user_counts' (migration 0013); readers add the users created since.
 */
export interface StatsUserCountsTable {
  role: string;
  region_code: string;
  institution_id: string;
  users: number;
}

export interface StatsPlatformDailyTable {
  day: string;
  /** Two-digit province prefix of the user's region, '' for users without one (self-registered learners). */
  province: string;
  logins: number;
  registrations: number;
  active_users: number;
}

export interface StatsCursorsTable {
  name: string;
  position: string;
  updated_at: string;
}

export interface StatsDirtyDaysTable {
  day: string;
}
