import { describe, expect, it } from 'vitest';
import { validateSkillNumber } from './skill-number.js';

// Y/S + 4-digit agency + 2-digit province + 6-digit site + 2-digit year + level 1–5 + 6-digit serial = 22 characters.
const GOOD = 'S123433000567263000089';

describe('skill-level certificate numbers', () => {
  it('reads every part of a well-formed number', () => {
    expect(GOOD).toHaveLength(22);
    expect(validateSkillNumber(GOOD)).toEqual({
      ok: true,
      parts: { kind: 'S', agency: '1234', province: '33', site: '000567', year: 26, level: 3, serial: '000089' },
    });
    expect(validateSkillNumber(`Y${GOOD.slice(1)}`)).toMatchObject({ ok: true, parts: { kind: 'Y' } });
  });

  it('names what is wrong', () => {
    const at = (i: number, c: string) => GOOD.slice(0, i) + c + GOOD.slice(i + 1);
    expect(validateSkillNumber(GOOD.slice(1))).toEqual({ ok: false, problem: 'length' });
    expect(validateSkillNumber(`${GOOD}1`)).toEqual({ ok: false, problem: 'length' });
    expect(validateSkillNumber(at(0, 'X'))).toEqual({ ok: false, problem: 'kind' });
    expect(validateSkillNumber(at(0, 's'))).toEqual({ ok: false, problem: 'kind' });
    expect(validateSkillNumber(at(3, 'A'))).toEqual({ ok: false, problem: 'characters' });
    // 33 is Zhejiang; 39 and 00 are no province.
    expect(validateSkillNumber(at(6, '9'))).toEqual({ ok: false, problem: 'province' });
    expect(validateSkillNumber(at(5, '0').slice(0, 6) + '0' + GOOD.slice(7))).toEqual({
      ok: false,
      problem: 'province',
    });
    expect(validateSkillNumber(at(15, '0'))).toEqual({ ok: false, problem: 'level' });
    expect(validateSkillNumber(at(15, '6'))).toEqual({ ok: false, problem: 'level' });
    expect(validateSkillNumber(at(15, '1'))).toMatchObject({ ok: true, parts: { level: 1 } });
  });

  it('accepts only the provinces it is given', () => {
    expect(validateSkillNumber(GOOD, new Set(['11']))).toEqual({ ok: false, problem: 'province' });
  });
});
