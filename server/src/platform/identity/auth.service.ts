import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import {
  emit,
  ForbiddenError,
  newId,
  newSecret,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { loadActor, loadSessionActor } from './actor-loader.ts';
import * as repo from './identity.repository.ts';
import { idb } from './identity.tables.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';

export const lockoutPolicy = {
  /** Consecutive failures on one username before it is locked … */
  maxFailures: 5,
  /** … for this long. */
  lockSeconds: 15 * 60,
  /** Failures from one address (any usernames) within the window before it is slowed down. */
  maxFailuresPerIp: 30,
  ipWindowSeconds: 10 * 60,
};

export interface LoginResult {
  token: string;
  csrfToken: string;
  actor: Actor;
  expiresAt: Date;
}

export interface SessionContext {
  ip: string;
  userAgent: string | undefined;
}

/** Usernames are staff logins, 身份证号 or 统一社会信用代码 (upper-case X / letters). */
export function normalizeUsername(username: string): string {
  const trimmed = username.trim();
  return /^[0-9A-Za-z]{18}$/.test(trimmed) ? trimmed.toUpperCase() : trimmed.toLowerCase();
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class AuthService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly sessionHours: number;

  constructor(db: Database, audit: AuditLog, sessionHours: number) {
    this.db = db;
    this.audit = audit;
    this.sessionHours = sessionHours;
  }

  async login(rawUsername: string, password: string, context: SessionContext): Promise<LoginResult> {
    const username = normalizeUsername(rawUsername);
    const anonymous = {
      kind: 'anonymous' as const,
      accountId: null,
      clientId: null,
      displayName: username,
      ip: context.ip,
      orgId: null,
      regionCode: null,
    };
    const db = idb(this.db.kysely);

    const ipFailures = await db
      .selectFrom('login_failures_by_ip')
      .select(sql<string>`count(*)`.as('n'))
      .where('ip', '=', context.ip)
      .where('at', '>', sql<string>`now() - make_interval(secs => ${lockoutPolicy.ipWindowSeconds})`)
      .executeTakeFirst();
    if (Number(ipFailures?.n ?? 0) >= lockoutPolicy.maxFailuresPerIp) {
      await this.audit.record({ actor: anonymous, action: 'auth.login', outcome: 'refused', details: { reason: 'ip_throttled' } });
      throw new RateLimitedError('auth.too_many_attempts', { retryAfterSeconds: lockoutPolicy.ipWindowSeconds });
    }

    const throttle = await db.selectFrom('login_throttle').selectAll().where('username', '=', username).executeTakeFirst();
    const lockedFor = throttle?.locked_until ? Math.ceil((Date.parse(throttle.locked_until) - Date.now()) / 1000) : 0;
    if (lockedFor > 0) {
      await this.audit.record({ actor: anonymous, action: 'auth.login', outcome: 'refused', details: { reason: 'locked' } });
      throw new RateLimitedError('auth.locked', { retryAfterSeconds: lockedFor });
    }

    const account = await repo.findAccountByUsername(this.db.kysely, username);
    const passwordOk = account ? await verifyPassword(account.password_hash, password) : (await burnPasswordCheck(password), false);
    if (!account || !passwordOk) {
      const locked = await this.recordFailure(username, context.ip);
      await this.audit.record({
        actor: anonymous,
        action: 'auth.login',
        outcome: 'failed',
        targetType: account ? 'account' : null,
        targetId: account?.id ?? null,
        details: { reason: 'invalid_credentials', ...(locked ? { lockedSeconds: lockoutPolicy.lockSeconds } : {}) },
      });
      if (locked) throw new RateLimitedError('auth.locked', { retryAfterSeconds: lockoutPolicy.lockSeconds });
      throw new UnauthenticatedError('auth.invalid_credentials');
    }
    if (account.status !== 'active') {
      await this.audit.record({
        actor: anonymous,
        action: 'auth.login',
        outcome: 'refused',
        targetType: 'account',
        targetId: account.id,
        details: { reason: 'disabled' },
      });
      throw new ForbiddenError('auth.account_disabled');
    }

    const token = newSecret();
    const csrfToken = newSecret(24);
    const expiresAt = new Date(Date.now() + this.sessionHours * 3600_000);
    const sessionId = newId('ses');
    const actor = await loadActor(this.db.kysely, account, context.ip, sessionId);
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx).deleteFrom('login_throttle').where('username', '=', username).execute();
      await idb(tx)
        .insertInto('sessions')
        .values({
          token_hash: hashToken(token),
          id: sessionId,
          account_id: account.id,
          csrf_token: csrfToken,
          expires_at: expiresAt.toISOString(),
          ip: context.ip,
          user_agent: context.userAgent?.slice(0, 300) ?? null,
        } as never)
        .execute();
      await idb(tx)
        .updateTable('accounts')
        .set({ last_login_at: sql`now()` as never })
        .where('id', '=', account.id)
        .execute();
      await this.audit.record({ actor, action: 'auth.login', targetType: 'account', targetId: account.id, details: { sessionId } }, tx);
    });
    return { token, csrfToken, actor, expiresAt };
  }

  /** Counts a failure; returns true when this failure locks the username. */
  private async recordFailure(username: string, ip: string): Promise<boolean> {
    return this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .insertInto('login_failures_by_ip')
        .values({ ip } as never)
        .execute();
      const row = await sql<{ failures: number }>`
        insert into login_throttle (username, failures, last_failure_at) values (${username}, 1, now())
        on conflict (username) do update set
          failures = case when login_throttle.locked_until is not null and login_throttle.locked_until <= now() then 1
                          else login_throttle.failures + 1 end,
          locked_until = case when login_throttle.locked_until is not null and login_throttle.locked_until <= now() then null
                              else login_throttle.locked_until end,
          last_failure_at = now()
        returning failures`.execute(tx);
      const failures = row.rows[0]!.failures;
      if (failures >= lockoutPolicy.maxFailures) {
        await sql`update login_throttle set locked_until = now() + make_interval(secs => ${lockoutPolicy.lockSeconds}) where username = ${username}`.execute(
          tx,
        );
        return true;
      }
      return false;
    });
  }

  /** Housekeeping: forgets sessions over 30 days past their end and stale login failures. */
  async purgeExpired(): Promise<{ sessions: number; failures: number }> {
    const db = idb(this.db.kysely);
    const sessions = await db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<', sql<string>`now() - interval '30 days'`),
          eb('ended_at', '<', sql<string>`now() - interval '30 days'`),
        ]),
      )
      .executeTakeFirst();
    const failures = await db
      .deleteFrom('login_failures_by_ip')
      .where('at', '<', sql<string>`now() - make_interval(secs => ${lockoutPolicy.ipWindowSeconds})`)
      .executeTakeFirst();
    return { sessions: Number(sessions.numDeletedRows), failures: Number(failures.numDeletedRows) };
  }

  /** The actor behind a session cookie, or undefined when it is unknown, ended or expired. */
  async resolveSession(token: string, ip: string): Promise<{ actor: Actor; csrfToken: string } | undefined> {
    return loadSessionActor(this.db.kysely, hashToken(token), ip);
  }

  /** Changes one's own password; every other session of the account ends. */
  /**
   * 二次验证 before a signature or another act that must be the person's own: the password
   * again. A wrong one is audited and refused (403), the session stays.
   */
  async confirmPassword(actor: Actor, password: string): Promise<void> {
    if (!actor.accountId || !actor.sessionId) throw new UnauthenticatedError();
    const account = await repo.findAccount(this.db.kysely, actor.accountId);
    if (account && (await verifyPassword(account.password_hash, password))) return;
    await this.audit.record({ actor, action: 'auth.reauthenticate', outcome: 'failed', targetType: 'account', targetId: actor.accountId });
    throw new ForbiddenError('auth.reauth_failed');
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    if (!actor.accountId || !actor.sessionId) throw new UnauthenticatedError();
    const account = await repo.findAccount(this.db.kysely, actor.accountId);
    if (!account || !(await verifyPassword(account.password_hash, currentPassword))) {
      await this.audit.record({
        actor,
        action: 'auth.password.change',
        outcome: 'failed',
        targetType: 'account',
        targetId: actor.accountId,
      });
      throw new ValidationError('auth.wrong_current_password');
    }
    const passwordHash = await hashPassword(newPassword);
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .updateTable('accounts')
        .set({ password_hash: passwordHash, must_change_password: false })
        .where('id', '=', account.id)
        .execute();
      await idb(tx)
        .updateTable('sessions')
        .set({ ended_at: sql`now()` as never })
        .where('account_id', '=', account.id)
        .where('id', '!=', actor.sessionId!)
        .where('ended_at', 'is', null)
        .execute();
      await this.audit.record({ actor, action: 'auth.password.change', targetType: 'account', targetId: account.id }, tx);
    });
  }

  async logout(actor: Actor): Promise<void> {
    if (!actor.sessionId) throw new UnauthenticatedError();
    await this.db.kysely.transaction().execute(async (tx) => {
      await idb(tx)
        .updateTable('sessions')
        .set({ ended_at: sql`now()` as never })
        .where('id', '=', actor.sessionId!)
        .where('ended_at', 'is', null)
        .execute();
      await this.audit.record({ actor, action: 'auth.logout', targetType: 'session', targetId: actor.sessionId }, tx);
    });
  }

  /** 退出所有设备: ends every session of the account. */
  async logoutEverywhere(actor: Actor): Promise<number> {
    if (!actor.accountId) throw new UnauthenticatedError();
    return this.endAllSessions(actor, actor.accountId, 'auth.logout_all');
  }

  async endAllSessions(actor: Actor, accountId: string, action: string): Promise<number> {
    return this.db.kysely.transaction().execute(async (tx) => {
      const ended = await idb(tx)
        .updateTable('sessions')
        .set({ ended_at: sql`now()` as never })
        .where('account_id', '=', accountId)
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      const count = Number(ended.numUpdatedRows);
      await emit(tx, 'identity.session.ended_everywhere', { accountId, sessions: count });
      await this.audit.record({ actor, action, targetType: 'account', targetId: accountId, details: { sessions: count } }, tx);
      return count;
    });
  }
}
