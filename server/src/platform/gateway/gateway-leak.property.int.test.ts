import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../kernel/index.ts';
import { generateCitizens } from '../../packs/demo-province/index.ts';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

const people = generateCitizens().slice(100, 120);
const fields = [
  { name: 'id_number', label: '身份证号', type: 'id_number', grade: 'L3', key: true },
  { name: 'person_name', label: '姓名', type: 'string', grade: 'L3' },
  { name: 'mobile', label: '手机号', type: 'phone', grade: 'L3' },
  { name: 'guardian_id', label: '监护人身份证号', type: 'id_number', grade: 'L4' },
  { name: 'street', label: '街道', type: 'string', grade: 'L2' },
  { name: 'remark', label: '备注', type: 'string', grade: 'L1' },
] as const;
const optional = fields.filter((f) => !('key' in f)).map((f) => f.name);
const record = (i: number) => ({
  id_number: people[i]!.idNumber,
  person_name: people[i]!.name,
  mobile: people[i]!.phone,
  guardian_id: people[(i + 7) % people.length]!.idNumber,
  street: '西溪街道',
  remark: `第 ${i} 条`,
});
const idPattern = /(?<![\dX])\d{17}[\dX](?![\dX])/g;
const phonePattern = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * The property the issue asks for: whatever the grant (fields, clear text, region) and whatever
 * keys are asked — known, unknown, repeated — no whole 身份证号 or phone number leaves the gateway
 * unless a field holding it was granted in clear; no field beyond the grant appears at all.
 */
describe.each(testDatabases())('the gateway never leaks beyond the grant (property) on %s', (kind) => {
  let t: TestNode;
  let base: string;
  let requestId: string;
  let consumerOrgId: string;
  let itemId: string;
  let token: string;

  beforeAll(async () => {
    t = await startTestNode(kind);
    base = await t.listen();
    const admin: Session = await t.login('admin');
    const owner = await t.login('hz.dataofficer');
    const consumer = await t.login('xihu.dataofficer');
    consumerOrgId = consumer.me.orgId!;
    const resourceId = (
      await t.request('POST', '/api/v1/catalog/resources', {
        as: owner,
        body: {
          orgId: owner.me.orgId,
          code: '330100-SJ-0990',
          name: '杭州市未成年人监护信息',
          domain: 'shared',
          shareType: 'conditional',
          openType: 'none',
          updateFrequency: 'daily',
          fields,
        },
      })
    ).json().id;
    await t.request('PUT', `/api/v1/catalog/resources/${resourceId}/records`, {
      as: owner,
      body: { records: people.map((_, i) => record(i)) },
    });
    itemId = await given(t).item({ as: admin, orgSlug: 'xihu-sjj', path: ['未成年人保护', '监护核验', '监护信息', '监护人核验'] });
    // one real request (pending review) anchors the grants each case writes directly
    requestId = (
      await t.request('POST', '/api/v1/sharing/requests', {
        as: consumer,
        body: { resourceId, itemId, fields: ['id_number'], purpose: '监护关系核验', legalBasis: '未成年人保护法' },
      })
    ).json().id;
    token = await given(t).appToken(consumerOrgId, '西湖区监护核验系统');
    t.node.gateway.rateLimit = 1_000_000;
  });
  afterAll(() => t?.close());

  it('holds for random grants and random batches of keys', async () => {
    const resource = (await sql<{ id: string }>`select id from data_resources where code = '330100-SJ-0990'`.execute(t.node.db.kysely))
      .rows[0]!.id;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          granted: fc.subarray(optional),
          clear: fc.boolean(),
          keys: fc.array(fc.oneof(fc.nat({ max: people.length - 1 }), fc.constant(-1)), { minLength: 1, maxLength: 12 }),
        }),
        async ({ granted, clear, keys }) => {
          await sql`delete from share_grants where request_id = ${requestId}`.execute(t.node.db.kysely);
          const grantFields = ['id_number', ...granted];
          await sql`insert into share_grants (id, request_id, resource_id, consumer_org_id, item_id, fields, status, clear_text)
            values (${newId('grt')}, ${requestId}, ${resource}, ${consumerOrgId}, ${itemId}, ${JSON.stringify(grantFields)}::jsonb, 'active',
              ${clear})`.execute(t.node.db.kysely);
          const asked = keys.map((k) => (k < 0 ? '110101199003074258' : people[k]!.idNumber));
          const response = await fetch(`${base}/gateway/v1/330100-SJ-0990/records/query`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ field: 'id_number', keys: asked }),
          });
          const body = await response.text();
          expect(response.status, body).toBe(200);
          const { records } = JSON.parse(body) as { records: (Record<string, unknown> | null)[] };
          expect(records).toHaveLength(asked.length);
          records.forEach((r, i) => {
            if (keys[i]! < 0) return expect(r).toBeNull();
            expect(Object.keys(r!).sort()).toEqual([...grantFields].sort()); // exactly the grant, nothing else
            const original = record(keys[i]!);
            if (clear) expect(r).toEqual(Object.fromEntries(grantFields.map((f) => [f, original[f as keyof typeof original]])));
          });
          // every whole ID or phone number in the answer must be one the grant allows in clear
          const allowed = new Set<string>();
          if (clear)
            for (const k of keys.filter((k) => k >= 0)) {
              const original = record(k);
              for (const f of grantFields) allowed.add(String(original[f as keyof typeof original]));
            }
          for (const found of [...body.matchAll(idPattern), ...body.matchAll(phonePattern)])
            expect(allowed.has(found[0]), found[0]).toBe(true);
          if (!clear) {
            expect(body.match(idPattern)).toBeNull();
            expect(body.match(phonePattern)).toBeNull();
          }
        },
      ),
      { numRuns: 25, seed: 2026 },
    );
  });

  it('a tampered gateway log entry is detected by the chain', async () => {
    await t.node.audit.flush();
    expect((await t.node.audit.verify()).ok).toBe(true);
    const entry = (
      await sql<{ seq: string }>`select seq from audit_log where action = 'gateway.query' order by seq desc limit 1`.execute(
        t.node.db.kysely,
      )
    ).rows[0]!;
    // someone hides how many records an app read
    await sql`update audit_log set details = jsonb_set(details, '{keys}', '9999'::jsonb) where seq = ${entry.seq}`.execute(
      t.node.db.kysely,
    );
    const verdict = await t.node.audit.verify();
    expect(verdict.ok).toBe(false);
    expect(JSON.stringify(verdict)).toContain(String(entry.seq));
  });
});
