// Client-side checks are a courtesy; the server decides. They mirror the rules in docs/api.md.
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'checksum';

/** Checks length, characters and the ISO 7064 MOD 11-2 check character of a resident ID number. */
export function idNumberProblem(input: string): IdNumberProblem | null {
  const id = input.replace(/\s+/g, '').toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += WEIGHTS[i] * Number(id[i]);
  return CHECK_CHARS[sum % 11] === id[17] ? null : 'checksum';
}

export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export function isStrongPassword(value: string): boolean {
  return value.length >= 8 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

const ID_MESSAGES: Record<IdNumberProblem, string> = {
  length: 'validation.idLength',
  characters: 'validation.idCharacters',
  checksum: 'validation.idChecksum',
};

export function idNumberRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('validation.idRequired') },
    {
      validator: async (_, value: string | undefined) => {
        if (!value) return;
        const problem = idNumberProblem(value);
        if (problem) throw new Error(t(ID_MESSAGES[problem]));
      },
    },
  ];
}

export function phoneRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('validation.phoneRequired') },
    { pattern: PHONE_PATTERN, message: t('validation.phoneInvalid') },
  ];
}

export function passwordRules(t: TFunction): Rule[] {
  return [
    { required: true, message: t('validation.passwordRequired') },
    {
      validator: async (_, value: string | undefined) => {
        if (value && !isStrongPassword(value)) throw new Error(t('validation.passwordWeak'));
      },
    },
  ];
}

/** "Confirm password" rules: must equal the field named `other`. */
export function confirmRules(t: TFunction, other: string): Rule[] {
  return [
    { required: true, message: t('validation.confirmRequired') },
    ({ getFieldValue }) => ({
      validator: async (_, value: string | undefined) => {
        if (value && value !== getFieldValue(other)) throw new Error(t('validation.confirmMismatch'));
      },
    }),
  ];
}

export function nameRules(t: TFunction): Rule[] {
  return [
    { required: true, whitespace: true, message: t('validation.nameRequired') },
    { min: 2, max: 30, message: t('validation.nameInvalid') },
  ];
}
