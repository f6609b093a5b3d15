// Review deadlines count working days in China Standard Time. Weekends are skipped; the State Council's public
// holidays and their make-up working days change every year and are not modelled yet (a deadline may therefore fall
// on a holiday; the reviewer sees it as due, never as overdue early).

const CST_OFFSET_MS = 8 * 3600_000;

/** The China Standard Time calendar day (YYYY-MM-DD) of an instant. */
export function beijingDate(at: Date | number | string): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day of week (0 Sunday … 6 Saturday) of an instant, in China Standard Time. */
function cstDay(ms: number): number {
  return new Date(ms + CST_OFFSET_MS).getUTCDay();
}

/**
 * The end of the `days`-th working day after `from` (23:59:59.999 CST), as an instant. Submitting on a Friday
 * evening with 3 working days gives the end of the next Wednesday.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  // Midnight CST of the submission day, as UTC milliseconds.
  const startOfDay = Math.floor((from.getTime() + CST_OFFSET_MS) / 86_400_000) * 86_400_000 - CST_OFFSET_MS;
  let day = startOfDay;
  let counted = 0;
  while (counted < days) {
    day += 86_400_000;
    const weekday = cstDay(day);
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return new Date(day + 86_400_000 - 1);
}

/** Working days left until `due` (negative when overdue), for the review queue. */
export function isOverdue(due: string | null, now: Date): boolean {
  return due !== null && now.getTime() > Date.parse(due);
}
