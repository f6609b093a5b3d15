// Training certificate numbers (培训合格证书编号), 23 characters:
//
//   YX 330106 2026 0001 000123 7
//   │  │      │    │    │      └ check character, ISO 7064 MOD 11-2 over the 20 digits ('0'-'9' or 'X')
//   │  │      │    │    └ serial of the institution's certificates in that region and year, from 000001
//   │  │      │    └ the institution's code within the region, allocated on its first certificate there
//   │  │      └ year of issue (Beijing time)
//   │  └ the class's region (6-digit administrative division code)
//   └ platform prefix
//
// MOD 11-2 is the check system of the resident ID number, so it is familiar to anyone who types these in. Over a
// body of digits it catches every single changed character and every swap of two adjacent characters (11 is prime
// and every weight is a power of 2 mod 11, so neighbouring weights differ), which a 36-character hybrid system
// (MOD 37,36) does not: it lets some adjacent swaps through. docs/certificates.md has the design.

export const CERTIFICATE_PREFIX = 'YX';
const CHECK_CHARS = '10X98765432';
const NUMBER = /^YX(\d{6})(\d{4})(\d{4})(\d{6})([\dX])$/;

export type CertificateNumberParts = { regionCode: string; year: number; institutionCode: string; serial: number };

/** ISO 7064 MOD 11-2 check character of a string of digits (weight 2^k mod 11 for the k-th digit from the right, k ≥ 1). */
export function mod11_2(digits: string): string {
  if (!/^\d+$/.test(digits)) throw new RangeError('mod11_2 needs digits');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum = (sum * 2 + (digits.charCodeAt(i) - 48)) % 11;
  // sum is now Σ d_i·2^(n-1-i); the check c makes Σ d_i·2^(n-i) + c ≡ 1 (mod 11).
  return CHECK_CHARS.charAt((sum * 2) % 11);
}

export function formatCertificateNumber(parts: CertificateNumberParts): string {
  if (!/^\d{6}$/.test(parts.regionCode)) throw new RangeError('region code must be 6 digits');
  if (!Number.isInteger(parts.year) || parts.year < 2000 || parts.year > 9999) throw new RangeError('bad year');
  if (!/^\d{4}$/.test(parts.institutionCode)) throw new RangeError('institution code must be 4 digits');
  if (!Number.isInteger(parts.serial) || parts.serial < 1 || parts.serial > 999_999)
    throw new RangeError('serial must be 1..999999');
  const body = `${parts.regionCode}${parts.year}${parts.institutionCode}${String(parts.serial).padStart(6, '0')}`;
  return `${CERTIFICATE_PREFIX}${body}${mod11_2(body)}`;
}

/** The parts of a well-formed number whose check character matches; null for anything else. */
export function parseCertificateNumber(input: string): CertificateNumberParts | null {
  const m = NUMBER.exec(input);
  if (!m) return null;
  const [, regionCode, year, institutionCode, serial, check] = m;
  if (mod11_2(`${regionCode}${year}${institutionCode}${serial}`) !== check) return null;
  return { regionCode: regionCode, year: Number(year), institutionCode: institutionCode, serial: Number(serial) };
}

/** Tolerant reading of a typed or scanned number: spaces and hyphens dropped, letters upper-cased. */
export function normaliseCertificateNumber(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
