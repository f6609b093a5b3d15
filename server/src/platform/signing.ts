import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

// Ed25519 signatures (node:crypto, RFC 8032) over canonical JSON: what training certificates
// (modules/certificates/signature.ts) and the evidence seal's tree heads (modules/seal) are signed with. A key is a
// PKCS#8 DER private key in base64 (platform/config.ts loads and checks it); its public half is shared as SPKI PEM.

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

/** A signing key from a PKCS#8 DER (base64) Ed25519 private key. */
export function signingKeyFrom(pkcs8Base64: string): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('A signing key must be Ed25519');
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
