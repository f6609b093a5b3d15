import type { KeyObject } from 'node:crypto';
import { keyIdOf, openSeal, sealInPdf, verifyPayload, type CertificatePayload } from './signature.js';

// What `npm run verify:certificate` decides, without I/O: a PDF's embedded seal checked against the platform's public
// key, or the public API's answer for a number checked the same way.

export type OfflineVerdict =
  | { ok: true; payload: CertificatePayload; keyId: string }
  | { ok: false; reason: 'no_seal' | 'other_key' | 'bad_signature'; payload: CertificatePayload | null };

function parse(payload: string): CertificatePayload | null {
  try {
    return JSON.parse(payload) as CertificatePayload;
  } catch {
    return null;
  }
}

export function verifySignedPayload(
  input: { payload: string; signature: string; keyId: string },
  publicKey: KeyObject,
): OfflineVerdict {
  const payload = parse(input.payload);
  if (input.keyId !== keyIdOf(publicKey)) return { ok: false, reason: 'other_key', payload };
  if (!payload || !verifyPayload(input.payload, input.signature, publicKey))
    return { ok: false, reason: 'bad_signature', payload };
  return { ok: true, payload, keyId: input.keyId };
}

export function verifyCertificatePdf(pdf: Buffer, publicKey: KeyObject): OfflineVerdict {
  const seal = sealInPdf(pdf);
  const opened = seal ? openSeal(seal) : null;
  if (!opened) return { ok: false, reason: 'no_seal', payload: null };
  return verifySignedPayload(opened, publicKey);
}
