import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTokens, queryTokens, searchTokens } from './search-tokens.js';

describe('search tokens for Chinese full-text search', () => {
  it('splits CJK runs into bigrams and keeps Latin words', () => {
    expect(searchTokens('养老护理员')).toEqual(['养老', '老护', '护理', '理员']);
    expect(searchTokens('AI 训练师 Level-5')).toEqual(['ai', '训练', '练师', 'level', '5']);
    expect(searchTokens('电')).toEqual(['电']);
  });

  it('normalises full-width characters', () => {
    expect(searchTokens('ＡＩ训练')).toEqual(['ai', '训练']);
  });

  it('every query that is a substring of the text matches the index (property)', () => {
    const han = fc.constantFrom(...'电工养老护理员中式烹调师家政服务育婴人工智能训练大数据'.split(''));
    fc.assert(
      fc.property(fc.array(han, { minLength: 2, maxLength: 30 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const text = chars.join('');
        const start = a % chars.length;
        const end = start + 1 + (b % (chars.length - start));
        const query = chars.slice(start, end).join('');
        const index = new Set(indexTokens(text).split(' '));
        return queryTokens(query).every((t) => index.has(t));
      }),
    );
  });
});
