import { describe, it, expect } from 'vitest';
import { maskPhone, validateMobilePhone } from './phone.js';

describe('validateMobilePhone', () => {
  it('accepts 11-digit mainland mobiles', () => {
    for (const phone of ['13812341234', '15000000000', '19999999999', '16612345678']) {
      expect(validateMobilePhone(phone)).toEqual({ ok: true, value: phone });
    }
  });

  it('strips +86, 86, spaces and dashes', () => {
    for (const input of [
      '+86 138 1234 1234',
      '+86-138-1234-1234',
      '+8613812341234',
      '8613812341234',
      '86 13812341234',
      ' 138-1234-1234 ',
      '１３８１２３４１２３４',
    ]) {
      expect(validateMobilePhone(input), input).toEqual({ ok: true, value: '13812341234' });
    }
  });

  it('rejects non-digits', () => {
    expect(validateMobilePhone('138abcd1234')).toEqual({ ok: false, reason: 'characters' });
    expect(validateMobilePhone('+1 415 555 0100')).toEqual({ ok: false, reason: 'characters' });
    expect(validateMobilePhone('138.1234.1234')).toEqual({ ok: false, reason: 'characters' });
    expect(validateMobilePhone('')).toEqual({ ok: false, reason: 'characters' });
  });

  it('rejects the wrong length', () => {
    expect(validateMobilePhone('1381234123')).toEqual({ ok: false, reason: 'length' });
    expect(validateMobilePhone('138123412345')).toEqual({ ok: false, reason: 'length' });
    expect(validateMobilePhone('+86 138 1234 123')).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects numbers that are not mobiles', () => {
    expect(validateMobilePhone('12812341234')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateMobilePhone('01012345678')).toEqual({ ok: false, reason: 'prefix' });
    expect(validateMobilePhone('23812341234')).toEqual({ ok: false, reason: 'prefix' });
  });
});

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('hides short input entirely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('')).toBe('');
  });
});
