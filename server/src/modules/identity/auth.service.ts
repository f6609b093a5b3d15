import type { Kysely } from 'kysely';
import type { HotState } from '../../adapters/hotstate.js';
import type { SmsProvider } from '../../adapters/sms.js';
import type { AuthSettings } from '../../platform/config.js';
import type { Database, DbOrTrx } from '../../database/schema.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestMeta } from '../../platform/context.js';
import {
  hashPassword,
  newToken,
  numericCode,
  PiiCipher,
  safeEqual,
  sha256,
  verifyPassword,
} from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { addDays, addMinutes, formatBeijingTime } from '../../platform/time.js';
import type { AuditService } from '../audit/index.js';
import {
  consumeCode,
  endOpenSessions,
  findSession,
  insertSession,
  insertVerificationCode,
  latestUnconsumedCode,
  openSessionsOf,
  replaceSessions,
  setCodeAttempts,
  touchSession,
} from './auth.repository.js';
import type { SessionEndReason } from './identity.tables.js';
import { requireName, requirePhone, requireResidentId, requireStrongPassword } from './person.js';
import { validateMobilePhone, maskPhone } from './phone.js';
import { maskResidentId, type ResidentIdInfo } from './resident-id.js';
import {
  findActorUser,
  findUserById,
  findUserByIdNumberHash,
  findUserByPhoneHash,
  insertUser,
  lockUser,
  takeLoginAttempt,
  updateUser,
  userRowToUser,
  type User,
  type UserRow,
} from './users.repository.js';

export type AuthDeps = {
  db: Kysely<Database>;
  clock: Clock;
  cipher: PiiCipher;
  hot: HotState;
  sms: SmsProvider;
  audit: AuditService;
  settings: AuthSettings;
};

export type SessionInfo = { id: string; createdAt: string; ip: string; device: string; csrfToken: string };
export type LoginResult = { token: string; user: User; session: SessionInfo };

// Used when the account does not exist, so a wrong login costs the same time either way (no account probing by timing).
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * The password hash of an account nobody can sign in to yet ('invited'): not a scrypt hash, so no password verifies.
 * Accounts created in bulk (roster import) get it instead of a hash of a random password, which would cost ~50 ms each.
 */
export const UNUSABLE_PASSWORD_HASH = '!unset';

/** The personal columns of a user row from already validated data: encrypted, hashed for lookup, and masked. */
export function sealedPersonColumns(cipher: PiiCipher, person: { name: string; id: ResidentIdInfo; phone: string }) {
  const { name, id, phone } = person;
  return {
    name,
    id_number_enc: cipher.encrypt(id.normalized),
    id_number_hash: cipher.lookupHash('id', id.normalized),
    id_number_masked: maskResidentId(id.normalized),
    phone_enc: cipher.encrypt(phone),
    phone_hash: cipher.lookupHash('phone', phone),
    phone_masked: maskPhone(phone),
    gender: id.gender,
    birth_date: id.birthDate,
  };
}

/** A short human label for the device, kept with the session so "signed in elsewhere" can say where. */
export function describeDevice(userAgent: string, hint?: string): string {
  if (hint) return hint.slice(0, 128);
  const os = /Android/i.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/i.test(userAgent)
      ? 'iOS'
      : /Windows/i.test(userAgent)
        ? 'Windows'
        : /Mac OS X/i.test(userAgent)
          ? 'macOS'
          : /Linux/i.test(userAgent)
            ? 'Linux'
            : 'Unknown OS';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /MicroMessenger/i.test(userAgent)
      ? 'WeChat'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Firefox\//.test(userAgent)
          ? 'Firefox'
          : /Safari\//.test(userAgent)
            ? 'Safari'
            : 'Browser';
  return `${browser} on ${os}`;
}

/**
 * The error a request made with an ended sign-in gets: who replaced it (time, IP and device of the newer sign-in) or
 * why it ended. Null while the sign-in is open. The learning engine asks it too (a lesson's heartbeats do not look the
 * session up themselves).
 */
export async function loginEndedError(db: DbOrTrx, loginSessionId: string): Promise<AppError | null> {
  const session = await findSession(db, loginSessionId);
  if (!session) return new AppError('AUTH_REQUIRED');
  if (session.ended_reason === 'replaced') {
    const newer = session.replaced_by ? await findSession(db, session.replaced_by) : undefined;
    const at = newer?.created_at ?? session.ended_at!;
    const ip = newer?.ip ?? 'unknown';
    return new AppError('AUTH_SIGNED_IN_ELSEWHERE', {
      details: { at, ip, device: newer?.device ?? 'unknown' },
      params: { at: formatBeijingTime(at), ip },
    });
  }
  if (session.ended_at) return new AppError('AUTH_SESSION_EXPIRED', { details: { reason: session.ended_reason } });
  return null;
}

export class AuthService {
  private readonly loginEndListeners: ((userId: string) => Promise<void>)[] = [];

  constructor(private readonly deps: AuthDeps) {}

  /**
   * `listener` is called after the commit whenever sign-ins of a user have ended (any reason), so state tied to a
   * sign-in elsewhere — a live lesson — ends with it. A failing listener fails the call that ended the sign-in.
   */
  onLoginsEnded(listener: (userId: string) => Promise<void>): void {
    this.loginEndListeners.push(listener);
  }

  /** Tells the listeners; every caller of `endSessions` calls it once its transaction has committed. */
  async loginsEnded(userId: string): Promise<void> {
    for (const listener of this.loginEndListeners) await listener(userId);
  }

  private hashes(idNumber: string | null, phone: string | null) {
    const { cipher } = this.deps;
    return {
      idHash: idNumber ? cipher.lookupHash('id', idNumber) : null,
      phoneHash: phone ? cipher.lookupHash('phone', phone) : null,
    };
  }

  /** Checks "one person, one account" without saying whose account holds the number. */
  async assertPersonIsNew(db: DbOrTrx, idNumber: string, phone: string): Promise<void> {
    const { idHash, phoneHash } = this.hashes(idNumber, phone);
    if (await findUserByIdNumberHash(db, idHash!))
      throw new AppError('IDENTITY_ID_NUMBER_TAKEN', { field: 'idNumber' });
    if (await findUserByPhoneHash(db, phoneHash!)) throw new AppError('IDENTITY_PHONE_TAKEN', { field: 'phone' });
  }

  /** Builds the personal columns of a user row from validated input: encrypted, hashed and masked. */
  async personColumns(input: { name: string; idNumber: string; phone: string; password: string }) {
    const now = this.deps.clock.now();
    const name = requireName(input.name);
    const id = requireResidentId(input.idNumber, now);
    const phone = requirePhone(input.phone);
    const password = requireStrongPassword(input.password);
    return {
      name,
      idNumber: id.normalized,
      phone,
      columns: {
        ...sealedPersonColumns(this.deps.cipher, { name, id, phone }),
        password_hash: await hashPassword(password),
      },
    };
  }

  async register(
    input: { name: string; idNumber: string; phone: string; password: string },
    meta: RequestMeta,
  ): Promise<User> {
    const person = await this.personColumns(input);
    const now = this.deps.clock.now().toISOString();
    const id = newId();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        await this.assertPersonIsNew(trx, person.idNumber, person.phone);
        await insertUser(trx, {
          id,
          role: 'learner',
          status: 'active',
          region_code: null,
          institution_id: null,
          locked_until: null,
          created_at: now,
          updated_at: now,
          ...person.columns,
        });
        await this.deps.audit.record(trx, {
          actor: { userId: id, role: 'learner' },
          action: 'user.registered',
          targetType: 'user',
          targetId: id,
          meta,
        });
      });
    } catch (err) {
      throw this.uniqueViolationToAppError(err);
    }
    return userRowToUser((await findUserById(this.deps.db, id))!);
  }

  /** Two registrations racing past the pre-check meet the unique indexes; answer them like the pre-check would. */
  uniqueViolationToAppError(err: unknown): unknown {
    const text = String((err as Error)?.message ?? '');
    if (/id_number_hash/.test(text)) return new AppError('IDENTITY_ID_NUMBER_TAKEN', { field: 'idNumber' });
    if (/phone_hash/.test(text)) return new AppError('IDENTITY_PHONE_TAKEN', { field: 'phone' });
    return err;
  }

  private async findByLogin(login: string): Promise<UserRow | undefined> {
    const trimmed = login.trim();
    const phone = validateMobilePhone(trimmed);
    if (phone.ok) return findUserByPhoneHash(this.deps.db, this.hashes(null, phone.value).phoneHash!);
    if (/^\d{17}[\dXx]$/.test(trimmed))
      return findUserByIdNumberHash(this.deps.db, this.hashes(trimmed.toUpperCase(), null).idHash!);
    return undefined;
  }

  async login(input: { login: string; password: string; device?: string }, meta: RequestMeta): Promise<LoginResult> {
    const { db, clock, hot, audit, settings } = this.deps;
    const ipKey = `login-fail-ip:${meta.ip}`;
    // The attempt is counted against the address before it is tried (one atomic increment), so attempts sent in
    // parallel cannot all read a count below the limit; a successful sign-in gives its slot back below.
    const ipAttempts = await hot.increment(ipKey, settings.ipWindowMinutes * 60);
    if (ipAttempts > settings.failedLoginsPerIpPerWindow) {
      throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: settings.ipWindowMinutes * 60 } });
    }
    const user = await this.findByLogin(input.login);
    const now = clock.now();
    const failed = async (reason: string, userRow?: UserRow) => {
      await audit.record(db, {
        actor: userRow ? { userId: userRow.id, role: userRow.role } : null,
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: userRow?.id,
        regionCode: userRow?.region_code,
        institutionId: userRow?.institution_id,
        meta,
        details: { reason },
      });
    };
    const lockedError = (until: string) =>
      new AppError('AUTH_ACCOUNT_LOCKED', { details: { until }, params: { until: formatBeijingTime(until) } });
    if (!user) {
      await verifyPassword(input.password, DUMMY_HASH);
      await failed('unknown_account');
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.status === 'invited') {
      // No password can match yet; say so plainly (the account holder needs to know to use the SMS reset), at the
      // cost of a password check so the answer takes as long as any other. Not counted towards the lockout.
      await verifyPassword(input.password, DUMMY_HASH);
      await failed('not_activated', user);
      throw new AppError('AUTH_ACCOUNT_NOT_ACTIVATED');
    }
    // Each password check takes one of the account's attempts first, in one atomic statement that also refuses a
    // locked account, so parallel guesses cannot all see the count before any of them wrote it.
    const count = await takeLoginAttempt(db, user.id, now.toISOString());
    if (count === undefined) {
      const lockedUntil = (await findUserById(db, user.id))?.locked_until ?? user.locked_until ?? now.toISOString();
      await failed('locked', user);
      throw lockedError(lockedUntil);
    }
    const lock = async () => {
      const lockedUntil = addMinutes(now, settings.lockMinutes).toISOString();
      // Only the attempt that actually locks the account records it (a lock already in place stays as it is).
      if (await lockUser(db, user.id, lockedUntil, now.toISOString())) {
        await audit.record(db, {
          actor: null,
          action: 'auth.account_locked',
          targetType: 'user',
          targetId: user.id,
          regionCode: user.region_code,
          institutionId: user.institution_id,
          meta,
          details: { until: lockedUntil },
        });
        return lockedUntil;
      }
      return (await findUserById(db, user.id))?.locked_until ?? lockedUntil;
    };
    if (count > settings.maxFailedLogins) {
      // The attempts still allowed are all taken by checks in flight: this one is not tried at all.
      await failed('locked', user);
      throw lockedError(await lock());
    }
    if (!(await verifyPassword(input.password, user.password_hash))) {
      await failed('wrong_password', user);
      if (count >= settings.maxFailedLogins) throw lockedError(await lock());
      throw new AppError('AUTH_INVALID_CREDENTIALS', { details: { attemptsLeft: settings.maxFailedLogins - count } });
    }
    if (user.status !== 'active') {
      await failed('disabled', user);
      throw new AppError('AUTH_ACCOUNT_DISABLED');
    }
    // Signed in: the attempt does not count against the address.
    await hot.decrement(ipKey);

    const token = newToken();
    const session = {
      id: sha256(token),
      user_id: user.id,
      csrf_token: newToken(24),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 512),
      device: describeDevice(meta.userAgent, input.device),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: addDays(now, settings.sessionMaxDays).toISOString(),
      ended_at: null,
      ended_reason: null,
      replaced_by: null,
    };
    let replaced = false;
    await db.transaction().execute(async (trx) => {
      // Updating the user row first also row-locks it on PostgreSQL, so two logins racing on different API nodes
      // serialise here and the second one sees (and ends) the first one's session.
      await updateUser(trx, user.id, { failed_login_count: 0, locked_until: null });
      // One device at a time for learners: a new login always wins and ends the older sessions, so a crashed browser
      // can never lock its owner out; the older device learns why on its next request.
      if (user.role === 'learner') {
        const older = await openSessionsOf(trx, user.id);
        if (older.length > 0) {
          replaced = true;
          await replaceSessions(
            trx,
            older.map((s) => s.id),
            { id: session.id, createdAt: session.created_at },
          );
          for (const s of older) {
            await audit.record(trx, {
              actor: { userId: user.id, role: user.role },
              action: 'auth.forced_logout',
              targetType: 'session',
              targetId: s.id.slice(0, 12),
              regionCode: user.region_code,
              institutionId: user.institution_id,
              meta,
              details: {
                reason: 'signed_in_elsewhere',
                endedSessionIp: s.ip,
                endedSessionDevice: s.device,
                newDevice: session.device,
              },
            });
          }
        }
      }
      await insertSession(trx, session);
      await audit.record(trx, {
        actor: { userId: user.id, role: user.role },
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        regionCode: user.region_code,
        institutionId: user.institution_id,
        meta,
        details: { device: session.device },
      });
    });
    if (replaced) await this.loginsEnded(user.id);
    return {
      token,
      user: userRowToUser((await findUserById(db, user.id))!),
      session: {
        id: session.id.slice(0, 12),
        createdAt: session.created_at,
        ip: session.ip,
        device: session.device,
        csrfToken: session.csrf_token,
      },
    };
  }

  /** Resolves a session cookie into the acting user, or says precisely why it cannot. */
  async authenticate(token: string): Promise<{ actor: Actor; session: SessionInfo }> {
    const { db, clock, settings } = this.deps;
    const session = await findSession(db, sha256(token));
    if (!session) throw new AppError('AUTH_REQUIRED');
    if (session.ended_at) throw (await loginEndedError(db, session.id))!;
    const now = clock.now();
    const idleLimit = addMinutes(new Date(session.last_seen_at), settings.sessionIdleMinutes);
    if (now > idleLimit || now.toISOString() > session.expires_at) {
      await this.endSessions(db, { sessionId: session.id }, 'expired');
      await this.loginsEnded(session.user_id);
      throw new AppError('AUTH_SESSION_EXPIRED', { details: { reason: 'expired' } });
    }
    const user = await findActorUser(db, session.user_id);
    if (user.status !== 'active') {
      await this.endSessions(db, { sessionId: session.id }, 'disabled');
      await this.loginsEnded(session.user_id);
      throw new AppError('AUTH_ACCOUNT_DISABLED');
    }
    // Sliding idle timeout without a write on every request: refresh at most once a minute.
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
      await touchSession(db, session.id, now.toISOString());
    }
    return {
      actor: {
        userId: user.id,
        role: user.role,
        name: user.name,
        regionCode: user.region_code,
        institutionId: user.institution_id,
        sessionId: session.id,
      },
      session: {
        id: session.id.slice(0, 12),
        createdAt: session.created_at,
        ip: session.ip,
        device: session.device,
        csrfToken: session.csrf_token,
      },
    };
  }

  /** Ends sign-ins in `db` (often a transaction): the caller calls `loginsEnded` after the commit. */
  async endSessions(
    db: DbOrTrx,
    which: { sessionId: string } | { userId: string; exceptSessionId?: string },
    reason: SessionEndReason,
  ): Promise<void> {
    await endOpenSessions(db, which, reason, this.deps.clock.now().toISOString());
  }

  async logout(actor: Actor, meta: RequestMeta): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await this.endSessions(trx, { sessionId: actor.sessionId }, 'logout');
      await this.deps.audit.record(trx, {
        actor,
        action: 'auth.logout',
        targetType: 'user',
        targetId: actor.userId,
        regionCode: actor.regionCode,
        institutionId: actor.institutionId,
        meta,
      });
    });
    await this.loginsEnded(actor.userId);
  }

  async requestPasswordReset(phoneInput: string, meta: RequestMeta): Promise<{ expiresInSeconds: number }> {
    const { db, clock, hot, sms, settings, cipher } = this.deps;
    const phone = requirePhone(phoneInput);
    const phoneHash = cipher.lookupHash('phone', phone);
    // The resend guard applies whether or not an account exists, so the answer never reveals which phones are registered.
    if (!(await hot.setIfAbsent(`code-resend:${phoneHash}`, '1', settings.codeResendSeconds))) {
      throw new AppError('AUTH_CODE_TOO_FREQUENT', {
        params: { seconds: settings.codeResendSeconds },
        details: { retryAfterSeconds: settings.codeResendSeconds },
      });
    }
    if ((await hot.increment(`code-ip:${meta.ip}`, 3600)) > 20)
      throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds: 3600 } });
    const user = await findUserByPhoneHash(db, phoneHash);
    if (user) {
      const now = clock.now();
      const id = newId();
      const code = numericCode(6);
      await insertVerificationCode(db, {
        id,
        purpose: 'password_reset',
        phone_hash: phoneHash,
        code_hash: cipher.lookupHash('code', `${id}:${code}`),
        created_at: now.toISOString(),
        expires_at: addMinutes(now, settings.codeTtlMinutes).toISOString(),
        consumed_at: null,
      });
      await sms.send(phone, 'verification_code', { code, minutes: settings.codeTtlMinutes });
      await this.deps.audit.record(db, {
        actor: null,
        action: 'auth.password_reset_requested',
        targetType: 'user',
        targetId: user.id,
        regionCode: user.region_code,
        institutionId: user.institution_id,
        meta,
      });
    }
    return { expiresInSeconds: settings.codeTtlMinutes * 60 };
  }

  async confirmPasswordReset(
    input: { phone: string; code: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<void> {
    const { db, clock, cipher, settings } = this.deps;
    const phone = requirePhone(input.phone);
    const password = requireStrongPassword(input.newPassword, 'newPassword');
    const phoneHash = cipher.lookupHash('phone', phone);
    const now = clock.now().toISOString();
    const row = await latestUnconsumedCode(db, phoneHash, 'password_reset');
    if (!row || row.expires_at <= now || row.attempts >= settings.codeMaxAttempts)
      throw new AppError('AUTH_CODE_INVALID', { field: 'code' });
    if (!safeEqual(cipher.lookupHash('code', `${row.id}:${input.code.trim()}`), row.code_hash)) {
      await setCodeAttempts(db, row.id, row.attempts + 1);
      throw new AppError('AUTH_CODE_INVALID', { field: 'code' });
    }
    const user = (await findUserByPhoneHash(db, phoneHash))!;
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      await consumeCode(trx, row.id, now);
      // Setting the first password through the SMS code is how an invited person completes registration.
      const activated = user.status === 'invited';
      await updateUser(trx, user.id, {
        password_hash: passwordHash,
        failed_login_count: 0,
        locked_until: null,
        updated_at: now,
        ...(activated ? { status: 'active' as const } : {}),
      });
      await this.endSessions(trx, { userId: user.id }, 'password_reset');
      await this.deps.audit.record(trx, {
        actor: { userId: user.id, role: user.role },
        action: activated ? 'user.activated' : 'auth.password_reset',
        targetType: 'user',
        targetId: user.id,
        regionCode: user.region_code,
        institutionId: user.institution_id,
        meta,
      });
    });
    await this.loginsEnded(user.id);
  }

  async changePassword(
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
    meta: RequestMeta,
  ): Promise<void> {
    const { db, clock } = this.deps;
    const password = requireStrongPassword(input.newPassword, 'newPassword');
    const user = await findUserById(db, actor.userId);
    if (!user) throw new Error(`user ${actor.userId} not found`);
    if (!(await verifyPassword(input.currentPassword, user.password_hash)))
      throw new AppError('AUTH_PASSWORD_WRONG', { field: 'currentPassword' });
    const passwordHash = await hashPassword(password);
    await db.transaction().execute(async (trx) => {
      await updateUser(trx, actor.userId, { password_hash: passwordHash, updated_at: clock.now().toISOString() });
      await this.endSessions(trx, { userId: actor.userId, exceptSessionId: actor.sessionId }, 'password_changed');
      await this.deps.audit.record(trx, {
        actor,
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: actor.userId,
        regionCode: actor.regionCode,
        institutionId: actor.institutionId,
        meta,
      });
    });
    await this.loginsEnded(actor.userId);
  }
}
