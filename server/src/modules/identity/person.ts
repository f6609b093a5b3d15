import { AppError, type MessageParams } from '../../platform/errors.js';
import { validateMobilePhone } from './phone.js';
import { validateResidentId, type ResidentIdFailure, type ResidentIdInfo } from './resident-id.js';

// Pure checks on the personal data a person types in. They throw AppError with the offending field named.

const REASONS: Record<ResidentIdFailure, { zh: string; en: string }> = {
  length: { zh: '应为 18 位', en: 'it must have 18 characters' },
  characters: {
    zh: '前 17 位应为数字，最后一位为数字或 X',
    en: 'the first 17 must be digits and the last a digit or X',
  },
  checksum: { zh: '校验位不正确，请核对号码', en: 'the check character does not match; check the number' },
  birthdate: { zh: '出生日期不存在', en: 'the birth date does not exist' },
  future: { zh: '出生日期晚于今天', en: 'the birth date is in the future' },
  region: { zh: '地区码不存在', en: 'the region code is unknown' },
};

/** The `{reason}` message parameter of IDENTITY_ID_NUMBER_INVALID, in both languages. */
export function idNumberReasonParams(reason: ResidentIdFailure): MessageParams {
  return { reason: { 'zh-CN': REASONS[reason].zh, en: REASONS[reason].en } };
}

export function requireResidentId(input: string, today: Date, field = 'idNumber'): ResidentIdInfo {
  const result = validateResidentId(input, today);
  if (result.ok) return result.value;
  throw new AppError('IDENTITY_ID_NUMBER_INVALID', {
    field,
    details: { reason: result.reason },
    params: idNumberReasonParams(result.reason),
  });
}

export function requirePhone(input: string, field = 'phone'): string {
  const result = validateMobilePhone(input);
  if (!result.ok) throw new AppError('IDENTITY_PHONE_INVALID', { field, details: { reason: result.reason } });
  return result.value;
}

// Han names may contain the middle dot used in minority names (e.g. 阿依古丽·买买提); Latin names for the rare
// foreign-format name on a Chinese ID.
const NAME = /^(?:[\p{Script=Han}·•]{2,30}|[A-Za-z][A-Za-z .'-]{1,29})$/u;

/** The name as stored (NFC, single spaces), or null when it does not look like a real name. */
export function validateName(input: string): string | null {
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  return NAME.test(name) ? name : null;
}

export function requireName(input: string, field = 'name'): string {
  const name = validateName(input);
  if (name === null) throw new AppError('IDENTITY_NAME_INVALID', { field });
  return name;
}

export function requireStrongPassword(input: string, field = 'password'): string {
  if (input.length < 8 || input.length > 64 || !/[A-Za-z]/.test(input) || !/\d/.test(input)) {
    throw new AppError('AUTH_PASSWORD_WEAK', { field });
  }
  return input;
}
