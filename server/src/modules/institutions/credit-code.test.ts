import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode, makeCreditCode } from './credit-code.js';

describe('unified social credit code', () => {
  it('accepts a published code and rejects a changed check character', () => {
    // Alibaba (China) Co., Ltd., as printed on its public business licence.
    expect(isValidCreditCode('91330100716105852F')).toBe(true);
    expect(isValidCreditCode('91330100716105852E')).toBe(false);
  });
  it('rejects letters outside the alphabet and wrong lengths', () => {
    expect(isValidCreditCode('91330100716105852I')).toBe(false);
    expect(isValidCreditCode('9133010071610585')).toBe(false);
  });
  it('builds valid codes for demo data', () => {
    const code = makeCreditCode('330106', '123');
    expect(code).toHaveLength(18);
    expect(isValidCreditCode(code)).toBe(true);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });
});
