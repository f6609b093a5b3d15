import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessmentOutcome, practicalMark } from './assessment.js';

const marks = { theory: 60, practical: 60 };

describe('assessmentOutcome: passed only when theory and practical both reach the pass mark', () => {
  it('passes at exactly the pass marks', () => {
    expect(assessmentOutcome(60, 60, marks)).toEqual({
      theoryScore: 60,
      theoryPassed: true,
      practicalScore: 60,
      practicalPassed: true,
      passed: true,
    });
  });

  it('fails when either part is below its mark', () => {
    expect(assessmentOutcome(59.9, 95, marks)).toMatchObject({
      theoryPassed: false,
      practicalPassed: true,
      passed: false,
    });
    expect(assessmentOutcome(95, 59.9, marks)).toMatchObject({
      theoryPassed: true,
      practicalPassed: false,
      passed: false,
    });
  });

  it('a part not taken has no mark and is not passed', () => {
    expect(assessmentOutcome(null, 90, marks)).toMatchObject({ theoryScore: null, theoryPassed: false, passed: false });
    expect(assessmentOutcome(90, null, marks)).toMatchObject({
      practicalScore: null,
      practicalPassed: false,
      passed: false,
    });
  });

  it('each part is judged against its own mark', () => {
    expect(assessmentOutcome(70, 70, { theory: 60, practical: 80 })).toMatchObject({
      passed: false,
      practicalPassed: false,
    });
  });

  it('property: passed ⇔ theory ≥ its mark ∧ practical ≥ its mark', () => {
    const score = fc.option(fc.integer({ min: 0, max: 1000 }).map((n) => n / 10));
    fc.assert(
      fc.property(score, score, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), (t, p, mt, mp) => {
        const outcome = assessmentOutcome(t, p, { theory: mt, practical: mp });
        expect(outcome.passed).toBe(t !== null && t >= mt && p !== null && p >= mp);
      }),
    );
  });
});

describe('practicalMark', () => {
  const items = [
    { id: 'a', maxScore: 40 },
    { id: 'b', maxScore: 60 },
  ];
  it('is the points over the maxima, out of 100', () => {
    expect(
      practicalMark(
        items,
        new Map([
          ['a', 30],
          ['b', 45],
        ]),
      ),
    ).toBe(75);
  });
  it('is null until every item is scored, and without items', () => {
    expect(practicalMark(items, new Map([['a', 40]]))).toBeNull();
    expect(practicalMark([], new Map())).toBeNull();
  });
});
