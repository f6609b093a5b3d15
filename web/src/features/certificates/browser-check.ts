// The verification page checks the signature itself with WebCrypto's Ed25519 when the browser has it (the server's
// own check is shown beside it): the payload bytes, the base64url signature and the PEM public key the API publishes.

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const text = atob(
    b64
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(b64.length / 4) * 4, '='),
  );
  const out = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** true / false when the browser could check; null when it has no Ed25519. */
export async function checkInBrowser(
  payload: string,
  signature: string,
  publicKeyPem: string,
): Promise<boolean | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const spki = base64ToBytes(publicKeyPem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''));
  let key: CryptoKey;
  try {
    key = await subtle.importKey('spki', spki, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return null;
  }
  try {
    return await subtle.verify({ name: 'Ed25519' }, key, base64ToBytes(signature), new TextEncoder().encode(payload));
  } catch {
    return false;
  }
}
