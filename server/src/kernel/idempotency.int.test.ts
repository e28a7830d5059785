import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import { startTestNode, type Session, type TestNode } from '../testing/test-node.ts';
import { setWorkMark, withRequestWork } from './request-work.ts';

// A kill -9 can leave an Idempotency-Key claimed with no answer. These put the database in the
// states a crash leaves and check what the client's retry gets.
describe.each(testDatabases())('Idempotency-Key after a crash on %s', (kind) => {
  let t: TestNode;
  let admin: Session;
  beforeAll(async () => {
    t = await startTestNode(kind);
    admin = await t.login('admin');
  });
  afterAll(() => t?.close());

  const exec = <R>(query: ReturnType<typeof sql<R>>) => query.execute(t.node.db.kysely);
  const createOrg = (name: string, key: string) =>
    t.request('POST', '/api/v1/orgs', {
      as: admin,
      body: { name, kind: 'department', regionCode: '330106' },
      headers: { 'idempotency-key': key },
    });
  const orgsNamed = async (name: string) =>
    Number((await exec(sql<{ n: string }>`select count(*) as n from orgs where name = ${name}`)).rows[0]!.n);
  /** The claim a request for `name` makes, as a crash left it under `key`: no answer, claimed long ago. */
  const crashedClaim = async (name: string, key: string, workCommitted: boolean) => {
    const first = await createOrg(name, `${key}-model`); // the same body hashes the same under any key
    expect(first.statusCode).toBe(201);
    await exec(sql`insert into idempotency_keys (scope, key, request_hash, work_committed, created_at)
      select scope, ${key}, request_hash, ${workCommitted}, now() - interval '10 minutes' from idempotency_keys where key = ${`${key}-model`}`);
  };

  it('marks its claim in the transaction that commits the work, and only then', async () => {
    // over a real socket: the request's context must survive reading the body
    const base = await t.listen();
    const real = await fetch(`${base}/api/v1/orgs`, {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': 'application/json',
        'idempotency-key': 'mark-real-1',
      },
      body: JSON.stringify({ name: '幂等标记局', kind: 'department', regionCode: '330106' }),
    });
    expect(real.status).toBe(201);
    const row = (
      await exec(
        sql<{ status: number; work_committed: boolean }>`select status, work_committed from idempotency_keys where key = 'mark-real-1'`,
      )
    ).rows[0]!;
    expect(row).toEqual({ status: 201, work_committed: true });

    await exec(sql`insert into idempotency_keys (scope, key, request_hash) values ('test', 'mark-tx', 'h')`);
    const marked = async () =>
      (await exec(sql<{ work_committed: boolean }>`select work_committed from idempotency_keys where key = 'mark-tx'`)).rows[0]!
        .work_committed;
    const inRequest = (work: () => Promise<void>) =>
      new Promise<void>((resolve, reject) =>
        withRequestWork(() => {
          setWorkMark({
            text: 'update idempotency_keys set work_committed = true where scope = $1 and key = $2',
            values: ['test', 'mark-tx'],
          });
          work().then(resolve, reject);
        }),
      );
    // a transaction that rolls back marks nothing
    await inRequest(() =>
      t.node.db.kysely
        .transaction()
        .execute(async (tx) => {
          await sql`insert into orgs (id, name, kind, region_code) values ('org_mark_undone', '撤销局', 'department', '330106')`.execute(
            tx,
          );
          throw new Error('undone');
        })
        .catch(() => undefined),
    );
    expect(await marked()).toBe(false);
    expect(await orgsNamed('撤销局')).toBe(0);
    // one that commits marks in the same commit
    await inRequest(() =>
      t.node.db.kysely.transaction().execute(async (tx) => {
        await sql`insert into orgs (id, name, kind, region_code) values ('org_mark_done', '提交局', 'department', '330106')`.execute(tx);
      }),
    );
    expect(await marked()).toBe(true);
    expect(await orgsNamed('提交局')).toBe(1);
  });

  it('runs the retry when the crashed request committed nothing', async () => {
    await crashedClaim('崩溃未提交局', 'crash-nothing', false);
    const retry = await createOrg('崩溃未提交局', 'crash-nothing');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await orgsNamed('崩溃未提交局')).toBe(2); // the model request's and the retry's: the crashed one left none
    const again = await createOrg('崩溃未提交局', 'crash-nothing');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await orgsNamed('崩溃未提交局')).toBe(2);
  });

  it('does not repeat work that committed before the crash: the retry is told its answer was lost', async () => {
    await crashedClaim('崩溃已提交局', 'crash-committed', true);
    const retry = await createOrg('崩溃已提交局', 'crash-committed');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('idempotency.answer_lost');
    expect(retry.json().error.message).toContain('不要重复提交');
    expect(await orgsNamed('崩溃已提交局')).toBe(1); // the model request's only
  });

  it('still answers "in progress" while the first request may be running', async () => {
    await crashedClaim('处理中局', 'still-running', false);
    await exec(sql`update idempotency_keys set created_at = now() where key = 'still-running'`);
    const retry = await createOrg('处理中局', 'still-running');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('idempotency.in_progress');
    expect(await orgsNamed('处理中局')).toBe(1);
  });
});
