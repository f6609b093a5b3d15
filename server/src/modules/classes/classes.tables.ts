import type { Generated } from 'kysely';

// Class opening (开班), enrolment, offline practice and attendance. A class is the unit the regulator approves and
// subsidises: its courses (online theory), offline sessions (practice), teachers and roster.

/** draft → submitted → approved | returned (→ submitted again) | rejected; approved → closed. */
export type ClassStatus = 'draft' | 'submitted' | 'returned' | 'rejected' | 'approved' | 'closed';

export interface ClassesTable {
  id: string;
  institution_id: string;
  /** The institution's region at the time of application: decides the reviewing regulators and the policy. */
  region_code: string;
  name: string;
  occupation_code: string;
  level: number;
  start_date: string;
  end_date: string;
  /** Offline practice hours planned (class hours of the policy). */
  offline_hours: number;
  assessment_plan: string;
  /** Learners may enrol themselves (e.g. free campaigns) while the class is approved and not started. */
  self_enrol: number;
  capacity: number;
  status: ClassStatus;
  /** JSON: the policy version refs the class was approved under (see PoliciesService.atVersions). */
  policy_refs: string | null;
  submitted_at: string | null;
  /** Review deadline: working days after submission (policy reviewDeadlineWorkingDays). */
  review_due_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ClassCoursesTable {
  class_id: string;
  course_id: string;
  sort: number;
}

export interface ClassTeachersTable {
  class_id: string;
  user_id: string;
}

/** An offline practice session at a venue; the venue's coordinates bound attendance check-ins. */
export interface ClassSessionsTable {
  id: string;
  class_id: string;
  title: string;
  venue_name: string;
  address: string;
  latitude: number;
  longitude: number;
  starts_at: string;
  ends_at: string;
}

export type EnrolmentStatus = 'enrolled' | 'withdrawn';

export interface EnrolmentsTable {
  id: string;
  class_id: string;
  user_id: string;
  status: EnrolmentStatus;
  source: 'import' | 'manual' | 'self';
  created_by: string | null;
  created_at: string;
}

export type ReviewAction =
  | 'submitted'
  | 'approved'
  | 'returned'
  | 'rejected'
  | 'change_submitted'
  | 'change_approved'
  | 'change_returned'
  | 'change_rejected';

/** Every step of a class's review, with the pre-check results as they were at that moment. */
export interface ClassReviewsTable {
  id: string;
  class_id: string;
  change_id: string | null;
  action: ReviewAction;
  comment: string;
  prechecks: string | null;
  actor_id: string;
  at: string;
}

export type ChangeStatus = 'submitted' | 'approved' | 'returned' | 'rejected';

/** A change to an approved class (roster, schedule, teachers): it takes effect only once approved. */
export interface ClassChangesTable {
  id: string;
  class_id: string;
  kind: 'roster' | 'sessions' | 'teachers' | 'dates';
  /** JSON: the proposed state of what changes. */
  payload: string;
  reason: string;
  status: ChangeStatus;
  submitted_by: string;
  submitted_at: string;
  review_due_at: string;
  decided_at: string | null;
  decided_by: string | null;
  /** JSON: the class's state of what changes when the change was proposed (see class-changes.ts); null before 0005. */
  before_payload: string | null;
}

/** Teachers' vocational qualifications, managed by their institution; a disqualified teacher cannot teach a class. */
export interface TeacherQualificationsTable {
  id: string;
  user_id: string;
  occupation_code: string;
  level: number;
  certificate_no: string;
  valid_until: string | null;
  status: 'valid' | 'disqualified';
  created_at: string;
  /** 职业资格证书, 职业技能等级证书, 专项职业能力证书 or another certificate (see teachers.service.ts). */
  certificate_kind: Generated<string>;
  disqualified_at: string | null;
  disqualified_by: string | null;
  disqualified_reason: string | null;
  /** The platform-wide disqualification that withdrew it (restored when that is lifted). */
  disqualification_id: string | null;
}

/**
 * A teacher disqualified platform-wide (organising or doing proxy learning): by the person's ID lookup hash, so every
 * account of the person in every institution is concerned; at most one active per person; lifted by a regulator.
 */
export interface TeacherDisqualificationsTable {
  id: string;
  person_hash: string;
  user_id: string;
  region_code: string | null;
  alert_id: string | null;
  status: 'active' | 'lifted';
  reason: string;
  created_by: string;
  created_at: string;
  lifted_by: string | null;
  lifted_at: string | null;
  lift_reason: string | null;
}

export interface AttendanceTable {
  id: string;
  class_id: string;
  session_id: string;
  user_id: string;
  check_in_at: string;
  check_in_latitude: number;
  check_in_longitude: number;
  check_in_photo_key: string;
  check_out_at: string | null;
  check_out_latitude: number | null;
  check_out_longitude: number | null;
  check_out_photo_key: string | null;
  /** Minutes of the session actually attended (between check-in and check-out, inside the session). */
  minutes: number | null;
}
