// Dates and times shown in the user's language (the browser's time zone).

function locale(language: string): string {
  return language === 'en' ? 'en-GB' : 'zh-CN';
}

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language), { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function formatNumber(value: number | string, language: string): string {
  return typeof value === 'number' ? new Intl.NumberFormat(locale(language)).format(value) : value;
}

/**
 * A deadline or submission time to the minute in Beijing time (Asia/Shanghai), whatever the browser's zone: review
 * deadlines are working days in Beijing and end at 23:59, and seconds say nothing to a reader.
 */
export function formatBeijingMinute(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language), {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** Today's date in Beijing (YYYY-MM-DD), whatever the browser's zone: class dates are Beijing dates. */
export function beijingToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * Money kept in integer fen shown in yuan with two decimals, in integers (no floating point): 150000 → "¥1,500.00"
 * in Chinese, "CNY 1,500.00" in English.
 */
export function formatYuan(fen: number, language: string): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = new Intl.NumberFormat('en-US').format(Math.floor(abs / 100));
  const amount = `${yuan}.${String(abs % 100).padStart(2, '0')}`;
  return language === 'en' ? `${sign}CNY ${amount}` : `${sign}¥${amount}`;
}
