import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

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

/** JSON with object keys sorted at every depth: the one byte string a payload is signed as. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A short id of a public key: base64url SHA-256 of its SPKI DER, first 16 characters. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 16);
}

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject; keyId: string };

/** The platform's signing key from a PKCS#8 DER (base64) Ed25519 private key. */
export function signingKeyFrom(pkcs8Base64: string): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('The certificate signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('Not an Ed25519 public key');
  return key;
}

export function signPayload(payload: string, key: SigningKey): string {
  return sign(null, Buffer.from(payload, 'utf8'), key.privateKey).toString('base64url');
}

/** True only when `signature` is the key's Ed25519 signature of exactly these payload bytes. */
export function verifyPayload(payload: string, signature: string, publicKey: KeyObject): boolean {
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64 || sig.toString('base64url') !== signature) return false;
  try {
    return verify(null, Buffer.from(payload, 'utf8'), publicKey, sig);
  } catch {
    return false;
  }
}

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
