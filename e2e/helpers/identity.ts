// Test data: valid resident ID numbers (GB 11643-1999) and unused phone numbers.
import { randomInt } from 'node:crypto';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`need 17 digits, got ${first17}`);
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * WEIGHTS[i], 0);
  return '10X98765432'[sum % 11];
}

/** A valid ID number: a real county code (330106 = 杭州市西湖区), a birth date, a random sequence. */
export function makeIdNumber(options: { county?: string; birth?: string } = {}): string {
  const county = options.county ?? '330106';
  const birth = options.birth ?? `19${randomInt(70, 100)}0${randomInt(1, 10)}${String(randomInt(10, 29))}`;
  const first17 = `${county}${birth}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The same number with a wrong check character. */
export function breakChecksum(idNumber: string): string {
  const wrong = '10X98765432'.split('').find((c) => c !== idNumber[17])!;
  return idNumber.slice(0, 17) + wrong;
}

/** A random 137xxxxxxxx number; the demo data uses 138/139 only. */
export function makePhone(): string {
  return `137${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** A random Chinese name of 2–3 characters. */
export function makeName(): string {
  const family = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚';
  return (
    family[randomInt(family.length)] +
    given[randomInt(given.length)] +
    (randomInt(2) ? given[randomInt(given.length)] : '')
  );
}
