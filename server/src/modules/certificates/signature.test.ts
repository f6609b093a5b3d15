import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  maskName,
  openSeal,
  sealText,
  signingKeyFrom,
  signPayload,
  verifyPayload,
  type CertificatePayload,
} from './signature.js';

const newKey = () =>
  signingKeyFrom(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'));
const payload: CertificatePayload = {
  v: 1,
  number: 'YX33010620260001000001X',
  name: '张*明',
  idNumber: '3301**********1234',
  occupationCode: '6-31-01-03',
  occupationName: '电工',
  level: 5,
  onlineHours: 40,
  offlineHours: 40.5,
  totalHours: 80.5,
  institution: '杭州西湖职业技能培训学校',
  issueDate: '2026-07-01',
};

describe('certificate signatures', () => {
  it('signs a canonical payload: keys sorted at every depth, no spaces, whatever the insertion order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 'é' }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":"é","y":1}]},"b":1}',
    );
    const reversed = Object.fromEntries(Object.entries(payload).reverse());
    expect(canonicalJson(reversed)).toBe(canonicalJson(payload));
    expect(JSON.parse(canonicalJson(payload))).toEqual(payload);
  });

  it('verifies its own signature and no other key’s', () => {
    const key = newKey();
    const text = canonicalJson(payload);
    const signature = signPayload(text, key);
    expect(verifyPayload(text, signature, key.publicKey)).toBe(true);
    expect(verifyPayload(text, signature, newKey().publicKey)).toBe(false);
  });

  it('fails when any byte of the payload or the signature changes', () => {
    const key = newKey();
    const text = canonicalJson(payload);
    const signature = signPayload(text, key);
    const bytes = Buffer.from(text, 'utf8');
    const sig = Buffer.from(signature, 'base64url');
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at] ^ flip;
        expect(verifyPayload(changed.toString('latin1'), signature, key.publicKey)).toBe(false);
      }),
      { numRuns: 300 },
    );
    // Payload text changes a reader would make: a name unmasked, an hour added.
    expect(verifyPayload(text.replace('张*明', '张三明'), signature, key.publicKey)).toBe(false);
    expect(verifyPayload(text.replace('"totalHours":80.5', '"totalHours":90.5'), signature, key.publicKey)).toBe(false);
    fc.assert(
      fc.property(fc.nat({ max: 63 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const changed = Buffer.from(sig);
        changed[at] = changed[at] ^ flip;
        expect(verifyPayload(text, changed.toString('base64url'), key.publicKey)).toBe(false);
      }),
      { numRuns: 300 },
    );
    expect(verifyPayload(text, signature.slice(0, -2), key.publicKey)).toBe(false);
    expect(verifyPayload(text, `${signature}==`, key.publicKey)).toBe(false);
  });

  it('round-trips the seal the PDF carries', () => {
    const key = newKey();
    const text = canonicalJson(payload);
    const seal = sealText(text, signPayload(text, key), key.keyId);
    expect(seal).toMatch(/^yx1\.[A-Za-z0-9_.-]+$/);
    const opened = openSeal(seal)!;
    expect(opened.payload).toBe(text);
    expect(opened.keyId).toBe(key.keyId);
    expect(verifyPayload(opened.payload, opened.signature, key.publicKey)).toBe(true);
    expect(openSeal('yx1.abc')).toBeNull();
  });

  it('masks names for the public', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('欧阳中华')).toBe('欧**华');
    expect(maskName('买买提·艾力')).toBe('买****力');
  });
});
