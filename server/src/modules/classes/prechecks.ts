import { beijingDate } from '../../platform/time.js';
import type { PolicyDocument } from '../policies/index.js';

// The automatic pre-checks of a class application (开班预检), as one pure function over everything they need.
// Each item passes or fails with a code and the figures behind it; the institution sees them before submitting and
// the reviewer sees the same list (stored with every review step).

export type PrecheckKey =
  | 'institution_credit'
  | 'dates'
  | 'courses'
  | 'hours'
  | 'online_share'
  | 'general_modules'
  | 'offline_sessions'
  | 'teachers'
  | 'learners'
  | 'no_overlap';

export type PrecheckItem = { key: PrecheckKey; passed: boolean; reason: string; figures?: Record<string, unknown> };

export type PrecheckInput = {
  today: string;
  klass: { occupationCode: string; level: number; startDate: string; endDate: string; offlineHours: number };
  standard: { minHours: number; maxOnlinePercent: number } | null;
  policy: PolicyDocument;
  courses: {
    id: string;
    title: string;
    status: string;
    classHours: number;
    pendingLessons: number;
    occupationCode: string | null;
    generalModuleCode: string | null;
  }[];
  sessions: { title: string; startsAt: string; endsAt: string; latitude: number; longitude: number }[];
  teachers: {
    id: string;
    name: string;
    status: string;
    qualifications: { occupationCode: string; level: number; status: string; validUntil: string | null }[];
    /** Disqualified platform-wide (organising or doing proxy learning): cannot be put on any class. */
    disqualified?: boolean;
  }[];
  /** The institution's credit standing today (absent: no credit events, not restricted). */
  credit?: { score: number; restricted: boolean; until: string | null };
  learners: { id: string; name: string; status: string; idNumberValid: boolean }[];
  /** Learners already in another live class of the same occupation and level whose dates intersect this one's. */
  overlaps: { userId: string; name: string; className: string }[];
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const pass = (key: PrecheckKey, reason: string, figures?: Record<string, unknown>): PrecheckItem => ({
  key,
  passed: true,
  reason,
  figures,
});
const fail = (key: PrecheckKey, reason: string, figures?: Record<string, unknown>): PrecheckItem => ({
  key,
  passed: false,
  reason,
  figures,
});

/** Hours of offline sessions, from their times (a class hour of the policy's length). */
export function sessionHours(sessions: PrecheckInput['sessions'], classHourMinutes: number): number {
  const minutes = sessions.reduce(
    (sum, s) => sum + Math.max(0, Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000,
    0,
  );
  return Math.floor((minutes / classHourMinutes) * 10) / 10;
}

export function runPrechecks(input: PrecheckInput): PrecheckItem[] {
  const { klass, policy, standard } = input;
  const items: PrecheckItem[] = [];

  // An institution under credit restriction (信用限制) opens no class until the period ends (docs/credit.md).
  const credit = input.credit ?? { score: 100, restricted: false, until: null };
  if (credit.restricted)
    items.push(fail('institution_credit', 'restricted', { score: credit.score, until: credit.until }));
  else items.push(pass('institution_credit', 'ok', { score: credit.score }));

  // Dates: coherent, not in the past, and long enough to learn the hours within the daily cap.
  const days = (Date.parse(klass.endDate) - Date.parse(klass.startDate)) / 86_400_000 + 1;
  if (!(days >= 1))
    items.push(fail('dates', 'end_before_start', { startDate: klass.startDate, endDate: klass.endDate }));
  else if (klass.startDate < input.today)
    items.push(fail('dates', 'start_in_past', { startDate: klass.startDate, today: input.today }));
  else items.push(pass('dates', 'ok', { days }));

  const problemCourses = input.courses.filter((c) => c.status !== 'published' || c.pendingLessons > 0);
  if (input.courses.length === 0) items.push(fail('courses', 'none'));
  else if (problemCourses.length > 0)
    items.push(fail('courses', 'not_ready', { courses: problemCourses.map((c) => c.title) }));
  else items.push(pass('courses', 'ok', { count: input.courses.length }));

  // Hours: online class hours count with the policy's factor; online + offline must reach the standard's minimum.
  const onlineHours = round1(input.courses.reduce((sum, c) => sum + c.classHours, 0));
  const countedOnline = round1(onlineHours * policy.onlineHourFactor);
  const totalCounted = round1(countedOnline + klass.offlineHours);
  if (!standard) items.push(fail('hours', 'no_standard', { occupationCode: klass.occupationCode, level: klass.level }));
  else if (totalCounted < standard.minHours) {
    items.push(
      fail('hours', 'below_standard', {
        onlineHours,
        countedOnline,
        offlineHours: klass.offlineHours,
        total: totalCounted,
        required: standard.minHours,
      }),
    );
  } else
    items.push(
      pass('hours', 'ok', {
        onlineHours,
        countedOnline,
        offlineHours: klass.offlineHours,
        total: totalCounted,
        required: standard.minHours,
      }),
    );

  // Online share: the stricter of the standard's and the region's cap, measured on counted hours.
  const cap = Math.min(policy.maxOnlineShare, standard ? standard.maxOnlinePercent / 100 : 1);
  const share = totalCounted > 0 ? Math.round((countedOnline / totalCounted) * 1000) / 1000 : 0;
  if (share > cap + 1e-9) items.push(fail('online_share', 'above_cap', { share, cap }));
  else items.push(pass('online_share', 'ok', { share, cap }));

  const covered = new Set(
    input.courses
      .filter((c) => c.status === 'published')
      .map((c) => c.generalModuleCode)
      .filter(Boolean),
  );
  const missing = policy.requiredGeneralModules.filter((m) => !covered.has(m));
  if (missing.length > 0) items.push(fail('general_modules', 'missing', { missing }));
  else items.push(pass('general_modules', 'ok', { required: policy.requiredGeneralModules }));

  // Offline practice: sessions at a located venue inside the class period, adding up to the planned hours.
  if (klass.offlineHours > 0 || input.sessions.length > 0) {
    const planned = sessionHours(input.sessions, policy.classHourMinutes);
    // Class dates are Beijing calendar days; session times are UTC instants (08:00 Beijing is 00:00 UTC).
    const outside = input.sessions.filter(
      (s) =>
        beijingDate(s.startsAt) < klass.startDate || beijingDate(s.endsAt) > klass.endDate || s.endsAt <= s.startsAt,
    );
    if (input.sessions.length === 0) items.push(fail('offline_sessions', 'none', { offlineHours: klass.offlineHours }));
    else if (outside.length > 0)
      items.push(fail('offline_sessions', 'outside_period', { sessions: outside.map((s) => s.title) }));
    else if (planned < klass.offlineHours)
      items.push(fail('offline_sessions', 'too_short', { planned, offlineHours: klass.offlineHours }));
    else items.push(pass('offline_sessions', 'ok', { planned, offlineHours: klass.offlineHours }));
  } else items.push(pass('offline_sessions', 'not_needed'));

  // Teachers: at least one; each active and holding a valid qualification in this occupation at this level or higher
  // (level 1 is the highest), valid through the class's end.
  const unqualified = input.teachers.filter(
    (t) =>
      t.status !== 'active' ||
      !t.qualifications.some(
        (q) =>
          q.status === 'valid' &&
          q.occupationCode === klass.occupationCode &&
          q.level <= klass.level &&
          (q.validUntil === null || q.validUntil >= klass.endDate),
      ),
  );
  const banned = input.teachers.filter((t) => t.disqualified);
  if (input.teachers.length === 0) items.push(fail('teachers', 'none'));
  else if (banned.length > 0) items.push(fail('teachers', 'disqualified', { teachers: banned.map((t) => t.name) }));
  else if (unqualified.length > 0)
    items.push(fail('teachers', 'unqualified', { teachers: unqualified.map((t) => t.name) }));
  else items.push(pass('teachers', 'ok', { count: input.teachers.length }));

  const badLearners = input.learners.filter((l) => l.status === 'disabled' || !l.idNumberValid);
  if (input.learners.length === 0) items.push(fail('learners', 'none'));
  else if (badLearners.length > 0)
    items.push(fail('learners', 'not_real_name', { learners: badLearners.map((l) => l.name) }));
  else items.push(pass('learners', 'ok', { count: input.learners.length }));

  if (input.overlaps.length > 0)
    items.push(
      fail('no_overlap', 'overlapping_class', {
        learners: input.overlaps.map((o) => ({ name: o.name, className: o.className })),
      }),
    );
  else items.push(pass('no_overlap', 'ok'));
  return items;
}

export const allPassed = (items: PrecheckItem[]) => items.every((i) => i.passed);
