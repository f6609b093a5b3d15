import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradeObjective, normaliseFill } from './grading.js';

const keysArb = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { minLength: 1, maxLength: 5 });

describe('gradeObjective', () => {
  it('single choice: right only for the one key', () => {
    expect(gradeObjective({ type: 'single', answer: ['B'] }, ['B'])).toEqual({ kind: 'graded', correct: true });
    expect(gradeObjective({ type: 'single', answer: ['B'] }, ['A'])).toEqual({ kind: 'graded', correct: false });
    expect(gradeObjective({ type: 'single', answer: ['B'] }, ['B', 'A'])).toEqual({ kind: 'graded', correct: false });
    expect(gradeObjective({ type: 'single', answer: ['B'] }, [])).toEqual({ kind: 'graded', correct: false });
  });

  it('multiple choice: right exactly when the chosen set is the answer set, in any order', () => {
    fc.assert(
      fc.property(keysArb, keysArb, (answer, response) => {
        const same = answer.length === response.length && answer.every((a) => response.includes(a));
        expect(gradeObjective({ type: 'multiple', answer }, response)).toEqual({ kind: 'graded', correct: same });
        expect(gradeObjective({ type: 'multiple', answer }, [...answer].reverse())).toEqual({
          kind: 'graded',
          correct: true,
        });
      }),
    );
  });

  it('true/false', () => {
    expect(gradeObjective({ type: 'true_false', answer: ['true'] }, ['true']).kind).toBe('graded');
    expect(gradeObjective({ type: 'true_false', answer: ['true'] }, ['TRUE'])).toEqual({
      kind: 'graded',
      correct: true,
    });
    expect(gradeObjective({ type: 'true_false', answer: ['false'] }, ['true'])).toEqual({
      kind: 'graded',
      correct: false,
    });
  });

  it('fill-in: any accepted answer, trimmed, Latin case and full-width forms ignored', () => {
    const key = { type: 'fill_blank' as const, answer: ['220V', '二百二十伏'] };
    for (const given of ['220V', ' 220v ', '２２０Ｖ', '二百二十伏', '２２０ｖ　'])
      expect(gradeObjective(key, [given]), given).toEqual({ kind: 'graded', correct: true });
    for (const given of ['220', '380V', '', '二百二十'])
      expect(gradeObjective(key, [given]), given).toEqual({ kind: 'graded', correct: false });
  });

  it('fill-in: an answer is right after any change of case, width or outer space', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), fc.boolean(), fc.nat(3), (word, upper, pad) => {
        const wide = [...word].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
        const variant = ' '.repeat(pad) + (upper ? wide.toUpperCase() : wide.toLowerCase()) + '\u3000';
        expect(gradeObjective({ type: 'fill_blank', answer: [word] }, [variant])).toEqual({
          kind: 'graded',
          correct: true,
        });
      }),
    );
  });

  it('short answer needs a person', () => {
    expect(gradeObjective({ type: 'short_answer', answer: ['参考答案'] }, ['参考答案'])).toEqual({ kind: 'manual' });
  });

  it('normaliseFill is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(normaliseFill(normaliseFill(s))).toBe(normaliseFill(s));
      }),
    );
  });
});
