import { describe, expect, it } from 'vitest';
import { NATIONAL_POLICY } from '../catalog/index.js';
import { nextStatus, allowedActions } from './class-state.js';
import { runPrechecks, sessionHours, type PrecheckInput } from './prechecks.js';
import { addWorkingDays, isOverdue } from '../calendar/index.js';

const GENERAL = NATIONAL_POLICY.requiredGeneralModules.map((code, i) => ({
  id: `g${i}`,
  title: code,
  status: 'published',
  classHours: 1,
  pendingLessons: 0,
  occupationCode: null,
  generalModuleCode: code,
}));

/** A class that passes every check: 20 online hours (incl. 5 general), 40 offline, standard 60 hours, 50% cap. */
function good(): PrecheckInput {
  return {
    today: '2026-11-23',
    klass: { occupationCode: '6-31-01-03', level: 5, startDate: '2026-12-01', endDate: '2026-12-31', offlineHours: 40 },
    standard: { minHours: 60, maxOnlinePercent: 50 },
    policy: NATIONAL_POLICY,
    courses: [
      ...GENERAL,
      {
        id: 'c1',
        title: '电工基础',
        status: 'published',
        classHours: 15,
        pendingLessons: 0,
        occupationCode: '6-31-01-03',
        generalModuleCode: null,
      },
    ],
    // One 30-hour practice block: 40 class hours of 45 minutes.
    sessions: [
      {
        title: '实训',
        startsAt: '2026-12-10T00:00:00.000Z',
        endsAt: new Date(Date.parse('2026-12-10T00:00:00.000Z') + 40 * 45 * 60_000).toISOString(),
        latitude: 30.27,
        longitude: 120.13,
      },
    ],
    teachers: [
      {
        id: 't1',
        name: '韩立新',
        status: 'active',
        qualifications: [{ occupationCode: '6-31-01-03', level: 3, status: 'valid', validUntil: '2028-01-01' }],
      },
    ],
    learners: [{ id: 'l1', name: '张伟', status: 'active', idNumberValid: true }],
    overlaps: [],
  };
}

const failed = (input: PrecheckInput) =>
  runPrechecks(input)
    .filter((i) => !i.passed)
    .map((i) => `${i.key}:${i.reason}`);

describe('class pre-checks', () => {
  it('passes a complete, coherent application', () => {
    expect(failed(good())).toEqual([]);
    expect(runPrechecks(good()).map((i) => i.key)).toEqual([
      'institution_credit',
      'dates',
      'courses',
      'hours',
      'online_share',
      'general_modules',
      'offline_sessions',
      'teachers',
      'learners',
      'no_overlap',
    ]);
  });

  it('checks dates', () => {
    expect(failed({ ...good(), klass: { ...good().klass, endDate: '2026-11-30' } })).toContain(
      'dates:end_before_start',
    );
    expect(failed({ ...good(), klass: { ...good().klass, startDate: '2026-11-01' } })).toContain('dates:start_in_past');
  });

  it('needs published courses whose media is ready', () => {
    expect(failed({ ...good(), courses: [] })).toContain('courses:none');
    const draft = good();
    draft.courses[5] = { ...draft.courses[5], status: 'draft' };
    expect(failed(draft)).toContain('courses:not_ready');
    const pending = good();
    pending.courses[5] = { ...pending.courses[5], pendingLessons: 1 };
    expect(failed(pending)).toContain('courses:not_ready');
  });

  it('counts online hours with the policy factor toward the standard minimum', () => {
    const short = good();
    short.klass.offlineHours = 30;
    short.sessions[0].endsAt = new Date(Date.parse(short.sessions[0].startsAt) + 30 * 45 * 60_000).toISOString();
    expect(runPrechecks(short).find((i) => i.key === 'hours')).toMatchObject({
      passed: false,
      reason: 'below_standard',
      figures: { total: 50, required: 60 },
    });
    // Hainan-style: online counted at 50% — 20 online hours count as 10.
    const hainan = { ...good(), policy: { ...NATIONAL_POLICY, onlineHourFactor: 0.5 } };
    expect(runPrechecks(hainan).find((i) => i.key === 'hours')).toMatchObject({
      passed: false,
      figures: { countedOnline: 10, total: 50 },
    });
    expect(failed({ ...good(), standard: null })).toContain('hours:no_standard');
  });

  it('caps the online share at the stricter of the standard and the policy', () => {
    const online = good();
    online.courses[5] = { ...online.courses[5], classHours: 35 }; // 40 online of 80: exactly the cap
    expect(failed(online)).toEqual([]);
    online.courses[5] = { ...online.courses[5], classHours: 55 }; // 60 online of 100
    expect(runPrechecks(online).find((i) => i.key === 'online_share')).toMatchObject({
      passed: false,
      figures: { share: 0.6, cap: 0.5 },
    });
    // A standard allowing only 30% online is stricter than the policy: 20 of 60 online is too much.
    expect(failed({ ...good(), standard: { minHours: 60, maxOnlinePercent: 30 } })).toEqual(['online_share:above_cap']);
  });

  it('requires the general modules of the region', () => {
    const missing = good();
    missing.courses = missing.courses.filter((c) => c.generalModuleCode !== 'GEN-FIRE-SAFETY');
    missing.courses[4] = { ...missing.courses[4], classHours: 16 };
    expect(runPrechecks(missing).find((i) => i.key === 'general_modules')).toMatchObject({
      passed: false,
      figures: { missing: ['GEN-FIRE-SAFETY'] },
    });
    expect(failed({ ...missing, policy: { ...NATIONAL_POLICY, requiredGeneralModules: [] } })).toEqual([]);
  });

  it('needs offline sessions inside the period that add up to the planned hours', () => {
    expect(failed({ ...good(), sessions: [] })).toContain('offline_sessions:none');
    const outside = good();
    outside.sessions[0] = {
      ...outside.sessions[0],
      startsAt: '2027-01-05T00:00:00.000Z',
      endsAt: '2027-01-06T06:00:00.000Z',
    };
    expect(failed(outside)).toContain('offline_sessions:outside_period');
    // Beijing days, not UTC days: 07:00 on the first day in Beijing is the evening before in UTC, and is inside;
    // 07:00 Beijing the day after the end is inside in UTC terms but outside the class.
    const early = good();
    early.sessions[0] = {
      ...early.sessions[0],
      startsAt: '2026-11-30T23:00:00.000Z',
      endsAt: '2026-12-01T09:00:00.000Z',
    };
    expect(failed(early)).not.toContain('offline_sessions:outside_period');
    const late = good();
    late.sessions[0] = {
      ...late.sessions[0],
      startsAt: '2026-12-31T10:00:00.000Z',
      endsAt: '2026-12-31T17:00:00.000Z',
    };
    expect(failed(late)).toContain('offline_sessions:outside_period');
    const short = good();
    short.sessions[0].endsAt = new Date(Date.parse(short.sessions[0].startsAt) + 10 * 45 * 60_000).toISOString();
    expect(failed(short)).toContain('offline_sessions:too_short');
    expect(sessionHours(good().sessions, 45)).toBe(40);
  });

  it('needs qualified teachers: right occupation, high enough level, valid through the end, not disqualified', () => {
    const withQualification = (q: Partial<PrecheckInput['teachers'][0]['qualifications'][0]>, status = 'active') => {
      const input = good();
      input.teachers[0] = {
        ...input.teachers[0],
        status,
        qualifications: [{ ...input.teachers[0].qualifications[0], ...q }],
      };
      return failed(input);
    };
    expect(withQualification({})).toEqual([]);
    expect(withQualification({ occupationCode: '4-10-01-05' })).toContain('teachers:unqualified');
    expect(withQualification({ level: 5 })).toEqual([]);
    const higher = good();
    higher.klass.level = 2;
    expect(failed(higher)).toContain('teachers:unqualified'); // a level-3 certificate does not teach level 2
    expect(withQualification({ status: 'disqualified' })).toContain('teachers:unqualified');
    expect(withQualification({ validUntil: '2026-12-15' })).toContain('teachers:unqualified');
    expect(withQualification({}, 'disabled')).toContain('teachers:unqualified');
    expect(failed({ ...good(), teachers: [] })).toContain('teachers:none');
  });

  it('refuses a teacher disqualified platform-wide, saying so rather than "unqualified"', () => {
    const input = good();
    input.teachers.push({ ...input.teachers[0], id: 't2', name: '代学者', disqualified: true });
    const items = runPrechecks(input);
    expect(items.find((i) => i.key === 'teachers')).toEqual({
      key: 'teachers',
      passed: false,
      reason: 'disqualified',
      figures: { teachers: ['代学者'] },
    });
    expect(failed({ ...good(), teachers: [{ ...good().teachers[0], disqualified: false }] })).toEqual([]);
  });

  it('refuses a class of an institution under credit restriction, naming the score and the end of the period', () => {
    const restricted = { ...good(), credit: { score: 52, restricted: true, until: '2027-05-01' } };
    expect(runPrechecks(restricted).find((i) => i.key === 'institution_credit')).toEqual({
      key: 'institution_credit',
      passed: false,
      reason: 'restricted',
      figures: { score: 52, until: '2027-05-01' },
    });
    expect(failed({ ...good(), credit: { score: 70, restricted: false, until: null } })).toEqual([]);
  });

  it('needs real-name learners and no learner in an overlapping class of the same occupation and level', () => {
    expect(failed({ ...good(), learners: [] })).toContain('learners:none');
    expect(
      failed({ ...good(), learners: [{ id: 'x', name: '某', status: 'disabled', idNumberValid: true }] }),
    ).toContain('learners:not_real_name');
    expect(failed({ ...good(), overlaps: [{ userId: 'l1', name: '张伟', className: '另一个班' }] })).toEqual([
      'no_overlap:overlapping_class',
    ]);
  });
});

describe('class state machine', () => {
  it('allows the review path and refuses everything else with a coded error', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'close')).toBe('closed');
    for (const [from, action] of [
      ['draft', 'approve'],
      ['approved', 'submit'],
      ['approved', 'edit'],
      ['rejected', 'submit'],
      ['submitted', 'edit'],
      ['closed', 'propose_change'],
    ] as const) {
      expect(() => nextStatus(from, action)).toThrowError(
        expect.objectContaining({ code: 'CLASS_ILLEGAL_TRANSITION' }),
      );
    }
    expect(allowedActions('rejected')).toEqual([]);
  });
});

describe('review deadline in working days (China Standard Time)', () => {
  it('skips weekends and ends at the end of the last working day', () => {
    // Friday 2026-11-27 18:00 CST → Wednesday 2026-12-02 23:59:59.999 CST.
    expect(addWorkingDays(new Date('2026-11-27T10:00:00Z'), 3).toISOString()).toBe('2026-12-02T15:59:59.999Z');
    // Monday 2026-11-23 09:00 CST → Thursday.
    expect(addWorkingDays(new Date('2026-11-23T01:00:00Z'), 3).toISOString()).toBe('2026-11-26T15:59:59.999Z');
    // Saturday counts from the next working day.
    expect(addWorkingDays(new Date('2026-11-28T02:00:00Z'), 1).toISOString()).toBe('2026-11-30T15:59:59.999Z');
    // Late Sunday evening UTC is already Monday in Beijing.
    expect(addWorkingDays(new Date('2026-11-29T17:00:00Z'), 1).toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(isOverdue('2026-12-02T15:59:59.999Z', new Date('2026-12-02T16:00:00Z'))).toBe(true);
    expect(isOverdue('2026-12-02T15:59:59.999Z', new Date('2026-12-02T15:00:00Z'))).toBe(false);
  });
});
