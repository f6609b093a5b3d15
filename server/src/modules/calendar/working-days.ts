// Review deadlines count working days in China Standard Time: weekdays, less the State Council's public holidays,
// plus the weekend days worked to make up for them (调休). Those change every year: they come from the working-day
// calendar (modules/calendar), passed in, so these functions stay pure.

import { beijingDate, CST_OFFSET_MS } from '../../platform/time.js';

export { beijingDate };

/** The days that differ from the plain week, as CST calendar days (YYYY-MM-DD). */
export type WorkCalendar = { holidays: ReadonlySet<string>; workdays: ReadonlySet<string> };

/** Weekends only: what a deadline counts when no calendar is known. */
export const PLAIN_WEEK: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** Whether a CST calendar day (YYYY-MM-DD) is a working day. */
export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The end of the `days`-th working day after `from` (23:59:59.999 CST), as an instant. Submitting on a Friday
 * evening with 3 working days gives the end of the next Wednesday (in a week without holidays).
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkCalendar = PLAIN_WEEK): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  // Midnight CST of the submission day, as UTC milliseconds.
  const startOfDay = Math.floor((from.getTime() + CST_OFFSET_MS) / 86_400_000) * 86_400_000 - CST_OFFSET_MS;
  let day = startOfDay;
  let counted = 0;
  while (counted < days) {
    day += 86_400_000;
    if (isWorkingDay(beijingDate(day), calendar)) counted++;
  }
  return new Date(day + 86_400_000 - 1);
}

/** Working days left until `due` (negative when overdue), for the review queue. */
export function isOverdue(due: string | null, now: Date): boolean {
  return due !== null && now.getTime() > Date.parse(due);
}
