import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const base = '/govstack/registration';
const imClient = { 'information-mediator-client': 'eGovStack/GOV/90000009/eregistrations-dev' };
const mother = '330382197811297469';
const insurance = '330000-YB-GG-001'; // 城乡居民基本医疗保险参保登记 (医保局)
const birthBundle = 'YJS-CS-001'; // 出生一件事
const insuranceForm = { phone: '13857712345', babyName: '林小禾', babyBirthDate: '2026-11-18' };
const birthForm = {
  ...insuranceForm,
  babyGender: '女',
  birthHospital: '浙江大学医学院附属妇产科医院',
  fatherIdNumber: '330106198801012317',
  householdSide: '随母',
  householdAddress: '浙江省杭州市西湖区文三路 90 号',
  mailingAddress: '浙江省杭州市西湖区文三路 90 号 3 幢 201 室',
};
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF`);
const boundary = 'zhili-govstack-test';
const multipart = (files: { name: string; type: string; content: Buffer }[]) =>
  Buffer.concat([
    ...files.map((f) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.content,
        Buffer.from('\r\n'),
      ]),
    ),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

/** S2.1/S2.2 through GovStack's Registration BB: services, e-forms, applications as 办件, tasks, documents, statistics. */
describe.each(testDatabases())('GovStack Registration BB on %s', (kind) => {
  let t: TestNode;
  let citizen: Session;
  let staff: Session;
  let appToken: string;
  let before: Awaited<ReturnType<typeof statistics>>;
  let fileId: string;

  /** A call the way a GovStack client makes it: the mediator header, and a person's session or a bearer token. */
  const call = (
    method: string,
    path: string,
    options: { as?: Session; bearer?: string; body?: unknown; headers?: Record<string, string>; key?: string } = {},
  ) =>
    t.request(method, `${base}${path}`, {
      as: options.as,
      body: options.body,
      headers: {
        ...imClient,
        ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
        ...options.headers,
      },
    });
  const apply = (body: Record<string, unknown>, key = `gs-${Math.random().toString(36).slice(2, 12)}`, service = insurance) =>
    call('POST', `/services/${service}/applications`, { as: citizen, body, key });
  const caseCount = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from service_cases`.execute(t.node.db.kysely)).rows[0]!.n);
  const statistics = async () => {
    const answer = await call('GET', `/data/statistics?registrationName=${insurance}&breakdown=true`);
    expect(answer.statusCode, answer.body).toBe(200);
    const [row] = answer.json();
    return { received: row.breakdown.received, approved: row.approved, processed: row.processed, sentBack: row.sentBack };
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    citizen = await t.login(mother);
    staff = await t.login(await given(t).staffOf('zj-ybj'));
    appToken = await given(t).appToken('zj-ybj', 'GovStack 登记系统');
    before = await statistics();
  });
  afterAll(() => t?.close());

  it('lists 政务服务事项 and 一件事 bundles to anyone, and reads one with its 办事指南', async () => {
    const list = await t.request('GET', `${base}/services`);
    expect(list.statusCode, list.body).toBe(200);
    const services = list.json() as { id: string; name: string; serviceBody: { code: string; value: string }[] }[];
    expect(services.find((s) => s.id === insurance)).toMatchObject({ name: '城乡居民基本医疗保险参保登记', type: 'Public', version: '1' });
    expect(services.find((s) => s.id === birthBundle)).toMatchObject({ name: '出生一件事' });
    for (const s of services.slice(0, 5))
      expect(Object.keys(s).sort()).toEqual(['description', 'id', 'isClosed', 'isExecutable', 'name', 'serviceBody', 'type', 'version']);
    const searched = (await t.request('GET', `${base}/services?name=${encodeURIComponent('出生一件事')}`)).json();
    expect(searched.map((s: { id: string }) => s.id)).toContain(birthBundle);

    const one = await t.request('GET', `${base}/services/${insurance}`);
    expect(one.statusCode, one.body).toBe(200);
    const body = Object.fromEntries(one.json().serviceBody.map((p: { code: string; value: string }) => [p.code, p.value]));
    expect(body).toMatchObject({ kind: 'service', eFormId: insurance, orgName: '浙江省医疗保障局', onlineDepth: '全程网办' });
    expect(body.legalBasis).toContain('社会保险法');
    const bundle = (await t.request('GET', `${base}/services/${birthBundle}`)).json();
    const parts = bundle.serviceBody.find((p: { code: string }) => p.code === 'parts').value.split(',');
    expect(parts).toEqual(['330106-WJ-GG-001', '330000-GA-QR-001', insurance, '330000-RS-GG-001']);

    const missing = await t.request('GET', `${base}/services/f7d33db0-2809-484e-a780-76b7ccd4ecbf`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      code: 'govstack.registration.service_not_found',
      error: { code: 'govstack.registration.service_not_found' },
    });
    expect(missing.json().traceId).toMatch(/^req_/);
    expect(missing.json().localizedMessage).toContain('f7d33db0');
  });

  it('serves each application form as an e-form: the very schema the Portal asks the citizen', async () => {
    for (const code of [insurance, birthBundle, 'YJS-QYKB-001']) {
      const list = await t.request('GET', `${base}/services/${code}/eForms`);
      expect(list.statusCode, list.body).toBe(200);
      const [item] = list.json();
      expect(Object.keys(item).sort()).toEqual(['description', 'eFormId', 'latest', 'name', 'version']);
      expect(item).toMatchObject({ eFormId: code, latest: true });
      const eForm = (await t.request('GET', `${base}/eForms/${item.eFormId}`)).json();
      expect(eForm.version).toBe(item.version);
      const path = code.startsWith('YJS-') ? `/api/v1/bundles/${code}/application-form` : `/api/v1/services/${code}/application-form`;
      const portal = await t.request('GET', path, { as: citizen });
      expect(portal.statusCode, portal.body).toBe(200);
      expect(eForm.schema).toEqual(portal.json().schema);
    }
    const merged = (await t.request('GET', `${base}/eForms/${birthBundle}`)).json();
    expect(Object.keys(merged.schema.properties).filter((k) => k === 'babyName')).toHaveLength(1);
    expect((await t.request('GET', `${base}/eForms/d98a205a-679b-485b-823d-7a32a391e744`)).statusCode).toBe(404);
  });

  it('takes a citizen’s consented application as a Zhili case with a number, once per Idempotency-Key', async () => {
    const count = await caseCount();
    const body = {
      applicantId: citizen.me.id,
      applicationName: '宝宝医保参保',
      created: '2026-11-20T08:00:00.000Z',
      formData: { eFormId: insurance, data: insuranceForm },
      consent: true,
    };
    const first = await apply(body, 'govstack-insurance-1');
    expect(first.statusCode, first.body).toBe(200);
    const file = first.json();
    expect(file).toMatchObject({
      serviceId: insurance,
      serviceName: '城乡居民基本医疗保险参保登记',
      status: { code: 'PENDING' },
      ended: false,
      applicationData: { applicantId: citizen.me.id, formData: { eFormId: insurance, data: { babyName: '林小禾' } } },
    });
    expect(file.fileId).toMatch(/^case_/);
    expect(file.caseNo).toMatch(/^ZW\d{16}$/);
    expect(file.mainTaskId).toMatch(/^wfi_/);
    fileId = file.fileId;

    const again = await apply(body, 'govstack-insurance-1');
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().fileId).toBe(fileId);
    expect(await caseCount()).toBe(count + 1);

    const zhili = await t.request('GET', `/api/v1/cases/${fileId}`, { as: citizen });
    expect(zhili.statusCode, zhili.body).toBe(200);
    expect(zhili.json()).toMatchObject({ caseNo: file.caseNo, serviceCode: insurance, status: 'submitted' });
    expect(zhili.json().form.applicantIdNumber).toBe(mother);

    const read = await call('GET', `/applications/${fileId}`, { as: citizen });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ fileId, caseNo: file.caseNo, status: { code: 'PENDING' } });
    const mine = (await call('GET', `/applications?serviceId=${insurance}`, { as: citizen })).json();
    expect(mine.map((f: { fileId: string }) => f.fileId)).toContain(fileId);
  });

  it('refuses an application without consent, for someone else, or against another form, creating nothing', async () => {
    const count = await caseCount();
    const body = { applicantId: citizen.me.id, formData: { data: insuranceForm } };
    const noConsent = await apply(body);
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.code).toBe('onestop.consent_required');
    expect((await apply({ ...body, consent: true, applicantId: 'acc_someone_else' })).statusCode).toBe(403);
    const otherForm = await apply({ ...body, consent: true, formData: { eFormId: birthBundle, data: insuranceForm } });
    expect(otherForm.statusCode).toBe(400);
    expect(otherForm.json().error.code).toBe('govstack.registration.eform_mismatch');
    const badDate = await apply({ ...body, consent: true, formData: { data: { ...insuranceForm, babyBirthDate: '2026-13-45' } } });
    expect(badDate.statusCode).toBe(400);
    const unplaced = await apply({
      ...body,
      consent: true,
      documentUrls: ['http://127.0.0.1/api/v1/workflow/attachments/att_00000000000000000000000000'],
    });
    expect(unplaced.statusCode).toBe(400);
    expect(unplaced.json().error.code).toBe('govstack.registration.document_unplaced');
    const noHeader = await t.request('POST', `${base}/services/${insurance}/applications`, {
      as: citizen,
      body: { ...body, consent: true },
    });
    expect(noHeader.statusCode).toBe(400);
    expect((await apply({ ...body, consent: true }, undefined, 'NO-SUCH-SERVICE')).statusCode).toBe(404);
    expect(await caseCount()).toBe(count);
  });

  it('never lets an app — or another citizen — read a person’s applications', async () => {
    const byApp = await call('GET', `/applications/${fileId}`, { bearer: appToken });
    expect(byApp.statusCode).toBe(403);
    expect(byApp.json().error.code).toBe('govstack.registration.person_required');
    expect((await call('GET', '/applications', { bearer: appToken })).statusCode).toBe(403);
    expect((await call('GET', '/tasks', { bearer: appToken })).statusCode).toBe(403);
    const submitted = await call('POST', `/services/${insurance}/applications`, {
      bearer: appToken,
      body: { applicantId: citizen.me.id, consent: true, formData: { data: insuranceForm } },
    });
    expect(submitted.statusCode).toBe(403);
    expect((await call('GET', `/applications/${fileId}`)).statusCode).toBe(401);
    const neighbour = (
      await sql<{ username: string }>`select username from accounts where kind = 'citizen' and username <> ${mother}
        order by username limit 1`.execute(t.node.db.kysely)
    ).rows[0]!.username;
    expect((await call('GET', `/applications/${fileId}`, { as: await t.login(neighbour) })).statusCode).toBe(403);
    // public data stays open to the app
    expect((await call('GET', `/services/${insurance}`, { bearer: appToken })).statusCode).toBe(200);
  });

  it('lets staff of the handling organisation see and complete the case’s tasks; the applicant then reads it approved', async () => {
    const listed = await call('GET', `/tasks?fileId=${fileId}`, { as: staff });
    expect(listed.statusCode, listed.body).toBe(200);
    const [accept] = listed.json();
    expect(accept).toMatchObject({ fileId, serviceId: insurance, name: '受理', status: { code: 'PENDING' } });
    expect(accept.mainTaskId).toMatch(/^wfi_/);
    const files = (await call('GET', '/applications?sortBy=created&sortOrder=desc', { as: staff })).json();
    expect(files.find((f: { fileId: string }) => f.fileId === fileId)).toMatchObject({
      applicantId: citizen.me.id,
      taskTitle: '受理',
      mainTaskId: accept.mainTaskId,
    });

    const outsider = await t.login('xihu.officer');
    expect((await call('GET', `/tasks/${accept.taskId}`, { as: outsider })).statusCode).toBe(403);
    expect((await call('GET', `/tasks/${accept.taskId}`, { as: citizen })).statusCode).toBe(403);
    expect((await call('GET', '/tasks', { as: citizen })).json()).toEqual([]);

    const detail = await call('GET', `/tasks/${accept.taskId}`, { as: staff });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ taskName: '受理', fileId, formVariables: { application: { data: { babyName: '林小禾' } } } });
    expect(Object.keys(detail.json().data.form.properties)).toEqual(expect.arrayContaining(['accepted', 'opinion']));

    const wrongStep = await call('POST', `/tasks/${accept.taskId}/complete`, { as: staff, body: { data: { approved: true } } });
    expect(wrongStep.statusCode).toBe(400);
    const accepted = await call('POST', `/tasks/${accept.taskId}/complete`, {
      as: staff,
      body: { data: { accepted: true } },
      key: 'gs-accept-1',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      taskId: accept.taskId,
      fileId,
      status: { code: 'PENDING' },
      variables: { accept: { data: { accepted: true } } },
    });
    const [review] = (await call('GET', `/tasks?fileId=${fileId}`, { as: staff })).json();
    expect(review.name).toBe('审核');
    const approved = await call('POST', `/tasks/${review.taskId}/complete`, {
      as: staff,
      body: { data: { approved: true, opinion: '材料齐全，准予参保' } },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status.code).toBe('APPROVED');

    const done = (await call('GET', `/applications/${fileId}`, { as: citizen })).json();
    expect(done).toMatchObject({ status: { code: 'APPROVED' }, ended: true });
    expect(done.resultDocuments).toEqual([
      expect.objectContaining({ name: '城乡居民基本医疗保险参保凭证', serialNo: expect.stringMatching(/^DZZZ/) }),
    ]);
    expect((await t.request('GET', `/api/v1/cases/${fileId}`, { as: citizen })).json().status).toBe('completed');
    // an operator does not rewrite the applicant's form in Zhili
    const edit = await call('PUT', `/applications/${fileId}`, { as: staff, body: { applicantId: citizen.me.id, formData: { data: {} } } });
    expect(edit.statusCode).toBe(501);
  });

  it('takes the applicant’s 补正 answer by PUT, and shows a case not accepted as sent back', async () => {
    const applied = (await apply({ applicantId: citizen.me.id, consent: true, formData: { data: insuranceForm } })).json();
    const early = await call('PUT', `/applications/${applied.fileId}`, {
      as: citizen,
      body: { applicantId: citizen.me.id, formData: { data: { babyBirthDate: '2026-11-17' } } },
    });
    expect(early.statusCode).toBe(409); // nothing was asked for yet
    const asked = await t.request('POST', `/api/v1/cases/${applied.fileId}/supplement-request`, {
      as: staff,
      body: { reason: '请核对新生儿出生日期' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const waiting = (await call('GET', `/applications/${applied.fileId}`, { as: citizen })).json();
    expect(waiting.status.code).toBe('PENDING');
    expect(waiting.zhili.supplementReason).toBe('请核对新生儿出生日期');
    const answered = await call('PUT', `/applications/${applied.fileId}`, {
      as: citizen,
      body: { applicantId: citizen.me.id, formData: { data: { babyBirthDate: '2026-11-17' } } },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().applicationData.formData.data.babyBirthDate).toBe('2026-11-17');
    expect(answered.json().zhili.supplementReason).toBeNull();

    const [accept] = (await call('GET', `/tasks?fileId=${applied.fileId}`, { as: staff })).json();
    const refused = await call('POST', `/tasks/${accept.taskId}/complete`, {
      as: staff,
      body: { data: { accepted: false, opinion: '新生儿已在外省参保' } },
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json().status.code).toBe('SENDBACK');
    const read = (await call('GET', `/applications/${applied.fileId}`, { as: citizen })).json();
    expect(read).toMatchObject({ status: { code: 'SENDBACK' }, ended: true, zhili: { refusedReason: '新生儿已在外省参保' } });
  });

  it('takes a 一件事 as one file with a case for each department', async () => {
    const applied = await apply({ applicantId: citizen.me.id, consent: true, formData: { data: birthForm } }, undefined, birthBundle);
    expect(applied.statusCode, applied.body).toBe(200);
    const file = applied.json();
    expect(file.fileId).toMatch(/^bapp_/);
    expect(file).toMatchObject({ serviceId: birthBundle, status: { code: 'PENDING' }, applicationData: { applicantId: citizen.me.id } });
    expect(file.parts).toHaveLength(4);
    expect(file.applicationData.formData.data).toMatchObject({ householdSide: '随母', babyName: '林小禾' });
    const read = await call('GET', `/applications/${file.fileId}`, { as: citizen });
    expect(read.json().parts.map((p: { fileId: string }) => p.fileId)).toEqual(file.parts.map((p: { fileId: string }) => p.fileId));
  });

  it('uploads documents as multipart files or base64, typed by their content', async () => {
    const uploaded = await call('POST', '/documents', {
      as: citizen,
      body: multipart([{ name: 'birth-proof.pdf', type: 'application/pdf', content: pdf('出生医学证明') }]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ code: 200, type: 'success' });
    expect(uploaded.json().url).toMatch(/\/api\/v1\/workflow\/attachments\/att_[0-9a-z]{26}$/);
    const download = await t.request('GET', new URL(uploaded.json().url).pathname, { as: citizen });
    expect(download.body).toContain('出生医学证明');

    const encoded = await call('POST', '/documents', {
      as: citizen,
      body: `file=${encodeURIComponent(pdf('户口簿').toString('base64'))}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(encoded.statusCode, encoded.body).toBe(200);
    expect(encoded.json().documents[0]).toMatchObject({ name: 'document-1.pdf', mimeType: 'application/pdf' });

    const disguised = await call('POST', '/documents', {
      as: citizen,
      body: multipart([{ name: 'x.pdf', type: 'application/pdf', content: Buffer.from('MZ\x90\x00 not a pdf') }]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(disguised.statusCode).toBe(415);
    const empty = await call('POST', '/documents', { as: citizen });
    expect(empty.statusCode).toBe(400);
    expect(Object.keys(empty.json())).toEqual(expect.arrayContaining(['traceId', 'code', 'message', 'localizedMessage']));
    expect((await call('POST', '/documents', { bearer: appToken, body: { file: [pdf('x').toString('base64')] } })).statusCode).toBe(403);
  });

  it('answers bad input with 4xx, never 500', async () => {
    const bad: [string, string, Session | undefined, unknown?, Record<string, string>?][] = [
      ['GET', '/applications?sortBy=created', citizen],
      ['GET', '/applications?sortBy=priority&sortOrder=asc', citizen],
      ['GET', '/applications?firstResult=-1', citizen],
      ['GET', '/applications/n0t-ex1st1ng-file%23-1d', citizen],
      ['GET', '/applications/bapp_00000000000000000000000000', citizen],
      ['PUT', '/applications/n0t-ex1st1ng-file', citizen, { applicantId: 'x' }],
      ['PUT', `/applications/${fileId}`, citizen, { formData: {} }],
      ['GET', '/tasks/task_00000000000000000000000000', staff],
      ['GET', '/tasks?maxResult=0', staff],
      ['POST', '/tasks/n0t-a-task/complete', staff, { data: { accepted: true } }],
      ['POST', `/services/${insurance}/applications`, citizen, '{"applicantId":'],
      ['POST', `/services/${insurance}/applications`, citizen, { applicantId: citizen.me.id, consent: 'yes' }],
      ['GET', '/data/statistics?startDate=2026-13-01', undefined],
      ['GET', '/data/statistics?startDate=2026-02-01&endDate=2026-01-01', undefined],
      ['GET', '/data/statistics?timeframe=hour', undefined],
      ['GET', '/data/statistics', undefined, undefined, { 'information-mediator-client': 'eGovStack/GOV/90000009/' }],
    ];
    for (const [method, path, as, body, headers] of bad) {
      const answer = await call(method, path, { ...(as ? { as } : {}), body, ...(headers ? { headers } : {}) });
      expect(answer.statusCode, `${method} ${path}: ${answer.body}`).toBeGreaterThanOrEqual(400);
      expect(answer.statusCode, `${method} ${path}: ${answer.body}`).toBeLessThan(500);
    }
    expect((await call('GET', '/tasks?fileId=n0t-ex1st1ng-file', { as: staff })).json()).toEqual([]);
  });

  it('counts the case in the statistics, and says what it cannot count', async () => {
    const after = await statistics();
    // two single applications (one approved, one not accepted) and the 一件事's 医保 part
    expect(after).toEqual({
      received: before.received + 3,
      approved: before.approved + 1,
      sentBack: before.sentBack + 1,
      processed: before.processed + 2,
    });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const daily = await call('GET', `/data/statistics/1.0?startDate=${today}&endDate=${today}&timeframe=day`);
    expect(daily.statusCode, daily.body).toBe(200);
    const [row] = daily.json();
    expect(Object.keys(row).sort()).toEqual(['approved', 'processed', 'references', 'rejected', 'sentBack']);
    expect(row.references).toMatchObject({ startDate: today, endDate: today, timeframeDay: true, timeframeWeek: false });
    expect(row.approved).toBeGreaterThanOrEqual(1);
    const byOperator = await call('GET', '/data/statistics?operator=Ingmar%20Vali');
    expect(byOperator.statusCode).toBe(501);
    expect(byOperator.json().error.code).toBe('govstack.registration.filter_unsupported');
    expect((await call('GET', '/data/statistics?registrationName=n0tex1st')).statusCode).toBe(404);
    expect((await t.request('GET', `${base}/data/statistics`)).statusCode).toBe(400);
  });
});
