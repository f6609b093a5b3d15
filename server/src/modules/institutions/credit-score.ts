// Institution credit (信用记录): the score and the restriction as one pure function of the credit events and the day.
// docs/credit.md documents the rules; CREDIT_RULES is their single source.
//
// - Every institution starts at 100 points.
// - Each event deducts the points of its severity (minor 4, major 12, severe 30): in full during the 12 months after
//   the Beijing day it occurred, half during the next 12 months, nothing after 24 months.
// - The score is 100 minus the deductions, never below 0.
// - Under 60 the institution is under credit restriction: it cannot open classes and its subsidy claims go to strict
//   review. The restriction's period runs from the day the score fell under 60 to the first day it is back at 60 or
//   more if nothing new happens (as old events weigh less), which the function computes.

export type CreditSeverity = 'minor' | 'major' | 'severe';
export type CreditEventKind = 'fraud_confirmed' | 'recovery_opened' | 'recovery_overdue' | 'false_materials';

export const CREDIT_RULES = {
  start: 100,
  threshold: 60,
  points: { minor: 4, major: 12, severe: 30 } satisfies Record<CreditSeverity, number>,
  fullMonths: 12,
  halfMonths: 24,
} as const;

/**
 * The severity of a confirmed fraud finding on the institution's record, by what it is about: the institution itself
 * or one of its teachers (organising proxy learning) is severe, a class major, one learner minor.
 */
export function findingSeverity(subjectType: string): CreditSeverity {
  if (subjectType === 'institution' || subjectType === 'teacher') return 'severe';
  if (subjectType === 'class') return 'major';
  return 'minor';
}

export type CreditEventFact = { id: string; kind: CreditEventKind; severity: CreditSeverity; occurredOn: string };

export type CreditItem = {
  eventId: string;
  kind: CreditEventKind;
  severity: CreditSeverity;
  occurredOn: string;
  /** 1 in the first 12 months, 0.5 in the next 12, 0 after. */
  weight: 1 | 0.5 | 0;
  deducted: number;
  /** The day its weight next falls (null once it weighs nothing). */
  weighsLessOn: string | null;
};

export type CreditStanding = {
  score: number;
  threshold: number;
  restricted: boolean;
  /** The restriction's period (Beijing days; `until` is the first day it no longer holds). */
  restriction: { since: string; until: string } | null;
  /** The explanation: every event that ever counted, newest first, with what it deducts today. */
  items: CreditItem[];
};

/** A Beijing calendar day plus whole months; the 31st of a shorter month falls on its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function weightOn(event: CreditEventFact, day: string): 1 | 0.5 | 0 {
  if (event.occurredOn > day) return 0;
  if (day < addMonths(event.occurredOn, CREDIT_RULES.fullMonths)) return 1;
  if (day < addMonths(event.occurredOn, CREDIT_RULES.halfMonths)) return 0.5;
  return 0;
}

/** The score on a day, counting the events that had occurred by then. */
export function creditScoreOn(events: readonly CreditEventFact[], day: string): number {
  const deducted = events.reduce((sum, e) => sum + CREDIT_RULES.points[e.severity] * weightOn(e, day), 0);
  return Math.max(0, CREDIT_RULES.start - deducted);
}

/** The days the score can change on: each event's day and the two days its weight falls. */
function changeDays(events: readonly CreditEventFact[]): string[] {
  const days = new Set<string>();
  for (const e of events) {
    days.add(e.occurredOn);
    days.add(addMonths(e.occurredOn, CREDIT_RULES.fullMonths));
    days.add(addMonths(e.occurredOn, CREDIT_RULES.halfMonths));
  }
  return [...days].sort();
}

export function creditStanding(events: readonly CreditEventFact[], today: string): CreditStanding {
  const score = creditScoreOn(events, today);
  const restricted = score < CREDIT_RULES.threshold;
  let restriction: CreditStanding['restriction'] = null;
  if (restricted) {
    const days = changeDays(events);
    // Since: the last change day up to today on which the score went from at least the threshold to under it.
    let since = today;
    let before: number = CREDIT_RULES.start;
    for (const day of days.filter((d) => d <= today)) {
      const now = creditScoreOn(events, day);
      if (before >= CREDIT_RULES.threshold && now < CREDIT_RULES.threshold) since = day;
      before = now;
    }
    // Until: the first later change day the score is back at the threshold (after 24 months it is always 100).
    const until = days.find((d) => d > today && creditScoreOn(events, d) >= CREDIT_RULES.threshold)!;
    restriction = { since, until };
  }
  const items = events
    .filter((e) => e.occurredOn <= today && e.occurredOn > addMonths(today, -CREDIT_RULES.halfMonths - 1))
    .map((e): CreditItem => {
      const weight = weightOn(e, today);
      return {
        eventId: e.id,
        kind: e.kind,
        severity: e.severity,
        occurredOn: e.occurredOn,
        weight,
        deducted: CREDIT_RULES.points[e.severity] * weight,
        weighsLessOn:
          weight === 1
            ? addMonths(e.occurredOn, CREDIT_RULES.fullMonths)
            : weight === 0.5
              ? addMonths(e.occurredOn, CREDIT_RULES.halfMonths)
              : null,
      };
    })
    .sort((a, b) => (a.occurredOn < b.occurredOn ? 1 : a.occurredOn > b.occurredOn ? -1 : 0));
  return { score, threshold: CREDIT_RULES.threshold, restricted, restriction, items };
}
