// The working-day calendar's rules, pure: a notice expanded into days, and what makes a year's days valid.
import type { WorkCalendar } from './working-days.js';
import type { HolidayNotice } from './data/public-holidays.js';

export type CalendarDay = { day: string; kind: 'holiday' | 'workday'; name: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Every day of a notice: each day of each holiday span, and each make-up working day. */
export function expandNotice(notice: HolidayNotice): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (const h of notice.holidays) {
    for (let t = Date.parse(`${h.from}T00:00:00Z`); t <= Date.parse(`${h.to}T00:00:00Z`); t += 86_400_000) {
      days.push({ day: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name: h.name });
    }
  }
  for (const w of notice.workdays) days.push({ day: w.day, kind: 'workday', name: w.name });
  return days.sort((a, b) => (a.day < b.day ? -1 : 1));
}

export function calendarOf(days: readonly CalendarDay[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

export type CalendarIssue = {
  index: number;
  day: string;
  problem: 'invalid_date' | 'other_year' | 'duplicate' | 'workday_not_weekend';
};

/**
 * What is wrong with a year's days, first problem per day: a date that does not exist, a day of another year, the
 * same day twice, or a make-up working day that is not a Saturday or Sunday (a weekday is a working day anyway).
 */
export function checkYear(year: number, days: readonly CalendarDay[]): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seen = new Set<string>();
  days.forEach((d, index) => {
    const t = DAY.test(d.day) ? Date.parse(`${d.day}T00:00:00Z`) : NaN;
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== d.day)
      issues.push({ index, day: d.day, problem: 'invalid_date' });
    else if (Number(d.day.slice(0, 4)) !== year) issues.push({ index, day: d.day, problem: 'other_year' });
    else if (seen.has(d.day)) issues.push({ index, day: d.day, problem: 'duplicate' });
    else if (d.kind === 'workday' && ![0, 6].includes(new Date(t).getUTCDay()))
      issues.push({ index, day: d.day, problem: 'workday_not_weekend' });
    seen.add(d.day);
  });
  return issues;
}
