import { createHmac } from 'node:crypto';
import type { PiiCipher } from '../../platform/crypto.js';
import { safeEqual, sha256 } from '../../platform/crypto.js';
import { RecentMap } from '../../platform/recent-map.js';

// The learning token: what lets a lesson's heartbeats, answers and end skip the session lookup in SQL (ADR 0006,
// "Heartbeats without a session lookup"). `start` issues it after the full cookie check; it names the learner, the
// learning session and an expiry, and its signature also covers the sign-in (the SHA-256 of the session cookie, as
// stored in `sessions.id`), which is not in the token: a token only works together with the cookie it was issued to.
// Whether the lesson is still the live one stays the live state's decision (hot state, compare-and-set), and
// whatever ends a sign-in ends its live lesson there, so a signed-out device is refused at once.

const VERSION = 'lt1';
/** A token works this long ... */
export const LEARNING_TOKEN_SECONDS = 10 * 60;
/**
 * ... but from this much remaining life on, a request takes the full cookie check again and gets a new token: so
 * the sign-in is re-read from SQL every few minutes anyway (and its idle timeout keeps sliding while a lesson plays).
 */
export const LEARNING_TOKEN_REFRESH_SECONDS = 5 * 60;
const ID = /^[0-9A-Za-z-]{1,64}$/;

export type LearningTokenClaims = { userId: string; sessionId: string; expiresAt: number };
export type LearningTokenCheck =
  | ({ ok: true; refresh: boolean } & LearningTokenClaims)
  | { ok: false; reason: 'malformed' | 'bad_signature' | 'other_session' | 'expired' };

function sign(key: Buffer, loginSessionId: string, claims: LearningTokenClaims): string {
  // Domain-separated so a signature made here can never pass for another use of the same key.
  return createHmac('sha256', key)
    .update(`yunxue-learning:${VERSION}:${claims.userId}:${loginSessionId}:${claims.sessionId}:${claims.expiresAt}`)
    .digest('base64url');
}

/** A token for one learning session of one sign-in (`loginSessionId` = `sessions.id`), valid until `now` + 10 minutes. */
export function makeLearningToken(
  key: Buffer,
  loginSessionId: string,
  ids: { userId: string; sessionId: string },
  now: number,
): string {
  if (!ID.test(ids.userId) || !ID.test(ids.sessionId)) throw new Error('Learning token ids must be plain ids');
  const claims = { ...ids, expiresAt: Math.floor(now / 1000) + LEARNING_TOKEN_SECONDS };
  return [VERSION, claims.userId, claims.sessionId, claims.expiresAt, sign(key, loginSessionId, claims)].join('.');
}

/**
 * Checks a token presented with the sign-in `loginSessionId` (from the request's cookie) for learning session
 * `sessionId` (from the URL). `refresh` says it is in the last part of its life and should be replaced.
 */
export function verifyLearningToken(
  key: Buffer,
  token: string,
  loginSessionId: string,
  sessionId: string,
  now: number,
): LearningTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION) return { ok: false, reason: 'malformed' };
  const [, userId, tokenSession, expires, signature] = parts as [string, string, string, string, string];
  const expiresAt = Number(expires);
  if (!ID.test(userId) || !ID.test(tokenSession) || !/^\d{1,12}$/.test(expires) || !signature)
    return { ok: false, reason: 'malformed' };
  const claims = { userId, sessionId: tokenSession, expiresAt };
  if (!safeEqual(signature, sign(key, loginSessionId, claims))) return { ok: false, reason: 'bad_signature' };
  return judgeClaims(claims, sessionId, now);
}

/** What signed claims allow now: the learning session they name, until they expire (refresh near the end). */
function judgeClaims(claims: LearningTokenClaims, sessionId: string, now: number): LearningTokenCheck {
  if (claims.sessionId !== sessionId) return { ok: false, reason: 'other_session' };
  const left = claims.expiresAt - now / 1000;
  if (left <= 0) return { ok: false, reason: 'expired' };
  return { ok: true, refresh: left <= LEARNING_TOKEN_REFRESH_SECONDS, ...claims };
}

/**
 * The key that signs learning tokens: derived from the server's hash key under its own label (as the attendance
 * code key is), so there is no new secret to deploy and every API node holding the keys can check any token.
 */
export function learningTokenKey(cipher: PiiCipher): Buffer {
  return Buffer.from(cipher.lookupHash('learning-token-key', 'v1'), 'base64url');
}

/** Issues and checks learning tokens on the platform's clock (one per process; every node derives the same key). */
export class LearningTokens {
  /**
   * Tokens whose signature already checked out with a given cookie, so a lesson's later heartbeats skip hashing the
   * cookie and the HMAC. The expiry is still judged on every call; only good pairs are kept, a bounded number.
   */
  private readonly verified = new RecentMap<string, { loginSessionId: string; claims: LearningTokenClaims }>(
    VERIFIED_PAIRS,
  );

  constructor(
    private readonly key: Buffer,
    private readonly now: () => number,
  ) {}

  issue(loginSessionId: string, ids: { userId: string; sessionId: string }): string {
    return makeLearningToken(this.key, loginSessionId, ids, this.now());
  }

  check(token: string, loginSessionId: string, sessionId: string): LearningTokenCheck {
    return verifyLearningToken(this.key, token, loginSessionId, sessionId, this.now());
  }

  /** `check` for a request: the token from its header with its session cookie (whose SHA-256 is the sign-in id). */
  checkRequest(
    token: string,
    cookie: string,
    sessionId: string,
  ): { check: LearningTokenCheck; loginSessionId: string } {
    const pair = `${token}\n${cookie}`;
    const known = this.verified.get(pair);
    if (known) return { check: judgeClaims(known.claims, sessionId, this.now()), loginSessionId: known.loginSessionId };
    const loginSessionId = sha256(cookie);
    const check = this.check(token, loginSessionId, sessionId);
    if (check.ok)
      this.verified.set(pair, {
        loginSessionId,
        claims: { userId: check.userId, sessionId: check.sessionId, expiresAt: check.expiresAt },
      });
    return { check, loginSessionId };
  }
}

/** Good (token, cookie) pairs remembered per process: about the learners playing on one node at once. */
const VERIFIED_PAIRS = 20_000;
