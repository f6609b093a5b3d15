import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../identity/index.js';
import {
  formatCertificateNumber,
  mod11_2,
  normaliseCertificateNumber,
  parseCertificateNumber,
} from './certificate-number.js';

const parts = fc.record({
  regionCode: fc.stringMatching(/^\d{6}$/),
  year: fc.integer({ min: 2000, max: 9999 }),
  institutionCode: fc.stringMatching(/^\d{4}$/),
  serial: fc.integer({ min: 1, max: 999_999 }),
});
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('certificate numbers', () => {
  it('computes the MOD 11-2 check character the resident ID number uses', () => {
    // GB 11643's own sample number ends in X; the resident-ID module computes the same system for 17 digits.
    expect(mod11_2('11010519491231002')).toBe('X');
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (digits) => {
        expect(mod11_2(digits)).toBe(residentIdCheckChar(digits));
      }),
    );
  });

  it('formats region, year, institution, serial and the check character, and reads them back', () => {
    const n = formatCertificateNumber({ regionCode: '330106', year: 2026, institutionCode: '0001', serial: 123 });
    expect(n).toMatch(/^YX33010620260001000123[\dX]$/);
    expect(n).toHaveLength(23);
    expect(parseCertificateNumber(n)).toEqual({
      regionCode: '330106',
      year: 2026,
      institutionCode: '0001',
      serial: 123,
    });
    fc.assert(
      fc.property(parts, (p) => {
        expect(parseCertificateNumber(formatCertificateNumber(p))).toEqual(p);
      }),
    );
  });

  it('detects any single changed character', () => {
    fc.assert(
      fc.property(parts, fc.nat({ max: 22 }), fc.constantFrom(...ALPHABET), (p, at, replacement) => {
        const n = formatCertificateNumber(p);
        fc.pre(n[at] !== replacement);
        const changed = n.slice(0, at) + replacement + n.slice(at + 1);
        expect(parseCertificateNumber(changed)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('detects any swap of two adjacent different characters', () => {
    fc.assert(
      fc.property(parts, fc.nat({ max: 21 }), (p, at) => {
        const n = formatCertificateNumber(p);
        fc.pre(n[at] !== n[at + 1]);
        const swapped = n.slice(0, at) + n[at + 1] + n[at] + n.slice(at + 2);
        expect(parseCertificateNumber(swapped)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses malformed numbers and reads typed ones leniently', () => {
    const n = formatCertificateNumber({ regionCode: '330106', year: 2026, institutionCode: '0001', serial: 1 });
    expect(parseCertificateNumber(n.slice(0, -1))).toBeNull();
    expect(parseCertificateNumber(`${n}0`)).toBeNull();
    expect(parseCertificateNumber(n.toLowerCase())).toBeNull();
    expect(
      parseCertificateNumber(normaliseCertificateNumber(` ${n.slice(0, 8)}-${n.slice(8)} `.toLowerCase())),
    ).not.toBeNull();
    expect(() =>
      formatCertificateNumber({ regionCode: '3301', year: 2026, institutionCode: '0001', serial: 1 }),
    ).toThrow();
    expect(() =>
      formatCertificateNumber({ regionCode: '330106', year: 2026, institutionCode: '0001', serial: 1_000_000 }),
    ).toThrow();
  });
});
