import fc from 'fast-check';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../../platform/time.js';
import {
  addDaysTo,
  cstDayBounds,
  cstDayOfUtcHour,
  daysEndingWith,
  foldLearnerDays,
  idFloor,
  idTime,
  inScope,
  mergeLearnerDays,
  scopeKey,
  scopeKeysOf,
  type ClassAttributes,
  type RecordGroup,
  type SessionOwner,
} from './rollup.js';

// The roll-up's pure rules: days in China Standard Time, the settle bound on UUIDv7 ids, folding records into
// learner-days (batching must not change the result), and the scope keys of distinct counts.

describe('days', () => {
  it('puts a UTC hour on its China Standard Time day', () => {
    expect(cstDayOfUtcHour('2026-03-01T15')).toBe('2026-03-01');
    expect(cstDayOfUtcHour('2026-03-01T16')).toBe('2026-03-02');
    expect(cstDayOfUtcHour('2026-12-31T23')).toBe('2027-01-01');
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2035-01-01') }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(cstDayOfUtcHour(iso.slice(0, 13))).toBe(beijingDate(ms));
        const { from, to } = cstDayBounds(beijingDate(ms));
        expect(from <= iso && iso < to).toBe(true);
      }),
    );
  });

  it('lists the days of a window and steps across months', () => {
    expect(daysEndingWith('2026-03-02', 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect(addDaysTo('2026-12-31', 1)).toBe('2027-01-01');
    expect(cstDayBounds('2026-03-02')).toEqual({ from: '2026-03-01T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z' });
  });
});

describe('the settle bound on record ids', () => {
  it('sorts every id made before a moment below its floor and every later one above', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_600_000_000_000, max: 2_000_000_000_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (bound, offset) => {
          const id = v7({ msecs: bound + offset });
          expect(idTime(id)).toBe(bound + offset);
          expect(id < idFloor(bound)).toBe(offset < 0);
        },
      ),
    );
  });
});

describe('folding records into learner-days', () => {
  const classes = new Map<string, ClassAttributes>([
    ['c1', { regionCode: '330106', institutionId: 'i1', occupationCode: '6-31-01-03' }],
    ['c2', { regionCode: '330203', institutionId: 'i2', occupationCode: '4-12-03-01' }],
  ]);
  const sessions = new Map<string, SessionOwner>([
    ['s1', { userId: 'u1', classId: 'c1' }],
    ['s2', { userId: 'u1', classId: 'c1' }],
    ['s3', { userId: 'u2', classId: 'c2' }],
  ]);

  it('adds a learner’s sessions of a class and day, splits days at CST midnight, and leaves unknown sessions out', () => {
    const groups: RecordGroup[] = [
      { sessionId: 's1', hour: '2026-03-01T02', records: 10, started: 1, creditedMs: 60_000 },
      { sessionId: 's2', hour: '2026-03-01T03', records: 5, started: 1, creditedMs: 20_000 },
      { sessionId: 's2', hour: '2026-03-01T16', records: 3, started: 0, creditedMs: 40_000 },
      { sessionId: 's9', hour: '2026-03-01T03', records: 2, started: 1, creditedMs: 1 },
    ];
    const { rows, unknown } = foldLearnerDays(groups, sessions, classes);
    expect(unknown).toHaveLength(1);
    expect(rows.sort((a, b) => (a.day < b.day ? -1 : 1))).toEqual([
      {
        day: '2026-03-01',
        classId: 'c1',
        userId: 'u1',
        regionCode: '330106',
        institutionId: 'i1',
        occupationCode: '6-31-01-03',
        creditedMs: 80_000,
        sessions: 2,
        records: 15,
      },
      {
        day: '2026-03-02',
        classId: 'c1',
        userId: 'u1',
        regionCode: '330106',
        institutionId: 'i1',
        occupationCode: '6-31-01-03',
        creditedMs: 40_000,
        sessions: 0,
        records: 3,
      },
    ]);
  });

  it('gives the same totals however the records are cut into batches', () => {
    const group = fc.record({
      sessionId: fc.constantFrom('s1', 's2', 's3'),
      hour: fc.constantFrom('2026-03-01T10', '2026-03-01T15', '2026-03-01T16', '2026-03-02T01'),
      records: fc.integer({ min: 1, max: 50 }),
      started: fc.integer({ min: 0, max: 1 }),
      creditedMs: fc.integer({ min: 0, max: 600_000 }),
    });
    fc.assert(
      fc.property(fc.array(group, { maxLength: 40 }), fc.integer({ min: 1, max: 10 }), (groups, size) => {
        const whole = foldLearnerDays(groups, sessions, classes).rows;
        const parts = [];
        for (let i = 0; i < groups.length; i += size)
          parts.push(foldLearnerDays(groups.slice(i, i + size), sessions, classes).rows);
        const key = (r: { day: string; classId: string; userId: string }) => `${r.day}|${r.classId}|${r.userId}`;
        const sort = (rows: typeof whole) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(sort(mergeLearnerDays(...parts))).toEqual(sort(whole));
        expect(whole.reduce((s, r) => s + r.creditedMs, 0)).toBe(groups.reduce((s, g) => s + g.creditedMs, 0));
      }),
    );
  });
});

describe('scopes', () => {
  it('names each scope’s distinct-count row and tells what lies inside', () => {
    expect(scopeKey({ kind: 'region', prefix: '' })).toBe('n');
    expect(scopeKey({ kind: 'region', prefix: '3302' })).toBe('r:3302');
    expect(scopeKey({ kind: 'institution', institutionId: 'x' })).toBe('i:x');
    expect(scopeKeysOf({ regionCode: '330203', institutionId: 'i2' })).toEqual([
      'n',
      'r:33',
      'r:3302',
      'r:330203',
      'i:i2',
    ]);
    expect(inScope({ regionCode: '330203', institutionId: 'i2' }, { kind: 'region', prefix: '3301' })).toBe(false);
    expect(inScope({ regionCode: '330106', institutionId: 'i1' }, { kind: 'region', prefix: '3301' })).toBe(true);
    expect(inScope({ regionCode: '330106', institutionId: 'i1' }, { kind: 'institution', institutionId: 'i2' })).toBe(
      false,
    );
  });
});
