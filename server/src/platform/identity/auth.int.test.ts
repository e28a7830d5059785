import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import { generateCitizens, generateEnterprises } from '../../packs/demo-province/index.ts';

describe.each(testDatabases())('login and sessions on %s', (kind) => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode(kind);
  });
  afterAll(() => t?.close());

  it('lands each kind of account on its own front end', async () => {
    expect((await t.login('admin')).me.home).toBe('console');
    expect((await t.login('xihu.officer')).me.home).toBe('workbench');
    expect((await t.login(generateCitizens()[0]!.idNumber)).me.home).toBe('portal');
    expect((await t.login(generateEnterprises()[0]!.uscc)).me.home).toBe('portal');
  });

  it('sets an HttpOnly, SameSite session cookie and never shows the password hash', async () => {
    const response = await t.request('POST', '/api/v1/auth/login', { body: { username: 'xihu.officer', password: 'Zhili@2026' } });
    const cookie = response.cookies.find((c) => c.name === 'zhili_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(response.body).not.toContain('argon2');
  });

  it('refuses a wrong password in the caller language and writes a failed audit entry', async () => {
    const zh = await t.request('POST', '/api/v1/auth/login', { body: { username: 'xihu.leader', password: 'wrong-password1' } });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'auth.invalid_credentials', message: '账号或密码错误。' });
    const en = await t.request('POST', '/api/v1/auth/login', {
      body: { username: 'xihu.leader', password: 'wrong-password1' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().error.message).toBe('Wrong account or password.');
    const admin = await t.login('admin');
    const audit = await t.request('GET', '/api/v1/audit?actionPrefix=auth.login&outcome=failed', { as: admin });
    expect(audit.json().items.length).toBeGreaterThanOrEqual(2);
  });

  it('locks a username after five failures, even for the right password, and unlocks after a reset', async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        (await t.request('POST', '/api/v1/auth/login', { body: { username: 'yuhang.officer', password: 'nope12345' } })).statusCode,
      ).toBe(401);
    }
    const fifth = await t.request('POST', '/api/v1/auth/login', { body: { username: 'yuhang.officer', password: 'nope12345' } });
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('auth.locked');
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0);
    const right = await t.request('POST', '/api/v1/auth/login', { body: { username: 'yuhang.officer', password: 'Zhili@2026' } });
    expect(right.statusCode).toBe(429);

    const admin = await t.login('admin');
    const list = await t.request('GET', '/api/v1/accounts?q=yuhang.officer', { as: admin });
    const id = list.json().items[0].id as string;
    const reset = await t.request('POST', `/api/v1/accounts/${id}/reset-password`, { as: admin, body: {} });
    expect(reset.statusCode).toBe(200);
    await t.login('yuhang.officer', reset.json().temporaryPassword);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await t.login('xihu.orgadmin');
    const response = await t.request('POST', '/api/v1/auth/logout', { as: session, withoutCsrf: true });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.csrf_failed');
    expect((await t.request('GET', '/api/v1/auth/me', { as: session })).statusCode).toBe(200);
  });

  it('logs out one session, and everywhere', async () => {
    const a = await t.login('xihu.leader');
    const b = await t.login('xihu.leader');
    expect((await t.request('POST', '/api/v1/auth/logout', { as: a })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/me', { as: a })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { as: b })).statusCode).toBe(200);
    const c = await t.login('xihu.leader');
    expect((await t.request('POST', '/api/v1/auth/logout-all', { as: c })).statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/me', { as: b })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/v1/auth/me', { as: c })).statusCode).toBe(401);
  });

  it('ends the sessions of a disabled account and refuses its login', async () => {
    const officer = await t.login('yongkang.officer');
    const admin = await t.login('admin');
    const id = officer.me.id;
    expect((await t.request('POST', `/api/v1/accounts/${id}/disable`, { as: admin })).json().status).toBe('disabled');
    expect((await t.request('GET', '/api/v1/auth/me', { as: officer })).statusCode).toBe(401);
    const again = await t.request('POST', '/api/v1/auth/login', { body: { username: 'yongkang.officer', password: 'Zhili@2026' } });
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('auth.account_disabled');
  });
});

describe.each(testDatabases())('changing one’s password on %s', (kind) => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode(kind);
  });
  afterAll(() => t?.close());

  it('needs the current password, ends other sessions, and the new one works', async () => {
    const here = await t.login('yueqing.officer');
    const elsewhere = await t.login('yueqing.officer');
    const wrong = await t.request('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'nope', newPassword: 'Brand2new!' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('auth.wrong_current_password');
    const weak = await t.request('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'Zhili@2026', newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const ok = await t.request('POST', '/api/v1/auth/password', {
      as: here,
      body: { currentPassword: 'Zhili@2026', newPassword: 'Brand2new!' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.request('GET', '/api/v1/auth/me', { as: here })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { as: elsewhere })).statusCode).toBe(401);
    await t.login('yueqing.officer', 'Brand2new!');
  });
});

describe.each(testDatabases())('session housekeeping on %s', (kind) => {
  let t: TestNode;
  beforeAll(async () => {
    t = await startTestNode(kind);
  });
  afterAll(() => t?.close());

  it('forgets long-expired sessions and keeps live ones working', async () => {
    const { sql } = await import('kysely');
    const old = await t.login('xihu.dataofficer');
    const live = await t.login('xihu.dataofficer');
    await sql`update sessions set expires_at = now() - interval '40 days' where id = (select id from sessions order by created_at limit 1)`.execute(
      t.node.db.kysely,
    );
    const before = Number((await sql<{ n: string }>`select count(*) as n from sessions`.execute(t.node.db.kysely)).rows[0]!.n);
    const { AuthService } = await import('./index.ts');
    const purged = await new AuthService(t.node.db, t.node.audit, 12).purgeExpired();
    expect(purged.sessions).toBe(1);
    expect(Number((await sql<{ n: string }>`select count(*) as n from sessions`.execute(t.node.db.kysely)).rows[0]!.n)).toBe(before - 1);
    expect((await t.request('GET', '/api/v1/auth/me', { as: live })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/v1/auth/me', { as: old })).statusCode).toBe(401);
  });
});
