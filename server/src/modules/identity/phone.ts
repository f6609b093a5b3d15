// Mainland China mobile phone numbers: 11 digits, 1[3-9]xxxxxxxxx.

export type MobilePhoneFailure = 'characters' | 'length' | 'prefix';

export type MobilePhoneResult = { ok: true; value: string } | { ok: false; reason: MobilePhoneFailure };

/** Accepts spaces, dashes and a leading +86 or 86; returns the bare 11 digits. */
export function validateMobilePhone(input: string): MobilePhoneResult {
  // NFKC turns full-width digits, plus signs and dashes into ASCII.
  let s = input.normalize('NFKC').replace(/[\s-]+/g, '');
  if (s.startsWith('+86')) s = s.slice(3);
  // 86 without a plus only when 11 digits follow: no mobile number starts with 86.
  else if (s.length === 13 && s.startsWith('86')) s = s.slice(2);
  if (!/^\d+$/.test(s)) return { ok: false, reason: 'characters' };
  if (s.length !== 11) return { ok: false, reason: 'length' };
  if (!/^1[3-9]/.test(s)) return { ok: false, reason: 'prefix' };
  return { ok: true, value: s };
}

/** First 3 and last 4 digits, the rest as asterisks: 138****1234. */
export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}
