import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/crypto.js';
import {
  LEARNING_TOKEN_REFRESH_SECONDS,
  LEARNING_TOKEN_SECONDS,
  LearningTokens,
  makeLearningToken,
  verifyLearningToken,
} from './learning-token.js';

const key = randomBytes(32);
const login = 'c2Vzc2lvbi1oYXNoLW9mLXRoZS1jb29raWUtdG9rZW4tMTIz';
const ids = { userId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', sessionId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c' };
const t0 = Date.UTC(2026, 10, 23, 8, 0, 0);

describe('learning token', () => {
  it('names the learner and the session, and is good for its lifetime', () => {
    const token = makeLearningToken(key, login, ids, t0);
    expect(verifyLearningToken(key, token, login, ids.sessionId, t0)).toEqual({
      ok: true,
      refresh: false,
      ...ids,
      expiresAt: t0 / 1000 + LEARNING_TOKEN_SECONDS,
    });
    // In the last part of its life it still works but asks to be replaced; then it expires.
    const late = t0 + (LEARNING_TOKEN_SECONDS - LEARNING_TOKEN_REFRESH_SECONDS) * 1000;
    expect(verifyLearningToken(key, token, login, ids.sessionId, late - 1000)).toMatchObject({
      ok: true,
      refresh: false,
    });
    expect(verifyLearningToken(key, token, login, ids.sessionId, late)).toMatchObject({ ok: true, refresh: true });
    expect(verifyLearningToken(key, token, login, ids.sessionId, t0 + LEARNING_TOKEN_SECONDS * 1000)).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('works only with the sign-in it was issued to, for its own session, under the server key', () => {
    const token = makeLearningToken(key, login, ids, t0);
    expect(verifyLearningToken(key, token, `${login}x`, ids.sessionId, t0)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyLearningToken(randomBytes(32), token, login, ids.sessionId, t0)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyLearningToken(key, token, login, 'another-session', t0)).toEqual({
      ok: false,
      reason: 'other_session',
    });
  });

  it('refuses any edited part', () => {
    const token = makeLearningToken(key, login, ids, t0);
    const parts = token.split('.');
    const edits = [
      [parts[0], '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d', parts[2], parts[3], parts[4]],
      [parts[0], parts[1], '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d', parts[3], parts[4]],
      [parts[0], parts[1], parts[2], String(Number(parts[3]) + 3600), parts[4]],
      // Another last character (the key is random, so the signature may already end in A, 1 time in 16).
      [parts[0], parts[1], parts[2], parts[3], `${parts[4].slice(0, -1)}${parts[4].endsWith('A') ? 'E' : 'A'}`],
    ];
    for (const edit of edits) expect(verifyLearningToken(key, edit.join('.'), login, edit[2], t0).ok).toBe(false);
    for (const bad of [
      '',
      'lt1',
      `lt2.${parts.slice(1).join('.')}`,
      `${token}.x`,
      'lt1.a b.c.1.sig',
      'lt1.a.b.soon.sig',
    ]) {
      expect(verifyLearningToken(key, bad, login, ids.sessionId, t0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it("checks a request's token against its cookie, and keeps judging expiry and session for a pair it has seen", () => {
    let now = t0;
    const tokens = new LearningTokens(key, () => now);
    const cookie = 'the-session-cookie-token';
    const token = tokens.issue(sha256(cookie), ids);
    for (let i = 0; i < 2; i++) {
      expect(tokens.checkRequest(token, cookie, ids.sessionId)).toEqual({
        check: { ok: true, refresh: false, ...ids, expiresAt: t0 / 1000 + LEARNING_TOKEN_SECONDS },
        loginSessionId: sha256(cookie),
      });
      expect(tokens.checkRequest(token, 'another-cookie', ids.sessionId).check).toEqual({
        ok: false,
        reason: 'bad_signature',
      });
      expect(tokens.checkRequest(token, cookie, 'another-session').check).toEqual({
        ok: false,
        reason: 'other_session',
      });
    }
    now = t0 + (LEARNING_TOKEN_SECONDS - LEARNING_TOKEN_REFRESH_SECONDS) * 1000;
    expect(tokens.checkRequest(token, cookie, ids.sessionId).check).toMatchObject({ ok: true, refresh: true });
    now = t0 + LEARNING_TOKEN_SECONDS * 1000;
    expect(tokens.checkRequest(token, cookie, ids.sessionId).check).toEqual({ ok: false, reason: 'expired' });
  });
});
