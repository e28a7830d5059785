import { sql } from 'kysely';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const citizens = generateCitizens();
const holder = citizens[0]!;
const other = citizens[1]!;

/** P9.3 电子证照: issued in a workflow's transaction, signed by the organisation, kept in a wallet, checked by anyone. */
describe.each(testDatabases())('e-certificates on %s', (kind) => {
  let t: TestNode;
  let citizen: Session;
  let otherCitizen: Session;
  let orgAdmin: Session; // xihu.orgadmin: org_admin of 西湖区政府, which issues here
  let outsider: Session; // zj.orgadmin: org_admin of another organisation
  let orgId: string;
  let holderAccountId: string;

  const issue = (overrides: { holderAccountId?: string; holderName?: string } = {}) =>
    t.node.db.kysely.transaction().execute((tx) =>
      t.node.certificates.issue(tx, {
        orgId,
        kind: '出生医学证明',
        holderAccountId: overrides.holderAccountId ?? holderAccountId,
        holderName: overrides.holderName ?? holder.name,
        holderIdNumber: holder.idNumber,
        fields: [
          { label: '性别', value: '男' },
          { label: '出生时间', value: '2026年3月1日 08时16分' },
          { label: '出生地点', value: '浙江省杭州市西湖区' },
        ],
        caseRef: 'BJ20260301000123',
      }),
    );
  const pdfOf = async (id: string, as: Session = citizen) => {
    const response = await t.request('GET', `/api/v1/certificates/${id}/pdf`, { as });
    expect(response.statusCode).toBe(200);
    return response.rawPayload;
  };
  const upload = (body: Buffer | string, contentType = 'application/pdf') =>
    t.request('POST', '/api/v1/certificates/verify', { body, headers: { 'content-type': contentType } });
  const verify = async (serialNo: string) => {
    const response = await t.request('GET', `/api/v1/certificates/verify/${serialNo}`);
    expect(response.statusCode).toBe(200);
    return response.json() as { status: string; certificate?: Record<string, string> };
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    citizen = await t.login(holder.idNumber);
    otherCitizen = await t.login(other.idNumber);
    orgAdmin = await t.login('xihu.orgadmin');
    outsider = await t.login('zj.orgadmin');
    orgId = orgAdmin.me.orgId!;
    holderAccountId = citizen.me.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('issues a PDF in Chinese with its serial, signed by the organisation; the QR’s check says authentic', async () => {
    const { id, serialNo } = await issue();
    expect(serialNo).toMatch(/^DZZZ[0-9A-HJKMNP-TV-Z]{16}$/);
    const pdf = await pdfOf(id);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toContain('/FontFile2'); // the embedded (subset) TrueType font
    expect(text).toMatch(/\/BaseFont \/[A-Z]+\+?NotoSansSC-Regular|NotoSansSC-Regular/);
    expect(text).toContain(`/ZhiliSerialNo (${serialNo})`);
    expect(pdf.length).toBeLessThan(200_000); // subset, not the 10 MB font
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe(`出生医学证明（电子证照 ${serialNo}）`);

    const key = (
      await sql<{ public_key: string; private_sealed: Uint8Array }>`select public_key, private_sealed from certificate_signing_keys
        where org_id = ${orgId}`.execute(t.node.db.kysely)
    ).rows;
    expect(key).toHaveLength(1);
    expect(Buffer.from(key[0]!.private_sealed).toString('latin1')).not.toMatch(/^[0-9a-f]{64}$/); // sealed, not in clear

    const answer = await verify(serialNo);
    expect(answer).toMatchObject({
      status: 'authentic',
      certificate: { serialNo, kind: '出生医学证明', orgName: expect.stringContaining('西湖区'), issuedAt: expect.any(String) },
    });
    const chars = Array.from(holder.name);
    expect(answer.certificate!.holderName).toBe(
      chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`,
    );
    const body = JSON.stringify(answer);
    expect(body).not.toContain(holder.idNumber);
    expect(body).not.toContain(holder.idNumber.slice(0, 6) + '*'); // not even the masked ID
    expect(body).not.toContain(holder.name);
    expect((await verify(serialNo.toLowerCase())).status).toBe('authentic');
    expect((await verify(`${serialNo.slice(0, 4)}-${serialNo.slice(4, 12)}%20${serialNo.slice(12)}`)).status).toBe('authentic');
  });

  it('an uploaded copy is authentic byte for byte, and tampered once a byte or a text is changed', async () => {
    const { id, serialNo } = await issue();
    const pdf = await pdfOf(id);
    expect((await upload(pdf)).json()).toMatchObject({ status: 'authentic', certificate: { serialNo } });

    const flipped = Buffer.from(pdf);
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x01;
    expect((await upload(flipped)).json()).toMatchObject({ status: 'tampered', certificate: { serialNo } });

    // Re-saved by another program with a line of text added: the Info entry moves into a compressed object stream.
    const edited = await PDFDocument.load(pdf);
    edited.getPage(0).drawText('VOID', { x: 100, y: 400, size: 40 });
    const saved = Buffer.from(await edited.save({ useObjectStreams: true }));
    expect(saved.toString('latin1')).not.toContain(serialNo);
    expect((await upload(saved)).json()).toMatchObject({ status: 'tampered', certificate: { serialNo } });
  });

  it('a PDF that is no certificate is unknown; a body that is no PDF is refused with 415', async () => {
    const blank = await PDFDocument.create();
    blank.addPage();
    expect((await upload(Buffer.from(await blank.save()))).json()).toEqual({ status: 'unknown' });
    expect((await verify('DZZZ0000000000000000')).status).toBe('unknown');
    expect((await verify('not-a-serial')).status).toBe('unknown');

    const notPdf = await upload(Buffer.from('hello, this is not a PDF'));
    expect(notPdf.statusCode).toBe(415);
    expect(notPdf.json().error.code).toBe('certificates.not_a_pdf');
    const json = await t.request('POST', '/api/v1/certificates/verify', { body: { pdf: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.message).toContain('PDF');
    expect((await upload('plain text', 'text/plain')).statusCode).toBe(415);
  });

  it('a changed stored signature no longer verifies', async () => {
    const { id, serialNo } = await issue();
    const pdf = await pdfOf(id);
    const other = await issue();
    await sql`update certificates set signature = (select signature from certificates where id = ${other.id}) where id = ${id}`.execute(
      t.node.db.kysely,
    );
    expect((await verify(serialNo)).status).toBe('tampered');
    expect((await upload(pdf)).json().status).toBe('tampered');
  });

  it('revocation: a reason is needed, the check then says revoked, twice is a conflict', async () => {
    const { id, serialNo } = await issue();
    const pdf = await pdfOf(id);
    const noReason = await t.request('POST', `/api/v1/certificates/${id}/revoke`, { as: orgAdmin, body: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);

    const revoked = await t.request('POST', `/api/v1/certificates/${id}/revoke`, {
      as: orgAdmin,
      body: { reason: '信息登记有误，已重新签发' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id, status: 'revoked', revokedReason: '信息登记有误，已重新签发' });
    expect(await verify(serialNo)).toMatchObject({
      status: 'revoked',
      certificate: { revokedReason: '信息登记有误，已重新签发', revokedAt: expect.any(String) },
    });
    expect((await upload(pdf)).json().status).toBe('revoked');

    const again = await t.request('POST', `/api/v1/certificates/${id}/revoke`, { as: orgAdmin, body: { reason: '重复吊销' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('certificates.already_revoked');

    await t.node.audit.flush();
    const logged = await sql<{
      n: string;
    }>`select count(*) as n from audit_log where action = 'certificate.revoke' and target_id = ${id}`.execute(t.node.db.kysely);
    expect(Number(logged.rows[0]!.n)).toBe(1);
  });

  it('only the issuing organisation revokes: another organisation’s admin is refused, and the refusal is audited', async () => {
    const { id, serialNo } = await issue();
    const before = await given(t).refusals();
    const refused = await t.request('POST', `/api/v1/certificates/${id}/revoke`, { as: outsider, body: { reason: '越权吊销' } });
    expect(refused.statusCode).toBe(403);
    expect(await given(t).refusals()).toBe(before + 1);
    const row = await sql<{ actor_id: string }>`select actor_id from audit_log where outcome = 'refused'
      and target_id = '/api/v1/certificates/:id/revoke' order by seq desc limit 1`.execute(t.node.db.kysely);
    expect(row.rows[0]?.actor_id).toBe(outsider.me.id);
    // a citizen holds no 'certificate.revoke' at all
    expect((await t.request('POST', `/api/v1/certificates/${id}/revoke`, { as: citizen, body: { reason: '自己吊销' } })).statusCode).toBe(
      403,
    );
    expect((await verify(serialNo)).status).toBe('authentic');
    // the list of what an organisation issued is its own: the outsider's holds none of them
    const mine = (await t.request('GET', `/api/v1/certificates/issued?q=${serialNo}`, { as: orgAdmin })).json().items;
    expect(mine.map((c: { id: string }) => c.id)).toEqual([id]);
    const theirs = (await t.request('GET', '/api/v1/certificates/issued', { as: outsider })).json().items;
    expect(theirs.some((c: { id: string }) => c.id === id)).toBe(false);
    expect((await t.request('GET', '/api/v1/certificates/issued', { as: citizen })).statusCode).toBe(403);
  });

  it('the wallet holds only the holder’s own certificates; another citizen may not download one, the issuing staff may', async () => {
    const mine = await issue();
    const theirs = await issue({ holderAccountId: otherCitizen.me.id, holderName: other.name });
    const wallet = await t.request('GET', '/api/v1/certificates', { as: citizen });
    expect(wallet.statusCode).toBe(200);
    const items = wallet.json().items as { id: string; holderName: string; holderIdMasked: string; verifyUrl: string }[];
    expect(items.map((c) => c.id)).toContain(mine.id);
    expect(items.map((c) => c.id)).not.toContain(theirs.id);
    expect(items.every((c) => c.holderName === holder.name)).toBe(true);
    expect(items[0]!.holderIdMasked).toBe(`${holder.idNumber.slice(0, 4)}**********${holder.idNumber.slice(-4)}`);
    expect(items[0]!.verifyUrl).toMatch(/\/verify\/DZZZ/);
    expect((await t.request('GET', '/api/v1/certificates', { as: otherCitizen })).json().items.map((c: { id: string }) => c.id)).toEqual([
      theirs.id,
    ]);
    expect((await t.request('GET', '/api/v1/certificates')).statusCode).toBe(401);

    const before = await given(t).refusals();
    expect((await t.request('GET', `/api/v1/certificates/${mine.id}/pdf`, { as: otherCitizen })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/certificates/${mine.id}/pdf`, { as: outsider })).statusCode).toBe(403);
    expect(await given(t).refusals()).toBe(before + 2);
    expect((await pdfOf(mine.id, orgAdmin)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await t.request('GET', '/api/v1/certificates/cert_00000000000000000000000000/pdf', { as: citizen })).statusCode).toBe(404);
  });

  it('refuses to issue for an organisation that does not exist or without a holder’s name', async () => {
    await expect(
      t.node.db.kysely.transaction().execute((tx) =>
        t.node.certificates.issue(tx, {
          orgId: 'org_00000000000000000000000000',
          kind: '营业执照',
          holderAccountId,
          holderName: holder.name,
          holderIdNumber: holder.idNumber,
          fields: [],
        }),
      ),
    ).rejects.toMatchObject({ code: 'identity.org_not_found' });
    await expect(
      t.node.db.kysely.transaction().execute((tx) =>
        t.node.certificates.issue(tx, {
          orgId,
          kind: '营业执照',
          holderAccountId,
          holderName: '',
          holderIdNumber: holder.idNumber,
          fields: [],
        }),
      ),
    ).rejects.toMatchObject({ code: 'certificates.invalid_issue' });
    // a holder without an ID number on file still gets the certificate
    const issued = await t.node.db.kysely.transaction().execute((tx) =>
      t.node.certificates.issue(tx, {
        orgId,
        kind: '营业执照',
        holderAccountId,
        holderName: '杭州西湖珺燊科技有限公司',
        holderIdNumber: '',
        fields: [{ label: '统一社会信用代码（十八位）', value: '91330106MA2XXXXXXX' }],
      }),
    );
    expect((await verify(issued.serialNo)).certificate?.holderName).toBe('杭**********司');
  });
});
