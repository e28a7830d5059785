import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRecords } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const mother = '330382197811297469';
const birthBundle = 'YJS-CS-001';
const birthForm = {
  phone: '13857712345',
  babyName: '林小禾',
  babyGender: '女',
  babyBirthDate: '2026-11-18',
  birthHospital: '浙江大学医学院附属妇产科医院',
  fatherIdNumber: '330106198801012317',
  householdSide: '随母',
  householdAddress: '浙江省杭州市西湖区文三路 90 号',
  mailingAddress: '浙江省杭州市西湖区文三路 90 号 3 幢 201 室',
};

const pick = (keys: string[]) => Object.fromEntries(Object.entries(birthForm).filter(([k]) => keys.includes(k)));
/** 城乡居民医保参保登记 asks only these */
const insuranceForm = pick(['phone', 'babyName', 'babyBirthDate']);
/** 出生登记 */
const registrationForm = pick(['phone', 'babyName', 'babyGender', 'babyBirthDate', 'householdSide', 'householdAddress']);

/** S2.1 apply and S2.2 一件事: cases across departments, handled in the workflow, followed by the applicant. */
describe.each(testDatabases())('办件 and 一件事 on %s', (kind) => {
  let t: TestNode;
  let citizen: Session;
  const staff = new Map<string, Session>();

  async function staffOf(slug: string): Promise<Session> {
    let session = staff.get(slug);
    if (!session) {
      session = await t.login(await given(t).staffOf(slug));
      staff.set(slug, session);
    }
    return session;
  }

  const caseCount = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from service_cases`.execute(t.node.db.kysely)).rows[0]!.n);

  async function apply(body: Record<string, unknown>, key = `k-${Math.random().toString(36).slice(2, 12)}`) {
    return t.request('POST', '/api/v1/cases', { as: citizen, body, headers: { 'idempotency-key': key } });
  }

  /** Completes the case's open task at `nodeId` as `who`. */
  async function act(who: Session, caseId: string, nodeId: string, variables: Record<string, unknown>) {
    const seen = await t.request('GET', `/api/v1/cases/${caseId}`, { as: who });
    expect(seen.statusCode, seen.body).toBe(200);
    const task = (seen.json().openTasks as { id: string; nodeId: string }[]).find((x) => x.nodeId === nodeId);
    expect(task, `${nodeId} open on ${caseId}`).toBeDefined();
    return t.request('POST', `/api/v1/workflow/tasks/${task!.id}/complete`, { as: who, body: { variables } });
  }

  beforeAll(async () => {
    t = await startTestNode(kind);
    citizen = await t.login(mother);
  });
  afterAll(() => t?.close());

  it('shows the merged 出生一件事 form asking each question once, with the verified identity filled in', async () => {
    const form = await t.request('GET', `/api/v1/bundles/${birthBundle}/application-form`, { as: citizen });
    expect(form.statusCode, form.body).toBe(200);
    const body = form.json();
    expect(body.parts.map((p: { name: string }) => p.name)).toEqual([
      '出生医学证明首次签发',
      '出生登记',
      '城乡居民基本医疗保险参保登记',
      '社会保障卡申领',
    ]);
    const keys = Object.keys(body.schema.properties);
    expect(keys.filter((k) => k === 'babyName')).toHaveLength(1);
    expect(body.schema.required).toEqual(expect.arrayContaining(['babyName', 'babyBirthDate', 'householdSide']));
    expect(body.values.applicantIdNumber).toBe(mother);
    expect(body.prefilled).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'applicantName', source: '实名认证信息' })]));
    expect(body.exemptMaterials.length).toBeGreaterThan(3);
  });

  it('prefills the baby from the 助产机构’s birth record through the data gateway, naming the department, and logs the read', async () => {
    const births = demoRecords()['330000-WJ-0001']!;
    const accounts = new Set(
      (await sql<{ username: string }>`select username from accounts where kind = 'citizen'`.execute(t.node.db.kysely)).rows.map(
        (r) => r.username,
      ),
    );
    const birth = births.find((b) => accounts.has(String(b.id_number)))!;
    expect(birth, 'a demo mother with an account').toBeDefined();
    const mum = await t.login(String(birth.id_number));
    // before consent: the form names what it would read, and reads nothing
    const reads = async () => {
      await t.node.audit.flush();
      return Number(
        (await sql<{ n: string }>`select count(*) as n from audit_log where action = 'gateway.query'`.execute(t.node.db.kysely)).rows[0]!.n,
      );
    };
    const before = await reads();
    const preview = (await t.request('GET', `/api/v1/bundles/${birthBundle}/application-form`, { as: mum })).json();
    expect(preview.consented).toBe(false);
    expect(preview.values.babyName).toBeUndefined();
    expect(preview.reads).toEqual(
      expect.arrayContaining([expect.objectContaining({ resourceName: '出生医学证明', orgName: '浙江省卫生健康委员会' })]),
    );
    expect(await reads()).toBe(before);
    const form = (await t.request('GET', `/api/v1/bundles/${birthBundle}/application-form?consent=true`, { as: mum })).json();
    expect(form.values).toMatchObject({
      babyName: birth.baby_name,
      babyBirthDate: birth.birth_date,
      fatherIdNumber: birth.father_id_number,
    });
    expect(form.prefilled).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'babyName', org: '浙江省卫生健康委员会', resource: '出生医学证明' })]),
    );
    expect(form.unavailable).toEqual([]);
    await t.node.audit.flush();
    const logged = await sql<{ n: string }>`select count(*) as n from audit_log where action = 'gateway.query'
      and details->>'purpose' = '一网通办申请表单预填'`.execute(t.node.db.kysely);
    expect(Number(logged.rows[0]!.n)).toBeGreaterThanOrEqual(2);
    // 谁用了我的数据: she sees the read of her birth record, by whom and for what; nobody else does
    const uses = (await t.request('GET', '/api/v1/data-uses/mine', { as: mum })).json().items;
    expect(uses).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          user: '浙江省大数据发展管理局',
          app: '一网通办（浙里办）',
          resource: '出生医学证明',
          owner: '浙江省卫生健康委员会',
          purpose: '一网通办申请表单预填',
          fields: expect.arrayContaining(['新生儿姓名']),
        }),
      ]),
    );
    const stranger = births.find((b) => accounts.has(String(b.id_number)) && b.id_number !== birth.id_number)!;
    const theirs = (await t.request('GET', '/api/v1/data-uses/mine', { as: await t.login(String(stranger.id_number)) })).json().items;
    expect(theirs.filter((u: { resource: string }) => u.resource === '出生医学证明')).toEqual([]);
    expect((await t.request('GET', '/api/v1/data-uses/mine', { as: await t.login('xihu.officer') })).statusCode).toBe(403);
  });

  it('refuses a submission without consent, or breaking the form, or from staff, creating nothing', async () => {
    const before = await caseCount();
    const noConsent = await apply({ bundleCode: birthBundle, consent: false, form: birthForm });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().error.code).toBe('onestop.consent_required');
    const badDate = await apply({ bundleCode: birthBundle, consent: true, form: { ...birthForm, babyBirthDate: '2026-13-45' } });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.details.issues.map((i: { path: string[] }) => i.path[0])).toContain('babyBirthDate');
    const missing = await apply({ bundleCode: birthBundle, consent: true, form: { ...birthForm, babyName: undefined } });
    expect(missing.statusCode).toBe(400);
    const officer = await t.login('xihu.officer');
    const byStaff = await t.request('POST', '/api/v1/cases', {
      as: officer,
      body: { bundleCode: birthBundle, consent: true, form: birthForm },
      headers: { 'idempotency-key': 'staff-tries-1' },
    });
    expect(byStaff.statusCode).toBe(403);
    expect(await caseCount()).toBe(before);
  });

  it('makes one case per department with its own number; the same Idempotency-Key creates nothing new', async () => {
    const before = await caseCount();
    const first = await apply({ bundleCode: birthBundle, consent: true, form: birthForm }, 'birth-2026-11-23-a');
    expect(first.statusCode, first.body).toBe(201);
    const app = first.json();
    expect(app.status).toBe('submitted');
    expect(app.parts).toHaveLength(4);
    expect(new Set(app.parts.map((p: { caseNo: string }) => p.caseNo)).size).toBe(4);
    expect(new Set(app.parts.map((p: { orgId: string }) => p.orgId)).size).toBe(4);
    const again = await apply({ bundleCode: birthBundle, consent: true, form: birthForm }, 'birth-2026-11-23-a');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(app.id);
    expect(await caseCount()).toBe(before + 4);
    // each department's case holds only what it asked
    const police = app.parts.find((p: { serviceName: string }) => p.serviceName === '出生登记');
    const asCitizen = (await t.request('GET', `/api/v1/cases/${police.id}`, { as: citizen })).json();
    expect(asCitizen.form.householdSide).toBe('随母');
    expect(asCitizen.form.birthHospital).toBeUndefined();
    expect(asCitizen.openTasks).toEqual([]);
  });

  it('runs each part through 受理 and 审核 in its department; the bundle is done when all are; others are refused', async () => {
    const applied = (await apply({ bundleCode: birthBundle, consent: true, form: birthForm })).json();
    const parts = applied.parts as { id: string; serviceCode: string; orgId: string }[];
    const slugOf: Record<string, string> = {
      '330106-WJ-GG-001': 'xihu-wjj',
      '330000-GA-QR-001': 'zj-gat',
      '330000-YB-GG-001': 'zj-ybj',
      '330000-RS-GG-001': 'zj-rst',
    };
    // staff of another department in the same district can neither see nor act, and it is audited
    const refusedBefore = await given(t).refusals();
    const outsider = await t.login('xihu.officer');
    const health = parts.find((p) => p.serviceCode === '330106-WJ-GG-001')!;
    expect((await t.request('GET', `/api/v1/cases/${health.id}`, { as: outsider })).statusCode).toBe(403);
    const insider = await staffOf('xihu-wjj');
    const taskId = (await t.request('GET', `/api/v1/cases/${health.id}`, { as: insider })).json().openTasks[0].id;
    expect(
      (await t.request('POST', `/api/v1/workflow/tasks/${taskId}/complete`, { as: outsider, body: { variables: { accepted: true } } }))
        .statusCode,
    ).toBe(403);
    expect(await given(t).refusals()).toBeGreaterThan(refusedBefore);
    // out of order: a decision sent to 受理 is refused and nothing moves
    const outOfOrder = await act(insider, health.id, 'accept', { approved: true });
    expect(outOfOrder.statusCode).toBe(400);
    expect((await t.request('GET', `/api/v1/cases/${health.id}`, { as: citizen })).json().status).toBe('submitted');

    for (const part of parts) {
      const who = await staffOf(slugOf[part.serviceCode]!);
      const accepted = await act(who, part.id, 'accept', { accepted: true });
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect((await t.request('GET', `/api/v1/cases/${part.id}`, { as: citizen })).json().status).toBe('handling');
      const approved = await act(who, part.id, 'review', { approved: true, opinion: '材料齐全，准予办理' });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    const done = (await t.request('GET', `/api/v1/bundle-applications/${applied.id}`, { as: citizen })).json();
    expect(done.status).toBe('completed');
    expect(done.parts.every((p: { status: string }) => p.status === 'completed')).toBe(true);
    const certificate = done.parts.find((p: { serviceCode: string }) => p.serviceCode === '330106-WJ-GG-001');
    expect(certificate.certificateIds).toHaveLength(1);
    const history = (await t.request('GET', `/api/v1/cases/${health.id}`, { as: citizen })).json().history;
    expect(history.map((h: { step: string | null }) => h.step)).toEqual(expect.arrayContaining(['受理', '审核']));
    expect(history.some((h: { details: { opinion?: string } }) => h.details.opinion === '材料齐全，准予办理')).toBe(true);
  });

  it('lets the applicant withdraw before acceptance only', async () => {
    const one = (await apply({ serviceCode: '330000-YB-GG-001', consent: true, form: insuranceForm })).json();
    expect(one.status).toBe('submitted');
    const withdrawn = await t.request('POST', `/api/v1/cases/${one.id}/withdraw`, { as: citizen, body: { reason: '信息填错，重新申请' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().status).toBe('withdrawn');
    const two = (await apply({ serviceCode: '330000-YB-GG-001', consent: true, form: insuranceForm })).json();
    expect((await act(await staffOf('zj-ybj'), two.id, 'accept', { accepted: true })).statusCode).toBe(200);
    const late = await t.request('POST', `/api/v1/cases/${two.id}/withdraw`, { as: citizen, body: { reason: '不想办了' } });
    expect(late.statusCode).toBe(409);
    expect((await t.request('GET', `/api/v1/cases/${two.id}`, { as: citizen })).json().status).toBe('handling');
  });

  it('sends 补正 back to the applicant, stopping the clock until they answer', async () => {
    const one = (await apply({ serviceCode: '330000-YB-GG-001', consent: true, form: insuranceForm })).json();
    const who = await staffOf('zj-ybj');
    const asked = await t.request('POST', `/api/v1/cases/${one.id}/supplement-request`, {
      as: who,
      body: { reason: '请核对新生儿出生日期' },
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const seen = (await t.request('GET', `/api/v1/cases/${one.id}`, { as: citizen })).json();
    expect(seen.supplementReason).toBe('请核对新生儿出生日期');
    const badAnswer = await t.request('POST', `/api/v1/cases/${one.id}/supplement`, {
      as: citizen,
      body: { form: { babyBirthDate: '昨天' } },
    });
    expect(badAnswer.statusCode).toBe(400);
    const answered = await t.request('POST', `/api/v1/cases/${one.id}/supplement`, {
      as: citizen,
      body: { form: { babyBirthDate: '2026-11-17' }, comment: '已更正' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().supplementReason).toBeNull();
    expect(answered.json().form.babyBirthDate).toBe('2026-11-17');
  });

  it('shows a refused part of a bundle and takes it again alone', async () => {
    const applied = (await apply({ bundleCode: birthBundle, consent: true, form: birthForm })).json();
    const police = applied.parts.find((p: { serviceCode: string }) => p.serviceCode === '330000-GA-QR-001');
    const who = await staffOf('zj-gat');
    const noReason = await act(who, police.id, 'accept', { accepted: false });
    expect(noReason.statusCode).toBe(400);
    expect((await act(who, police.id, 'accept', { accepted: false, opinion: '落户地址与户籍信息不一致' })).statusCode).toBe(200);
    const status = (await t.request('GET', `/api/v1/bundle-applications/${applied.id}`, { as: citizen })).json();
    expect(status.status).toBe('partly_refused');
    const refused = status.parts.find((p: { id: string }) => p.id === police.id);
    expect(refused).toMatchObject({ status: 'refused', refusedStage: '不予受理', refusedReason: '落户地址与户籍信息不一致' });
    const again = await apply({
      resubmitOf: police.id,
      consent: true,
      form: { ...registrationForm, householdAddress: '浙江省杭州市西湖区文三路 92 号' },
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().bundleApplicationId).toBe(applied.id);
    const twice = await apply({ resubmitOf: police.id, consent: true, form: registrationForm });
    expect(twice.statusCode).toBe(409);
    const after = (await t.request('GET', `/api/v1/bundle-applications/${applied.id}`, { as: citizen })).json();
    expect(after.status).toBe('submitted');
    // another citizen cannot see it
    const neighbour = (
      await sql<{
        username: string;
      }>`select username from accounts where kind = 'citizen' and username <> ${mother} order by username limit 1`.execute(t.node.db.kysely)
    ).rows[0]!.username;
    const other = await t.login(neighbour);
    expect((await t.request('GET', `/api/v1/bundle-applications/${applied.id}`, { as: other })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/v1/cases/${police.id}`, { as: other })).statusCode).toBe(403);
  });

  it('takes the materials that remain as checked uploads (企业开办一件事)', async () => {
    const form = (await t.request('GET', '/api/v1/bundles/YJS-QYKB-001/application-form', { as: citizen })).json();
    const uploads = Object.entries(form.schema.properties as Record<string, { format?: string; title: string }>).filter(
      ([, p]) => p.format === 'attachment',
    );
    expect(uploads.map(([, p]) => p.title)).toEqual(expect.arrayContaining(['公司章程', '公司登记（备案）申请书']));
    const disguised = await t.request('POST', '/api/v1/workflow/attachments', {
      as: citizen,
      body: Buffer.from('MZ\x90\x00 not a pdf'),
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('公司章程.pdf') },
    });
    expect(disguised.statusCode).toBe(415);
    const files: Record<string, string> = {};
    for (const [key, property] of uploads) {
      const uploaded = await t.request('POST', '/api/v1/workflow/attachments', {
        as: citizen,
        body: Buffer.from(`%PDF-1.7\n${property.title}\n%%EOF`),
        headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent(`${property.title}.pdf`) },
      });
      expect(uploaded.statusCode, uploaded.body).toBe(201);
      files[key] = uploaded.json().id;
    }
    const answers = {
      phone: '13857712345',
      companyName: '杭州禾木茶饮有限公司',
      legalRepresentative: '林禾',
      registeredCapital: 50,
      businessAddress: '浙江省杭州市西湖区文三路 90 号 1 层',
      businessScope: '餐饮服务；茶饮料及其他饮料制作与销售',
      sealKinds: '公章、财务专用章、发票专用章',
      invoiceKind: '数电发票（普通发票）',
      employeeCount: 3,
    };
    const [firstKey] = uploads[0]!;
    const withoutOne = Object.fromEntries(Object.entries(files).filter(([k]) => k !== firstKey));
    const missing = await apply({ bundleCode: 'YJS-QYKB-001', consent: true, form: { ...answers, ...withoutOne } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.issues.map((i: { path: string[] }) => i.path[0])).toContain(firstKey);
    const applied = await apply({ bundleCode: 'YJS-QYKB-001', consent: true, form: { ...answers, ...files } });
    expect(applied.statusCode, applied.body).toBe(201);
    expect(applied.json().parts).toHaveLength(5);
  });

  it('has a collaborating department countersign 会签 before the result', async () => {
    const applied = await apply({
      serviceCode: '330000-RS-QR-001',
      consent: true,
      form: { phone: '13857712345', retirementDate: '2026-12-01' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const id = applied.json().id;
    const rst = await staffOf('zj-rst');
    expect((await act(rst, id, 'accept', { accepted: true })).statusCode).toBe(200);
    expect((await act(rst, id, 'review', { approved: true })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/v1/cases/${id}`, { as: citizen })).json().status).toBe('handling');
    const ybj = await staffOf('zj-ybj');
    expect((await act(ybj, id, 'countersign', { approved: true, opinion: '医保待遇衔接无异议' })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/v1/cases/${id}`, { as: citizen })).json().status).toBe('completed');
  });
});
