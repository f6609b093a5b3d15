// `npm run verify:certificate -- <file.pdf | number> [--key public.pem] [--url https://…]`
//
// A PDF is checked offline: the seal the platform embedded (payload + Ed25519 signature + key id) against the public
// key from --key, or else fetched once from <url>/api/public/certificate-key. A number is looked up at
// <url>/api/public/verify/<number> and the answer's signature is checked here too (the server's word is not taken).
// <url> defaults to YX_PUBLIC_URL, then http://localhost:3000. Exit status 0 valid, 1 not valid, 2 usage or network.
import { existsSync, readFileSync } from 'node:fs';
import { verifyCertificatePdf, verifySignedPayload, type OfflineVerdict } from './offline-verify.js';
import type { PublicVerification } from './certificates.service.js';
import { publicKeyFromPem } from './signature.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const keyFile = option('--key');
const base = (option('--url') ?? process.env.YX_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const target = args[0];
if (!target) {
  console.error('usage: npm run verify:certificate -- <file.pdf | certificate number> [--key public.pem] [--url base]');
  process.exit(2);
}

async function getJson<T>(url: string): Promise<{ status: number; body: T | null }> {
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  return { status: res.status, body: (await res.json().catch(() => null)) as T | null };
}

async function publicKey() {
  if (keyFile) return publicKeyFromPem(readFileSync(keyFile, 'utf8'));
  const { status, body } = await getJson<{ publicKeyPem: string }>(`${base}/api/public/certificate-key`);
  if (status !== 200 || !body) throw new Error(`cannot fetch the public key from ${base} (HTTP ${status})`);
  return publicKeyFromPem(body.publicKeyPem);
}

function report(verdict: OfflineVerdict, extra = ''): number {
  const p = verdict.payload;
  if (p)
    console.log(
      [
        `number      ${p.number}`,
        `holder      ${p.name}  ${p.idNumber}`,
        `occupation  ${p.occupationName} (${p.occupationCode}), level ${p.level}`,
        `hours       online ${p.onlineHours} + offline ${p.offlineHours} = ${p.totalHours}`,
        `institution ${p.institution}`,
        `issued      ${p.issueDate}`,
      ].join('\n'),
    );
  if (verdict.ok) console.log(`VALID signature (Ed25519, key ${verdict.keyId})${extra}`);
  else console.log(`NOT VALID: ${verdict.reason}${extra}`);
  return verdict.ok ? 0 : 1;
}

try {
  if (existsSync(target)) {
    process.exit(report(verifyCertificatePdf(readFileSync(target), await publicKey())));
  }
  const { status, body } = await getJson<PublicVerification>(`${base}/api/public/verify/${encodeURIComponent(target)}`);
  if (status === 404) {
    console.log('NOT FOUND: no certificate has this number');
    process.exit(1);
  }
  if (status !== 200 || !body) throw new Error(`verification service answered HTTP ${status}`);
  const verdict = verifySignedPayload(body, await publicKey());
  const revoked = body.status === 'revoked' ? `; REVOKED on ${body.revokedOn}` : '; status valid';
  process.exit(report(verdict, revoked) || (body.status === 'revoked' ? 1 : 0));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
