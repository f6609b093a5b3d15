import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * All configuration comes from environment variables, validated here once at start-up.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | PORT / HOST | 3000 / 0.0.0.0 | where the HTTP server listens |
 * | YX_VAR_DIR | ./var | data folder: SQLite file, blobs, generated development secrets |
 * | DATABASE_URL | sqlite://<YX_VAR_DIR>/yunxue.db | `sqlite://path` or `postgres://…` |
 * | REDIS_URL | (none) | shared hot state and rate limits across API nodes; in-process when unset |
 * | YX_PII_KEY / YX_HASH_KEY | generated into var/secrets.json outside production | 32-byte base64 keys for PII encryption and lookup hashes |
 * | YX_CERT_SIGNING_KEY | generated into var/certificate-key.json outside production | Ed25519 private key (PKCS#8 DER, base64) signing training certificates; its public key is published at /api/public/certificate-key |
 * | YX_SEAL_SIGNING_KEY | generated into var/seal-key.json outside production | Ed25519 private key (PKCS#8 DER, base64) signing the evidence seal's tree heads (modules/seal, docs/evidence-seal.md) |
 * | YX_SEAL_DIR | <YX_VAR_DIR>/seal | the append-only export of signed tree heads and their leaves (JSON lines) |
 * | YX_SEAL_HASH | sha256 | hash of a new seal tree: `sha256` or `sm3` (a tree keeps the algorithm it started with) |
 * | YX_SEAL_INTERVAL_SECONDS | 300 | how often the seal checkpoint runs |
 * | YX_SEED_DEMO | true | seed demo data into an empty database at start |
 * | YX_DEMO_CONTENT | true | with the demo data, also demo courses with generated lesson videos (transcoded in the background) |
 * | YX_TRUST_PROXY | false | trust X-Forwarded-For (set behind a load balancer) |
 * | YX_SECURE_COOKIES | false | mark cookies Secure (set when served over https) |
 * | YX_PUBLIC_URL | http://localhost:<PORT> | base URL used in invitation links |
 * | LOG_LEVEL | info | pino log level |
 * | YX_MAX_VIDEO_MB / YX_MAX_DOCUMENT_MB | 2048 / 100 | largest accepted upload of each kind |
 * | YX_RATE_LIMIT_PER_MINUTE | 600 | requests per minute per client IP (shared through Redis when configured) |
 * | YX_RUN_JOBS | true | run the embedded job runner (transcoding etc.) in this process |
 * | YX_SQLITE_CHECKPOINT_THREAD | true | SQLite files: copy the WAL back in a background thread instead of inside commits (adapters/sqlite-checkpointer.ts) |
 * | YX_FACE_WARM_UP | true (false under NODE_ENV=test) | load the face models in the background at start, so the first check does not wait |
 * | YX_FACE_WORKERS / YX_FACE_QUEUE / YX_FACE_DETECTOR / YX_FACE_THRESHOLD | 1 / 32 per worker / tiny / calibrated | the face engine (adapters/face-engine/face-api-engine.ts) |
 */
export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  varDir: string;
  databaseUrl: string;
  redisUrl: string | undefined;
  piiKey: Buffer;
  hashKey: Buffer;
  /** Ed25519 private key (PKCS#8 DER, base64) that signs training certificates (modules/certificates/signature.ts). */
  certificateSigningKey: string;
  /** The evidence seal (modules/seal): its Ed25519 key, export folder, hash of a new tree and checkpoint interval. */
  seal: SealSettings;
  seedDemo: boolean;
  demoContent: boolean;
  trustProxy: boolean;
  secureCookies: boolean;
  publicUrl: string;
  logLevel: string;
  auth: AuthSettings;
  uploads: UploadLimits;
  runJobs: boolean;
  /** Load the face models in the background at start-up (off in tests: most never analyse a photo). */
  faceWarmUp: boolean;
  sqliteCheckpointThread: boolean;
  rateLimitPerMinute: number;
};

export type SealSettings = {
  signingKey: string;
  dir: string;
  hash: 'sha256' | 'sm3';
  intervalSeconds: number;
};

export type UploadLimits = { videoBytes: number; documentBytes: number };

export type AuthSettings = {
  sessionIdleMinutes: number;
  sessionMaxDays: number;
  maxFailedLogins: number;
  lockMinutes: number;
  failedLoginsPerIpPerWindow: number;
  ipWindowMinutes: number;
  codeTtlMinutes: number;
  codeResendSeconds: number;
  codeMaxAttempts: number;
  invitationDays: number;
};

export const defaultAuthSettings: AuthSettings = {
  sessionIdleMinutes: 8 * 60,
  sessionMaxDays: 7,
  maxFailedLogins: 5,
  lockMinutes: 15,
  failedLoginsPerIpPerWindow: 30,
  ipWindowMinutes: 15,
  codeTtlMinutes: 10,
  codeResendSeconds: 60,
  codeMaxAttempts: 5,
  invitationDays: 7,
};

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  const n = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}

function megabytes(name: string, value: string | undefined, fallback: number): number {
  const mb = value === undefined || value === '' ? fallback : Number(value);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`${name} must be a positive number of megabytes, got ${value}`);
  return Math.floor(mb * 1024 * 1024);
}

function key(name: string, value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const buf = Buffer.from(value, 'base64');
  if (buf.length !== 32) throw new Error(`${name} must be 32 bytes encoded in base64`);
  return buf;
}

/** Outside production, keys are generated once and kept beside the data so a restart can still decrypt. */
function developmentSecrets(varDir: string): { piiKey: Buffer; hashKey: Buffer } {
  const file = path.join(varDir, 'secrets.json');
  if (!existsSync(file)) {
    mkdirSync(varDir, { recursive: true });
    const fresh = { piiKey: randomBytes(32).toString('base64'), hashKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { piiKey: string; hashKey: string };
  return { piiKey: key('piiKey', stored.piiKey)!, hashKey: key('hashKey', stored.hashKey)! };
}

function ed25519Key(name: string, value: string): string {
  let type: string | undefined;
  try {
    type = createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' }).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') throw new Error(`${name} must be an Ed25519 private key (PKCS#8 DER, base64)`);
  return value;
}

/** Outside production, signing keys are generated once and kept beside the data like the PII keys. */
function developmentSigningKey(varDir: string, name = 'certificate-key.json'): string {
  const file = path.join(varDir, name);
  if (!existsSync(file)) {
    mkdirSync(varDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    const fresh = { privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64') };
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { privateKey: string };
  return ed25519Key(name, stored.privateKey);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const varDir = path.resolve(env.YX_VAR_DIR ?? 'var');
  const databaseUrl = env.DATABASE_URL || `sqlite://${path.join(varDir, 'yunxue.db')}`;
  if (!/^(sqlite|postgres|postgresql):\/\//.test(databaseUrl))
    throw new Error('DATABASE_URL must start with sqlite:// or postgres://');

  let piiKey = key('YX_PII_KEY', env.YX_PII_KEY);
  let hashKey = key('YX_HASH_KEY', env.YX_HASH_KEY);
  if (!piiKey || !hashKey) {
    if (mode === 'production') throw new Error('YX_PII_KEY and YX_HASH_KEY are required in production');
    ({ piiKey, hashKey } = developmentSecrets(varDir));
  }
  let certificateSigningKey = env.YX_CERT_SIGNING_KEY
    ? ed25519Key('YX_CERT_SIGNING_KEY', env.YX_CERT_SIGNING_KEY)
    : undefined;
  if (!certificateSigningKey) {
    if (mode === 'production') throw new Error('YX_CERT_SIGNING_KEY is required in production');
    certificateSigningKey = developmentSigningKey(varDir);
  }
  let sealSigningKey = env.YX_SEAL_SIGNING_KEY ? ed25519Key('YX_SEAL_SIGNING_KEY', env.YX_SEAL_SIGNING_KEY) : undefined;
  if (!sealSigningKey) {
    if (mode === 'production') throw new Error('YX_SEAL_SIGNING_KEY is required in production');
    sealSigningKey = developmentSigningKey(varDir, 'seal-key.json');
  }
  const sealHash = env.YX_SEAL_HASH || 'sha256';
  if (sealHash !== 'sha256' && sealHash !== 'sm3') throw new Error('YX_SEAL_HASH must be sha256 or sm3');
  return {
    env: mode,
    port,
    host: env.HOST ?? '0.0.0.0',
    varDir,
    databaseUrl,
    redisUrl: env.REDIS_URL || undefined,
    piiKey,
    hashKey,
    certificateSigningKey,
    seal: {
      signingKey: sealSigningKey,
      dir: path.resolve(env.YX_SEAL_DIR ?? path.join(varDir, 'seal')),
      hash: sealHash,
      intervalSeconds: positiveInteger('YX_SEAL_INTERVAL_SECONDS', env.YX_SEAL_INTERVAL_SECONDS, 300),
    },
    seedDemo: bool(env.YX_SEED_DEMO, true),
    demoContent: bool(env.YX_DEMO_CONTENT, true),
    trustProxy: bool(env.YX_TRUST_PROXY, false),
    secureCookies: bool(env.YX_SECURE_COOKIES, false),
    publicUrl: env.YX_PUBLIC_URL ?? `http://localhost:${port}`,
    logLevel: env.LOG_LEVEL ?? 'info',
    auth: defaultAuthSettings,
    uploads: {
      videoBytes: megabytes('YX_MAX_VIDEO_MB', env.YX_MAX_VIDEO_MB, 2048),
      documentBytes: megabytes('YX_MAX_DOCUMENT_MB', env.YX_MAX_DOCUMENT_MB, 100),
    },
    runJobs: bool(env.YX_RUN_JOBS, true),
    faceWarmUp: bool(env.YX_FACE_WARM_UP, mode !== 'test'),
    sqliteCheckpointThread: bool(env.YX_SQLITE_CHECKPOINT_THREAD, true),
    rateLimitPerMinute: positiveInteger('YX_RATE_LIMIT_PER_MINUTE', env.YX_RATE_LIMIT_PER_MINUTE, 600),
  };
}
