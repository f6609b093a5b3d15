// Resident identity card numbers (居民身份证号码), GB 11643-1999:
// 6-digit region code, 8-digit birth date, 3-digit sequence (odd last digit
// for men), and a check character computed with ISO 7064 MOD 11-2.
import { beijingDate } from '../../platform/time.js';
import { findDivision } from './divisions.js';

export type ResidentIdFailure = 'length' | 'characters' | 'checksum' | 'birthdate' | 'future' | 'region';

export type ResidentIdInfo = {
  /** 18 characters, upper-case X. */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'male' | 'female';
  /** A code that is in the divisions data: see regionPrecision. */
  regionCode: string;
  /**
   * 'county': the ID's own 6-digit code is a known division (normally a
   * county; a few IDs carry a city or, for Hong Kong/Macau/Taiwan, a province
   * code) and regionCode is that code.
   * 'city': only the ID's prefecture is known and regionCode is the city code
   * (first 4 digits + '00').
   */
  regionPrecision: 'county' | 'city';
};

export type ResidentIdResult = { ok: true; value: ResidentIdInfo } | { ok: false; reason: ResidentIdFailure };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** Check character ('0'-'9' or 'X') for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckChar needs exactly 17 digits');
  let sum = 0;
  WEIGHTS.forEach((weight, i) => {
    sum += weight * (first17.charCodeAt(i) - 48);
  });
  return CHECK_CHARS.charAt(sum % 11);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Today's date in China (UTC+8, no daylight saving) as YYYYMMDD, whatever the server's time zone. */
function chinaDate(now: Date): string {
  return beijingDate(now).replaceAll('-', '');
}

export function validateResidentId(input: string, today: Date): ResidentIdResult {
  // NFKC turns full-width digits and Ｘ (common with Chinese input methods) into
  // ASCII; whitespace anywhere is dropped so "110105 19491231 002X" passes.
  const id = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  // 15-digit first-generation numbers (expired since 2013) fail here too.
  if (id.length !== 18) return { ok: false, reason: 'length' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'characters' };
  if (residentIdCheckChar(id.slice(0, 17)) !== id.charAt(17)) return { ok: false, reason: 'checksum' };

  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900 || !isRealDate(year, month, day)) return { ok: false, reason: 'birthdate' };
  // Same-length digit strings compare like the dates they spell.
  if (id.slice(6, 14) > chinaDate(today)) return { ok: false, reason: 'future' };

  // The region code is the division where the birth was first registered, at
  // the time of registration. Many county codes have since been abolished or
  // renumbered, and a list of current divisions cannot know them, so an ID
  // whose prefecture (first 4 digits) is still a known city is accepted with
  // 'city' precision. IDs whose whole prefecture code has changed since (old
  // 地区 codes) are rejected.
  const code = id.slice(0, 6);
  let regionCode: string;
  let regionPrecision: ResidentIdInfo['regionPrecision'];
  const cityCode = code.slice(0, 4) + '00';
  if (findDivision(code) !== null) {
    regionCode = code;
    regionPrecision = 'county';
  } else if (findDivision(cityCode)?.level === 'city') {
    regionCode = cityCode;
    regionPrecision = 'city';
  } else {
    return { ok: false, reason: 'region' };
  }

  return {
    ok: true,
    value: {
      normalized: id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
      regionCode,
      regionPrecision,
    },
  };
}

/** First 4 and last 4 characters, the rest as asterisks: 1101**********1234. */
export function maskResidentId(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

export type MakeResidentIdOptions = {
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** 0..999, becomes digits 15-17. */
  sequence: number;
  /** When given, the sequence's last digit is moved by one if needed to match (odd male, even female). */
  gender?: 'male' | 'female' | undefined;
};

/**
 * Builds an ID number with a correct check character, for demo data and tests.
 * Region and date are only checked for shape, so tests can also build numbers
 * that fail validation for those reasons.
 */
export function makeResidentId({ regionCode, birthDate, sequence, gender }: MakeResidentIdOptions): string {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) throw new RangeError(`birthDate must be YYYY-MM-DD: ${birthDate}`);
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`sequence must be an integer 0..999: ${sequence}`);
  }
  let seq = sequence;
  if (gender !== undefined) seq = seq - (seq % 2) + (gender === 'male' ? 1 : 0);
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  return first17 + residentIdCheckChar(first17);
}
