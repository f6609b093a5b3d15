import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { listDivisions } from './divisions.js';
import { makeResidentId, maskResidentId, residentIdCheckChar, validateResidentId } from './resident-id.js';

const TODAY = new Date('2024-06-15T04:00:00Z'); // 12:00 in Beijing

/** First 17 digits plus their correct check character, for numbers makeResidentId will not build. */
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);

describe('residentIdCheckChar', () => {
  it('matches hand-computed examples', () => {
    // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → 'X'
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('11010119900307447')).toBe('7');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('rejects anything but 17 digits', () => {
    expect(() => residentIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('validateResidentId', () => {
  it('accepts a known-good number and extracts its fields', () => {
    expect(validateResidentId('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: {
        normalized: '11010519491231002X',
        birthDate: '1949-12-31',
        gender: 'female',
        regionCode: '110105',
        regionPrecision: 'county',
      },
    });
    const male = validateResidentId('110101199003074477', TODAY);
    expect(male.ok && male.value.gender).toBe('male');
  });

  it('normalises lower-case x, surrounding and inner spaces, and full-width characters', () => {
    for (const input of [
      '11010519491231002x',
      '  11010519491231002X ',
      '110105 19491231 002x',
      '１１０１０５１９４９１２３１００２Ｘ',
    ]) {
      const result = validateResidentId(input, TODAY);
      expect(result.ok && result.value.normalized, input).toBe('11010519491231002X');
    }
  });

  it('accepts numbers built by makeResidentId', () => {
    const id = makeResidentId({ regionCode: '330102', birthDate: '1988-08-08', sequence: 123, gender: 'female' });
    expect(id).toHaveLength(18);
    expect(validateResidentId(id, TODAY)).toEqual({
      ok: true,
      value: {
        normalized: id,
        birthDate: '1988-08-08',
        gender: 'female',
        regionCode: '330102',
        regionPrecision: 'county',
      },
    });
  });

  it('rejects the wrong length', () => {
    expect(validateResidentId('', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(validateResidentId('11010519491231002', TODAY)).toEqual({ ok: false, reason: 'length' });
    expect(validateResidentId('11010519491231002X0', TODAY)).toEqual({ ok: false, reason: 'length' });
    // first-generation 15-digit number
    expect(validateResidentId('110105491231002', TODAY)).toEqual({ ok: false, reason: 'length' });
  });

  it('rejects wrong characters', () => {
    expect(validateResidentId('1101051949A231002X', TODAY)).toEqual({ ok: false, reason: 'characters' });
    expect(validateResidentId('X10105194912310022', TODAY)).toEqual({ ok: false, reason: 'characters' });
    expect(validateResidentId('1101051949123100X2', TODAY)).toEqual({ ok: false, reason: 'characters' });
    expect(validateResidentId('11010519491231002Y', TODAY)).toEqual({ ok: false, reason: 'characters' });
  });

  it('rejects a wrong check character', () => {
    expect(validateResidentId('110105194912310021', TODAY)).toEqual({ ok: false, reason: 'checksum' });
    expect(validateResidentId('110101199003074470', TODAY)).toEqual({ ok: false, reason: 'checksum' });
    // two digits swapped
    expect(validateResidentId('11010519491213002X', TODAY)).toEqual({ ok: false, reason: 'checksum' });
  });

  it('rejects impossible birth dates', () => {
    for (const date of ['19990230', '19990229', '19000229', '19991301', '19990001', '19990100', '19990431']) {
      expect(validateResidentId(withCheck(`330102${date}123`), TODAY), date).toEqual({
        ok: false,
        reason: 'birthdate',
      });
    }
  });

  it('accepts 29 February in leap years', () => {
    for (const date of ['20000229', '20040229', '19960229']) {
      expect(validateResidentId(withCheck(`330102${date}123`), TODAY).ok, date).toBe(true);
    }
  });

  it('rejects birth dates before 1900', () => {
    // a widely quoted sample number with a correct check character
    expect(validateResidentId('440524188001010014', TODAY)).toEqual({ ok: false, reason: 'birthdate' });
    expect(validateResidentId(withCheck('33010218991231123'), TODAY)).toEqual({ ok: false, reason: 'birthdate' });
    expect(validateResidentId(withCheck('33010219000101123'), TODAY).ok).toBe(true);
  });

  it('rejects birth dates after today, judged by the date in China', () => {
    expect(validateResidentId(withCheck('33010220240616123'), TODAY)).toEqual({ ok: false, reason: 'future' });
    expect(validateResidentId(withCheck('33010230000101123'), TODAY)).toEqual({ ok: false, reason: 'future' });
    expect(validateResidentId(withCheck('33010220240615123'), TODAY).ok).toBe(true);
    // 2024-06-15 17:00 UTC is already 16 June in Beijing
    expect(validateResidentId(withCheck('33010220240616123'), new Date('2024-06-15T17:00:00Z')).ok).toBe(true);
  });

  it('rejects unknown regions', () => {
    expect(validateResidentId(withCheck('99010119900101123'), TODAY)).toEqual({ ok: false, reason: 'region' });
    expect(validateResidentId(withCheck('00000019900101123'), TODAY)).toEqual({ ok: false, reason: 'region' });
    // 3426 was the old code of 巢湖地区, no longer a prefecture
    expect(validateResidentId(withCheck('34260119900101123'), TODAY)).toEqual({ ok: false, reason: 'region' });
    // a province code is known, but 1199 is not a city
    expect(validateResidentId(withCheck('11990119900101123'), TODAY)).toEqual({ ok: false, reason: 'region' });
  });

  it('accepts abolished county codes under a known prefecture with city precision', () => {
    // 330103 下城区 was merged into 拱墅区 in 2021
    const result = validateResidentId(withCheck('33010319900101123'), TODAY);
    expect(result).toMatchObject({ ok: true, value: { regionCode: '330100', regionPrecision: 'city' } });
  });

  it('accepts Hong Kong, Macau and Taiwan prefixes', () => {
    for (const code of ['810000', '820000', '710000']) {
      expect(validateResidentId(withCheck(`${code}19900101123`), TODAY).ok, code).toBe(true);
    }
  });

  it('checks length, characters, checksum, birth date, future, region in that order', () => {
    // bad check character and bad date and unknown region: checksum comes first
    expect(validateResidentId('990101199902301230', TODAY)).toMatchObject({ reason: 'checksum' });
    // impossible date and unknown region: birthdate first
    expect(validateResidentId(withCheck('99010119990230123'), TODAY)).toMatchObject({ reason: 'birthdate' });
    // future date and unknown region: future first
    expect(validateResidentId(withCheck('99010130000101123'), TODAY)).toMatchObject({ reason: 'future' });
  });
});

describe('makeResidentId', () => {
  it('puts the sequence in digits 15-17 and matches its last digit to the gender', () => {
    expect(makeResidentId({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2 })).toBe('11010519491231002X');
    expect(makeResidentId({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2, gender: 'female' })).toBe(
      '11010519491231002X',
    );
    expect(
      makeResidentId({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2, gender: 'male' }).slice(14, 17),
    ).toBe('003');
    expect(
      makeResidentId({ regionCode: '110105', birthDate: '1949-12-31', sequence: 999, gender: 'female' }).slice(14, 17),
    ).toBe('998');
  });

  it('rejects malformed input', () => {
    expect(() => makeResidentId({ regionCode: '1101', birthDate: '1990-01-01', sequence: 1 })).toThrow(RangeError);
    expect(() => makeResidentId({ regionCode: '110105', birthDate: '19900101', sequence: 1 })).toThrow(RangeError);
    expect(() => makeResidentId({ regionCode: '110105', birthDate: '1990-01-01', sequence: 1000 })).toThrow(RangeError);
    expect(() => makeResidentId({ regionCode: '110105', birthDate: '1990-01-01', sequence: 1.5 })).toThrow(RangeError);
  });
});

describe('maskResidentId', () => {
  it('keeps the first and last four characters', () => {
    expect(maskResidentId('110105194912311234')).toBe('1101**********1234');
    expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
  });

  it('hides short input entirely', () => {
    expect(maskResidentId('12345678')).toBe('********');
    expect(maskResidentId('')).toBe('');
  });
});

describe('resident ID properties', () => {
  const counties = listDivisions('county').map((d) => d.code);
  const fields = fc.record({
    regionCode: fc.constantFrom(...counties),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2024-06-15T00:00:00Z'),
      noInvalidDate: true,
    }),
    sequence: fc.integer({ min: 0, max: 999 }),
    gender: fc.constantFrom('male' as const, 'female' as const, undefined),
  });

  it('makeResidentId output validates and round-trips', () => {
    fc.assert(
      fc.property(fields, ({ regionCode, birth, sequence, gender }) => {
        const birthDate = birth.toISOString().slice(0, 10);
        const id = makeResidentId({ regionCode, birthDate, sequence, gender });
        const result = validateResidentId(id, TODAY);
        expect(result).toEqual({
          ok: true,
          value: {
            normalized: id,
            birthDate,
            gender: gender ?? (sequence % 2 === 1 ? 'male' : 'female'),
            regionCode,
            regionPrecision: 'county',
          },
        });
      }),
    );
  });

  it('changing any single character of a valid number is caught by the checksum', () => {
    fc.assert(
      fc.property(fields, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 0, max: 10 }), (f, position, pick) => {
        const id = makeResidentId({ ...f, birthDate: f.birth.toISOString().slice(0, 10) });
        // digits only before the last position; the check character may also be X
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        const replacement = alphabet.charAt(pick % alphabet.length);
        fc.pre(replacement !== id.charAt(position));
        const changed = id.slice(0, position) + replacement + id.slice(position + 1);
        // MOD 11-2 detects every single substitution, and the checksum is checked before the date or region
        expect(validateResidentId(changed, TODAY)).toEqual({ ok: false, reason: 'checksum' });
      }),
    );
  });
});
