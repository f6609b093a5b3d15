import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestPlatform, DEMO, login, type Session, type TestPlatform } from '../../testing/platform.js';
import { addWorkingDays, isWorkingDay } from './working-days.js';
import { PUBLIC_HOLIDAY_NOTICES } from './data/public-holidays.js';
import { seedWorkCalendar, workCalendarFrom } from './calendar.service.js';
import { calendarOf, checkYear, expandNotice } from './work-calendar.js';

const notice = (year: number) => PUBLIC_HOLIDAY_NOTICES.find((n) => n.year === year)!;
const cal2026 = calendarOf(expandNotice(notice(2026)));

describe('working days with the State Council notices (pure)', () => {
  it('expands the 2026 notice: 33 holiday days and 6 make-up working days', () => {
    const days = expandNotice(notice(2026));
    expect(days.filter((d) => d.kind === 'holiday')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(days.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    // Every make-up day of both shipped notices is a weekend day, and no day is listed twice.
    for (const n of PUBLIC_HOLIDAY_NOTICES) expect(checkYear(n.year, expandNotice(n))).toEqual([]);
  });

  it('a deadline skips the Spring Festival and counts the Saturday worked before it', () => {
    expect(isWorkingDay('2026-02-14', cal2026)).toBe(true); // Saturday, worked
    expect(isWorkingDay('2026-02-16', cal2026)).toBe(false); // Monday, holiday
    // Submitted Friday 13 Feb 2026 at 10:00 CST, 3 working days: Sat 14 (worked), then Tue 24 and Wed 25.
    expect(addWorkingDays(new Date('2026-02-13T02:00:00Z'), 3, cal2026).toISOString()).toBe('2026-02-25T15:59:59.999Z');
    // Without the calendar it would have ended on Wednesday 18, in the middle of the holiday.
    expect(addWorkingDays(new Date('2026-02-13T02:00:00Z'), 3).toISOString()).toBe('2026-02-18T15:59:59.999Z');
  });

  it('across National Day: submitted 30 Sep 2026, due Saturday 10 Oct (a make-up working day)', () => {
    expect(addWorkingDays(new Date('2026-09-30T08:00:00Z'), 3, cal2026).toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });

  it('finds invalid, foreign-year, duplicate days and weekday "make-up" days', () => {
    expect(
      checkYear(2026, [
        { day: '2026-02-30', kind: 'holiday', name: 'x' },
        { day: '2027-01-01', kind: 'holiday', name: 'x' },
        { day: '2026-03-02', kind: 'holiday', name: 'x' },
        { day: '2026-03-02', kind: 'holiday', name: 'x' },
        { day: '2026-03-04', kind: 'workday', name: 'x' },
        { day: '2026-03-07', kind: 'workday', name: 'x' },
      ]).map((i) => [i.index, i.problem]),
    ).toEqual([
      [0, 'invalid_date'],
      [1, 'other_year'],
      [3, 'duplicate'],
      [4, 'workday_not_weekend'],
    ]);
  });
});

describe('the working-day calendar through the API', () => {
  let p: TestPlatform;
  const s = {} as Record<'operator' | 'adminA' | 'xihu' | 'learnerA', Session>;
  beforeAll(async () => {
    p = await createTestPlatform();
    s.operator = await login(p, DEMO.operator);
    s.adminA = await login(p, DEMO.adminA);
    s.xihu = await login(p, DEMO.xihuRegulator);
    s.learnerA = await login(p, DEMO.learnerA);
  });
  afterAll(async () => {
    await p?.drop();
  });

  it('ships the notices at start, with their source, readable by staff but not by learners', async () => {
    const res = await call(p, s.adminA, 'GET', '/api/work-calendar/2026');
    expect(res.status).toBe(200);
    expect(res.body.calendar.days).toHaveLength(expandNotice(notice(2026)).length);
    expect(res.body.calendar.days[0]).toMatchObject({
      day: '2026-01-01',
      kind: 'holiday',
      name: '元旦',
      source: notice(2026).source,
    });
    expect((await call(p, s.xihu, 'GET', '/api/work-calendar/2025')).body.calendar.days.length).toBeGreaterThan(0);
    expect((await call(p, s.learnerA, 'GET', '/api/work-calendar/2026')).body.error.code).toBe('FORBIDDEN');
  });

  it('the operator replaces a year; the change is audited, kept over a new seed, and deadlines read it', async () => {
    const days = [
      { day: '2027-01-01', kind: 'holiday', name: '元旦' },
      { day: '2027-02-06', kind: 'holiday', name: '春节' },
      { day: '2027-01-09', kind: 'workday', name: '调休' },
    ];
    expect((await call(p, s.adminA, 'PUT', '/api/work-calendar/2027', { days })).body.error.code).toBe('FORBIDDEN');
    const put = await call(p, s.operator, 'PUT', '/api/work-calendar/2027', { days });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.calendar.days.map((d: any) => [d.day, d.kind, d.source])).toEqual([
      ['2027-01-01', 'holiday', 'operator'],
      ['2027-01-09', 'workday', 'operator'],
      ['2027-02-06', 'holiday', 'operator'],
    ]);
    const audit = await p.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.year_replaced')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({
      year: 2027,
      holidays: 2,
      workdays: 1,
      added: ['2027-01-01', '2027-02-06', '2027-01-09'],
    });

    // Editing a shipped year keeps the source of the days left alone.
    const current = (await call(p, s.operator, 'GET', '/api/work-calendar/2026')).body.calendar.days.map((d: any) => ({
      day: d.day,
      kind: d.kind,
      name: d.name,
    }));
    const edited = await call(p, s.operator, 'PUT', '/api/work-calendar/2026', {
      days: [
        ...current.filter((d: any) => d.day !== '2026-10-07'),
        { day: '2026-12-31', kind: 'holiday', name: '测试' },
      ],
    });
    expect(edited.status).toBe(200);
    const byDay = new Map(edited.body.calendar.days.map((d: any) => [d.day, d]));
    expect(byDay.get('2026-10-01')).toMatchObject({ source: notice(2026).source });
    expect(byDay.get('2026-12-31')).toMatchObject({ source: 'operator' });
    expect(byDay.has('2026-10-07')).toBe(false);

    await seedWorkCalendar(p.database.db, p.clock);
    expect(
      (await call(p, s.operator, 'GET', '/api/work-calendar/2026')).body.calendar.days.some(
        (d: any) => d.day === '2026-10-07',
      ),
    ).toBe(false);
    const calendar = await workCalendarFrom(p.database.db, new Date('2026-12-30T04:00:00Z'));
    expect(calendar.holidays.has('2026-12-31')).toBe(true);
    expect(calendar.holidays.has('2027-01-01')).toBe(true);
    expect(calendar.workdays.has('2027-01-09')).toBe(true);
  });

  it('refuses bad days with a clear code and field, and unknown fields', async () => {
    const weekday = await call(p, s.operator, 'PUT', '/api/work-calendar/2026', {
      days: [{ day: '2026-03-04', kind: 'workday', name: '调休' }],
    });
    expect(weekday.status).toBe(400);
    expect(weekday.body.error).toMatchObject({ code: 'CALENDAR_WORKDAY_NOT_WEEKEND', field: 'days.0.day' });
    expect(weekday.body.error.messages['zh-CN']).toContain('2026-03-04');
    const other = await call(p, s.operator, 'PUT', '/api/work-calendar/2026', {
      days: [{ day: '2027-03-04', kind: 'holiday', name: 'x' }],
    });
    expect(other.body.error).toMatchObject({ code: 'CALENDAR_DAY_INVALID', field: 'days.0.day' });
    const unknown = await call(p, s.operator, 'PUT', '/api/work-calendar/2026', { days: [], note: 'x' });
    expect(unknown.body.error.code).toBe('UNKNOWN_FIELD');
    // Nothing was lost by the refused calls.
    expect((await call(p, s.operator, 'GET', '/api/work-calendar/2026')).body.calendar.days.length).toBeGreaterThan(30);
  });
});
