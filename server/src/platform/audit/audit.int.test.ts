import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';
import type { AuditLog } from './index.ts';
import { chainHash } from './audit-chain.ts';
import { readEntriesAfter } from './audit.repository.ts';

const someone = {
  kind: 'staff' as const,
  accountId: 'acc_test',
  clientId: null,
  displayName: '测试',
  ip: '127.0.0.1',
  orgId: null,
  regionCode: '330106',
};

async function appendEntries(audit: AuditLog, count: number) {
  for (let i = 0; i < count; i++) await audit.record({ actor: someone, action: 'test.write', details: { i, 身份: '甲' } });
}

describe.each(testDatabases())('audit chain on %s', (kind) => {
  let t: TestNode;
  let last: number;
  beforeEach(async () => {
    t = await startTestNode(kind);
    await appendEntries(t.node.audit, 80); // crosses the checkpoint at 64
    await t.node.audit.checkpoint();
    last = Number((await sql<{ n: string }>`select max(seq) as n from audit_log`.execute(t.node.db.kysely)).rows[0]!.n);
  });
  afterEach(() => t?.close());

  const exec = (query: ReturnType<typeof sql>) => query.execute(t.node.db.kysely);

  it('verifies an untouched chain and signs checkpoints with SM2', async () => {
    const result = await t.node.audit.verify();
    expect(result).toMatchObject({ ok: true, firstBad: null, lastCheckpointSeq: last });
    expect(result.checked).toBe(last);
  });

  it('chains an entry only if the change it describes committed', async () => {
    await t.node.db.kysely
      .transaction()
      .execute(async (tx) => {
        await t.node.audit.record({ actor: someone, action: 'test.rolled_back' }, tx);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await t.node.db.kysely.transaction().execute((tx) => t.node.audit.record({ actor: someone, action: 'test.committed' }, tx));
    await t.node.audit.flush();
    const actions = (
      await sql<{ action: string }>`select action from audit_log where action like 'test.%ed'`.execute(t.node.db.kysely)
    ).rows.map((r) => r.action);
    expect(actions).toEqual(['test.committed']);
    expect((await t.node.audit.verify()).ok).toBe(true);
  });

  it('chains committed entries in the background, with no one asking (a thread of its own on a server)', async () => {
    await t.node.db.kysely.transaction().execute((tx) => t.node.audit.record({ actor: someone, action: 'test.in_background' }, tx));
    const chained = async () =>
      (await sql<{ n: string }>`select count(*) as n from audit_log where action = 'test.in_background'`.execute(t.node.db.kysely)).rows[0]!
        .n;
    await expect.poll(chained, { timeout: 5000, interval: 100 }).toBe('1');
    expect((await sql<{ n: string }>`select count(*) as n from audit_pending`.execute(t.node.db.kysely)).rows[0]!.n).toBe('0');
    expect((await t.node.audit.verify()).ok).toBe(true);
  });
  it('names an altered entry', async () => {
    await exec(sql`update audit_log set details = '{"i": 999}' where seq = 40`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq: 40, reason: 'altered' });
  });

  it('names an entry whose actor was rewritten', async () => {
    await exec(sql`update audit_log set actor_name = '他人' where seq = 10`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq: 10, reason: 'altered' });
  });

  it('catches a rewrite whose hash was recomputed: the next link no longer fits', async () => {
    const [entry] = await readEntriesAfter(t.node.db.kysely, 9, 1);
    const { prevHash, hash: _old, ...fields } = entry!;
    const forged = chainHash(prevHash, { ...fields, actorName: '他人' });
    await exec(sql`update audit_log set actor_name = '他人', hash = ${forged} where seq = 10`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq: 11, reason: 'chain_broken' });
  });

  it('names a deleted entry', async () => {
    await exec(sql`delete from audit_log where seq = 25`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq: 25, reason: 'missing' });
  });

  it('catches two entries swapped in order', async () => {
    await exec(sql`update audit_log set seq = -1 where seq = 30`);
    await exec(sql`update audit_log set seq = 30 where seq = 31`);
    await exec(sql`update audit_log set seq = 31 where seq = -1`);
    const result = await t.node.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad!.seq).toBe(30);
  });

  it('catches truncation of the tail, even when the head row is rewritten to match', async () => {
    await exec(sql`delete from audit_log where seq > ${last - 5}`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq: last - 4, reason: 'truncated' });
    await exec(sql`update audit_head set seq = ${last - 5}, hash = (select hash from audit_log where seq = ${last - 5})`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq: last - 4, reason: 'truncated' });
  });

  it('catches a forged checkpoint', async () => {
    const first = await sql<{ seq: string }>`select min(seq) as seq from audit_checkpoints`.execute(t.node.db.kysely);
    const seq = Number(first.rows[0]!.seq);
    await exec(sql`update audit_checkpoints set hash = repeat('a', 64) where seq = ${seq}`);
    expect((await t.node.audit.verify()).firstBad).toEqual({ seq, reason: 'checkpoint_invalid' });
  });

  it('answers verify over HTTP to an auditor and refuses a county officer', async () => {
    const auditor = await t.login('zj.auditor');
    const ok = await t.request('POST', '/api/v1/audit/verify', { as: auditor });
    expect(ok.json()).toMatchObject({ ok: true });
    const officer = await t.login('xihu.officer');
    expect((await t.request('POST', '/api/v1/audit/verify', { as: officer })).statusCode).toBe(403);
  });
});
