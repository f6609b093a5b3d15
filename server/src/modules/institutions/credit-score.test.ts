import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, creditScoreOn, creditStanding, CREDIT_RULES, type CreditEventFact } from './credit-score.js';

const day = fc
  .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const event = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom('fraud_confirmed', 'recovery_opened', 'recovery_overdue', 'false_materials' as const),
  severity: fc.constantFrom('minor', 'major', 'severe' as const),
  occurredOn: day,
});
const events = fc.array(event, { maxLength: 12 });
const nextDay = (d: string) => new Date(Date.parse(d) + 86_400_000).toISOString().slice(0, 10);
const dayBefore = (d: string) => new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);

describe('institution credit score', () => {
  it('starts at 100 and deducts by severity, half after 12 months, nothing after 24', () => {
    const e: CreditEventFact = { id: 'a', kind: 'fraud_confirmed', severity: 'severe', occurredOn: '2026-03-10' };
    expect(creditScoreOn([], '2026-03-10')).toBe(100);
    expect(creditScoreOn([e], '2026-03-09')).toBe(100);
    expect(creditScoreOn([e], '2026-03-10')).toBe(70);
    expect(creditScoreOn([e], '2027-03-09')).toBe(70);
    expect(creditScoreOn([e], '2027-03-10')).toBe(85);
    expect(creditScoreOn([e], '2028-03-10')).toBe(100);
  });

  it('explains a restriction: since the day it fell under 60, until the first day back at 60', () => {
    const list: CreditEventFact[] = [
      { id: 'a', kind: 'fraud_confirmed', severity: 'severe', occurredOn: '2026-01-05' },
      { id: 'b', kind: 'recovery_opened', severity: 'major', occurredOn: '2026-02-01' },
    ];
    expect(creditStanding(list, '2026-01-20')).toMatchObject({ score: 70, restricted: false, restriction: null });
    const standing = creditStanding(list, '2026-06-01');
    // 100 - 30 - 12 = 58; on 2027-01-05 the severe one weighs half: 100 - 15 - 12 = 73.
    expect(standing).toMatchObject({
      score: 58,
      restricted: true,
      restriction: { since: '2026-02-01', until: '2027-01-05' },
    });
    expect(standing.items.map((i) => [i.eventId, i.deducted, i.weighsLessOn])).toEqual([
      ['b', 12, '2027-02-01'],
      ['a', 30, '2027-01-05'],
    ]);
  });

  it('adds months on the calendar', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -2)).toBe('2025-11-15');
  });

  it('stays between 0 and 100 and is what the explanation deducts', () => {
    fc.assert(
      fc.property(events, day, (list, today) => {
        const standing = creditStanding(list, today);
        expect(standing.score).toBeGreaterThanOrEqual(0);
        expect(standing.score).toBeLessThanOrEqual(CREDIT_RULES.start);
        const deducted = standing.items.reduce((s, i) => s + i.deducted, 0);
        expect(standing.score).toBe(Math.max(0, CREDIT_RULES.start - deducted));
      }),
    );
  });

  it('never rises when an event is added', () => {
    fc.assert(
      fc.property(events, event, day, (list, extra, today) => {
        expect(creditScoreOn([...list, extra], today)).toBeLessThanOrEqual(creditScoreOn(list, today));
      }),
    );
  });

  it('restricts exactly under the threshold, over a period that holds every day until it ends', () => {
    fc.assert(
      fc.property(events, day, (list, today) => {
        const standing = creditStanding(list, today);
        expect(standing.restricted).toBe(standing.score < CREDIT_RULES.threshold);
        fc.pre(standing.restriction !== null);
        const { since, until } = standing.restriction;
        expect(since <= today && today < until).toBe(true);
        expect(creditScoreOn(list, until)).toBeGreaterThanOrEqual(CREDIT_RULES.threshold);
        expect(creditScoreOn(list, dayBefore(until))).toBeLessThan(CREDIT_RULES.threshold);
        expect(creditScoreOn(list, since)).toBeLessThan(CREDIT_RULES.threshold);
        expect(creditScoreOn(list, dayBefore(since))).toBeGreaterThanOrEqual(CREDIT_RULES.threshold);
        expect(nextDay(today) <= until).toBe(true);
      }),
    );
  });
});
