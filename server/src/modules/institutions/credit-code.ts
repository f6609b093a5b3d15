// Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-character alphabet
// (no I, O, Z, S, V), the last being a check character over the first 17 with weights 3^i mod 31.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`Invalid credit code character: ${first17[i]}`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  const upper = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(upper)) return false;
  return creditCodeCheckChar(upper.slice(0, 17)) === upper[17];
}

/** Builds a valid code for demo data: registration authority 9 (industry & commerce), type 1 (enterprise), region, serial. */
export function makeCreditCode(regionCode: string, serial: string): string {
  const first17 = `91${regionCode}${serial.padStart(9, '0').slice(0, 9)}`;
  return first17 + creditCodeCheckChar(first17);
}
