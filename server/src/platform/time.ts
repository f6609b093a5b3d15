// China time in one place: China Standard Time is UTC+8 all year (no daylight saving), so a fixed offset gives the
// calendar day of an instant without a time-zone database; formatBeijingTime names the zone for text people read.

/** China Standard Time minus UTC, in milliseconds. */
export const CST_OFFSET_MS = 8 * 3600_000;

/** The China Standard Time calendar day (YYYY-MM-DD) of an instant. */
export function beijingDate(at: Date | number | string): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 10);
}

const beijing = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** "2026-03-01 16:00:00" in China Standard Time, for messages people read; the API carries ISO UTC. */
export function formatBeijingTime(date: Date | string): string {
  return beijing.format(typeof date === 'string' ? new Date(date) : date);
}

export const addMinutes = (date: Date, minutes: number): Date => new Date(date.getTime() + minutes * 60_000);
export const addSeconds = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);
export const addDays = (date: Date, days: number): Date => new Date(date.getTime() + days * 86_400_000);
