// The signature every training certificate carries: Ed25519 (node:crypto, RFC 8032) over a canonical payload — the
// UTF-8 bytes of a JSON object with its keys sorted, no spaces — holding exactly what the public page shows. Anyone
// with the platform's public key (GET /api/public/certificate-key) can check a certificate offline; one changed byte
// of the payload or the signature fails. Ed25519 rather than SM2: Node's own SM2 signatures do not interoperate with
// sm-crypto-v2 (docs/certificates.md), and Ed25519 needs no dependency.

export type CertificatePayload = {
  /** Payload format version. */
  v: 1;
  number: string;
  /** Masked name (张*明) and masked resident ID number (3301**********1234). */
  name: string;
  idNumber: string;
  occupationCode: string;
  occupationName: string;
  level: number;
  onlineHours: number;
  offlineHours: number;
  totalHours: number;
  institution: string;
  /** Beijing date of issue, YYYY-MM-DD. */
  issueDate: string;
};

// The Ed25519 helpers and the canonical JSON live in platform/signing.ts (the evidence seal signs with them too).
export {
  canonicalJson,
  keyIdOf,
  publicKeyFromPem,
  publicKeyPem,
  signingKeyFrom,
  signPayload,
  verifyPayload,
  type SigningKey,
} from '../../platform/signing.js';

/** Masked name for the public: the family name and, for three characters or more, the last one (张*, 张*明, 欧阳**锋). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

// ---- the seal carried in the PDF (Info dictionary key YunxueCertificate) ------------------------------------

const SEAL = /^yx1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

/** payload + signature + key id as one ASCII string the PDF can carry without escaping. */
export function sealText(payload: string, signature: string, keyId: string): string {
  return `yx1.${Buffer.from(payload, 'utf8').toString('base64url')}.${signature}.${keyId}`;
}

export function openSeal(text: string): { payload: string; signature: string; keyId: string } | null {
  const m = SEAL.exec(text);
  if (!m) return null;
  return { payload: Buffer.from(m[1], 'base64url').toString('utf8'), signature: m[2], keyId: m[3] };
}

/**
 * Finds the seal in a PDF's bytes: the Info dictionary's YunxueCertificate entry, written directly or (as pdfkit
 * does) as a reference to an uncompressed string object.
 */
export function sealInPdf(pdf: Buffer): string | null {
  const text = pdf.toString('latin1');
  const direct = /\/YunxueCertificate\s*\((yx1\.[A-Za-z0-9_.-]+)\)/.exec(text);
  if (direct) return direct[1];
  const ref = /\/YunxueCertificate\s+(\d+)\s+(\d+)\s+R/.exec(text);
  if (!ref) return null;
  const object = new RegExp(`(?:^|\\s)${ref[1]}\\s+${ref[2]}\\s+obj\\s*\\((yx1\\.[A-Za-z0-9_.-]+)\\)`).exec(text);
  return object ? object[1] : null;
}
