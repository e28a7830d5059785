import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { demoPassword, startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

async function memoPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('Meeting minutes 2026-11-23', { x: 72, y: 760, size: 14 });
  return Buffer.from(await doc.save());
}

describe.each(testDatabases())('电子签章: routing a PDF for sign-off on %s', (kind) => {
  let t: TestNode;
  let creator: Session;
  let first: Session;
  let second: Session;
  let firstId: string;
  let secondId: string;

  const upload = async (as: Session, content: Buffer, type = 'application/pdf') => {
    const res = await t.request('POST', '/api/v1/workflow/attachments', {
      as,
      body: content,
      headers: { 'content-type': type, 'x-file-name': encodeURIComponent('会议纪要.pdf') },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const versions = async (id: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from signature_versions where request_id = ${id}`.execute(t.node.db.kysely)).rows[0]!
        .n,
    );
  const requests = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from signature_requests`.execute(t.node.db.kysely)).rows[0]!.n);

  beforeAll(async () => {
    t = await startTestNode(kind);
    creator = await t.login('xihu-wjj.staff1');
    first = await t.login('xihu-wjj.staff2');
    second = await t.login('xihu-wjj.orgadmin');
    firstId = await given(t).accountId('xihu-wjj.staff2');
    secondId = await given(t).accountId('xihu-wjj.orgadmin');
  });
  afterAll(() => t?.close());

  it('refuses a bad request and writes nothing', async () => {
    const pdf = await upload(creator, await memoPdf());
    const before = await requests();
    const body = { title: '会议纪要会签', attachmentId: pdf, signers: [firstId], mode: 'sequential' };
    const noSigners = await t.request('POST', '/api/v1/signature-requests', { as: creator, body: { ...body, signers: [] } });
    expect(noSigners.statusCode).toBe(400);
    const past = await t.request('POST', '/api/v1/signature-requests', {
      as: creator,
      body: { ...body, deadline: '2020-01-01T00:00:00+08:00' },
    });
    expect(past.json().error.code).toBe('signatures.deadline_past');
    const otherCounty = await given(t).accountId('yuhang-wjj.staff1');
    const unreachable = await t.request('POST', '/api/v1/signature-requests', { as: creator, body: { ...body, signers: [otherCounty] } });
    expect(unreachable.statusCode).toBe(403);
    const png = await upload(creator, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'image/png');
    expect((await t.request('POST', '/api/v1/signature-requests', { as: creator, body: { ...body, attachmentId: png } })).statusCode).toBe(
      415,
    );
    const someoneElses = await upload(first, await memoPdf());
    expect(
      (await t.request('POST', '/api/v1/signature-requests', { as: creator, body: { ...body, attachmentId: someoneElses } })).statusCode,
    ).toBe(403);
    expect(await requests()).toBe(before);
  });

  it('signs in order, each signature needing the password again, and verifies every version afterwards', async () => {
    const original = await memoPdf();
    const created = await t.request('POST', '/api/v1/signature-requests', {
      as: creator,
      body: {
        title: '西湖区卫健局会议纪要',
        attachmentId: await upload(creator, original),
        signers: [firstId, secondId],
        mode: 'sequential',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const todo = async (as: Session) =>
      ((await t.request('GET', '/api/v1/signature-requests?view=todo', { as })).json().items as { id: string }[]).map((i) => i.id);
    expect(await todo(first)).toContain(id);
    expect(await todo(second)).not.toContain(id);
    const notice =
      await sql`select 1 from notifications where topic = 'signature.request' and account_id = ${firstId} and source_id = ${id}`.execute(
        t.node.db.kysely,
      );
    expect(notice.rows).toHaveLength(1);

    // out of turn, without re-authentication, with a wrong password: refused, nothing stamped
    expect(
      (await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: second, body: { password: demoPassword } })).json().error
        .code,
    ).toBe('signatures.not_your_turn');
    expect((await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: first, body: {} })).statusCode).toBe(400);
    const wrong = await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: first, body: { password: 'guess-123' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error.code).toBe('auth.reauth_failed');
    expect(await versions(id)).toBe(1);

    const signed = await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: first, body: { password: demoPassword } });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().signed.versionNo).toBe(1);
    expect(await todo(second)).toContain(id);
    expect(
      (await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: second, body: { password: demoPassword } })).statusCode,
    ).toBe(200);
    const done = (await t.request('GET', `/api/v1/signature-requests/${id}`, { as: creator })).json();
    expect(done.status).toBe('completed');
    expect(done.signers.map((s: { status: string }) => s.status)).toEqual(['signed', 'signed']);

    const final = await t.request('GET', `/api/v1/signature-requests/${id}/document`, { as: creator });
    expect(final.headers['content-type']).toContain('application/pdf');
    const doc = await PDFDocument.load(final.rawPayload);
    expect(doc.getPageCount()).toBe(1);
    expect(final.rawPayload.length).toBeGreaterThan(original.length);

    const checked = (await t.request('GET', `/api/v1/signature-requests/${id}/verify`, { as: creator })).json().items;
    expect(checked.map((c: { valid: boolean }) => c.valid)).toEqual([true, true]);
    const authentic = await t.request('POST', '/api/v1/signatures/verify', {
      as: second,
      body: final.rawPayload,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(authentic.json()).toMatchObject({ result: 'authentic', versionNo: 2, title: '西湖区卫健局会议纪要' });
    const altered = Buffer.from(final.rawPayload);
    altered[altered.length - 20] = altered[altered.length - 20]! ^ 1;
    expect(
      (
        await t.request('POST', '/api/v1/signatures/verify', { as: second, body: altered, headers: { 'content-type': 'application/pdf' } })
      ).json().result,
    ).toBe('unknown');

    // a stored version changed behind the platform's back no longer verifies
    await sql`update signature_versions set content = ${altered} where request_id = ${id} and version_no = 2`.execute(t.node.db.kysely);
    const after = (await t.request('GET', `/api/v1/signature-requests/${id}/verify`, { as: creator })).json().items;
    expect(after.map((c: { valid: boolean }) => c.valid)).toEqual([true, false]);
  });

  it('lets parallel signers sign in any order; a decline ends it; outsiders are refused and audited', async () => {
    const created = await t.request('POST', '/api/v1/signature-requests', {
      as: creator,
      body: { title: '并行会签', attachmentId: await upload(creator, await memoPdf()), signers: [firstId, secondId], mode: 'parallel' },
    });
    const id = created.json().id as string;
    expect(
      (await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: second, body: { password: demoPassword } })).statusCode,
    ).toBe(200);
    expect(
      (await t.request('POST', `/api/v1/signature-requests/${id}/sign`, { as: second, body: { password: demoPassword } })).statusCode,
    ).toBe(409);
    const declined = await t.request('POST', `/api/v1/signature-requests/${id}/decline`, { as: first, body: { reason: '第三条表述有误' } });
    expect(declined.json().status).toBe('declined');

    const outsider = await t.login('xihu-scjg.staff1');
    const before = await given(t).refusals();
    expect((await t.request('GET', `/api/v1/signature-requests/${id}`, { as: outsider })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/signature-requests/${id}/document`, { as: outsider })).statusCode).toBe(403);
    expect(await given(t).refusals()).toBe(before + 2);
    const citizen = await t.login('330382197811297469');
    expect((await t.request('GET', '/api/v1/signature-requests', { as: citizen })).statusCode).toBe(403);
  });
});
