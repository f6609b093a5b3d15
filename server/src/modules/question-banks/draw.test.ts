import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawPaper, ruleMatches, seededShuffle, shuffleOptions, type DrawRule, type PoolQuestion } from './draw.js';
import { QUESTION_TYPES, type QuestionType } from './question.js';

const MODULES = ['职业道德', '基础知识', '安全用电'];
const poolArb = fc
  .array(
    fc.record({
      type: fc.constantFrom<QuestionType>('single', 'multiple', 'true_false'),
      moduleCode: fc.constantFrom<string | null>(null, ...MODULES),
      difficulty: fc.integer({ min: 1, max: 5 }),
    }),
    { maxLength: 60 },
  )
  .map((qs) => qs.map((q, i): PoolQuestion => ({ ...q, questionId: `q${i}`, versionId: `v${i}` })));
const ruleArb = fc.record({
  type: fc.constantFrom<QuestionType>('single', 'multiple', 'true_false'),
  count: fc.integer({ min: 1, max: 6 }),
  moduleCode: fc.constantFrom<string | null>(null, ...MODULES),
  difficulty: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
});
/** Rules that mostly leave module and difficulty open, so most draws from a random pool can be satisfied. */
const looseRuleArb = fc.record({
  type: fc.constantFrom<QuestionType>('single', 'multiple', 'true_false'),
  count: fc.integer({ min: 1, max: 5 }),
  moduleCode: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom(...MODULES) },
  ),
  difficulty: fc.oneof(
    { weight: 4, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) },
  ),
});
const rulesArb = fc.array(ruleArb, { minLength: 1, maxLength: 4 });

/** Exhaustive feasibility for small cases: can the slots of `rules` take distinct questions? (brute force) */
function feasible(rules: DrawRule[], pool: PoolQuestion[]): boolean {
  const slots = rules.flatMap((r) => Array.from({ length: r.count }, () => r));
  const used = new Set<number>();
  const go = (s: number): boolean => {
    if (s === slots.length) return true;
    for (let i = 0; i < pool.length; i++) {
      if (used.has(i) || !ruleMatches(slots[s], pool[i])) continue;
      used.add(i);
      if (go(s + 1)) return true;
      used.delete(i);
    }
    return false;
  };
  return go(0);
}

describe('drawPaper', () => {
  it('every draw satisfies each rule with exactly its count and never repeats a question', () => {
    fc.assert(
      fc.property(fc.array(looseRuleArb, { minLength: 1, maxLength: 4 }), poolArb, fc.string(), (rules, pool, seed) => {
        const result = drawPaper(rules, pool, seed);
        fc.pre(result.ok);
        if (!result.ok) throw new Error('excluded by fc.pre');
        const ids = result.items.map((i) => i.question.questionId);
        expect(new Set(ids).size).toBe(ids.length);
        rules.forEach((rule, r) => {
          const mine = result.items.filter((i) => i.rule === r);
          expect(mine).toHaveLength(rule.count);
          for (const item of mine) expect(ruleMatches(rule, item.question)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the same seed gives the same draw, whatever order the pool arrives in', () => {
    fc.assert(
      fc.property(rulesArb, poolArb, fc.string(), fc.integer(), (rules, pool, seed, shuffleSeed) => {
        const again = seededShuffle([...pool], String(shuffleSeed));
        expect(drawPaper(rules, again, seed)).toEqual(drawPaper(rules, pool, seed));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses exactly when no complete draw exists, naming the first rule that cannot be filled after those before it', () => {
    const small = fc.array(
      ruleArb.map((r) => ({ ...r, count: Math.min(r.count, 3) })),
      { minLength: 1, maxLength: 3 },
    );
    const smallPool = poolArb.map((p) => p.slice(0, 9));
    fc.assert(
      fc.property(small, smallPool, fc.string(), (rules, pool, seed) => {
        const result = drawPaper(rules, pool, seed);
        expect(result.ok).toBe(feasible(rules, pool));
        fc.pre(!result.ok);
        if (result.ok) throw new Error('excluded by fc.pre');
        expect(feasible(rules.slice(0, result.rule), pool)).toBe(true);
        expect(feasible(rules.slice(0, result.rule + 1), pool)).toBe(false);
        expect(result.available).toBe(pool.filter((q) => ruleMatches(rules[result.rule], q)).length);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the draw when overlapping rules compete for the same questions', () => {
    // Rule 0 (any single choice) could take the only 安全用电 question first; rule 1 needs it.
    const pool: PoolQuestion[] = [
      { questionId: 'a', versionId: 'va', type: 'single', moduleCode: '安全用电', difficulty: 3 },
      { questionId: 'b', versionId: 'vb', type: 'single', moduleCode: '职业道德', difficulty: 3 },
    ];
    for (const seed of ['s1', 's2', 's3', 's4', 's5', 's6']) {
      const result = drawPaper(
        [
          { type: 'single', count: 1 },
          { type: 'single', count: 1, moduleCode: '安全用电' },
        ],
        pool,
        seed,
      );
      expect(result).toMatchObject({
        ok: true,
        items: [
          { rule: 0, question: { questionId: 'b' } },
          { rule: 1, question: { questionId: 'a' } },
        ],
      });
    }
  });

  it('different attempts get different draws from a large enough pool', () => {
    const pool: PoolQuestion[] = Array.from({ length: 50 }, (_, i) => ({
      questionId: `q${i}`,
      versionId: `v${i}`,
      type: 'single',
      moduleCode: null,
      difficulty: 3,
    }));
    const draws = new Set(
      ['attempt-1', 'attempt-2', 'attempt-3'].map((seed) => {
        const r = drawPaper([{ type: 'single', count: 10 }], pool, seed);
        return r.ok ? r.items.map((i) => i.question.questionId).join(',') : 'refused';
      }),
    );
    expect(draws.size).toBe(3);
  });
});

describe('shuffleOptions', () => {
  it('is a permutation of the options, the same for the same seed, with the original keys in the order shown', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.string(), (n, seed) => {
        const options = 'ABCDEFGH'
          .slice(0, n)
          .split('')
          .map((key) => ({ key, text: `text ${key}` }));
        const shown = shuffleOptions({ versionId: 'v1', options }, seed);
        expect([...shown.optionOrder].sort()).toEqual(options.map((o) => o.key));
        expect(shown.options.map((o) => o.key)).toEqual(shown.optionOrder);
        for (const o of shown.options) expect(o.text).toBe(`text ${o.key}`);
        expect(shuffleOptions({ versionId: 'v1', options }, seed)).toEqual(shown);
      }),
    );
  });

  it('shuffles: across attempts, each option is shown first at some point', () => {
    const options = ['A', 'B', 'C', 'D'].map((key) => ({ key, text: key }));
    const firsts = new Set(
      Array.from({ length: 40 }, (_, i) => shuffleOptions({ versionId: 'v', options }, `attempt-${i}`).optionOrder[0]),
    );
    expect([...firsts].sort()).toEqual(['A', 'B', 'C', 'D']);
  });
});

it('QUESTION_TYPES lists the five kinds', () => {
  expect(QUESTION_TYPES).toEqual(['single', 'multiple', 'true_false', 'fill_blank', 'short_answer']);
});
