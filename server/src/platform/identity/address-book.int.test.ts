import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { given } from '../../testing/given.ts';
import { startTestNode, type Session, type TestNode } from '../../testing/test-node.ts';

interface Card {
  accountId: string;
  displayName: string;
  regionCode: string;
  orgName: string;
  publicContact: boolean;
  phone: string | null;
  phoneMasked: boolean;
}
interface RegionNode {
  code: string;
  name: string;
  orgs: { id: string; name: string; people: number }[];
  children: RegionNode[];
}

/** 通讯录 across levels: a county clerk sees the county, and the public contacts of the levels above — no other county. */
describe.each(testDatabases())('the address book across levels on %s', (kind) => {
  let t: TestNode;
  let clerk: Session; // 西湖区市场监管局 科员

  const person = async (username: string) => {
    const id = await given(t).accountId(username);
    const row = await sql<{
      display_name: string;
      public_contact: boolean;
    }>`select display_name, public_contact from accounts where id = ${id}`.execute(t.node.db.kysely);
    return { id, ...row.rows[0]! };
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    clerk = await t.login('xihu.officer');
  });
  afterAll(() => t?.close());

  it('shows a county clerk a tree of the county, the city and the province — and no other county', async () => {
    const tree = (await t.request('GET', '/api/v1/address-book/tree', { as: clerk })).json().items as RegionNode[];
    expect(tree.map((r) => r.code)).toEqual(['330000']);
    const hangzhou = tree[0]!.children.find((c) => c.code === '330100')!;
    expect(hangzhou.children.map((c) => c.code)).toEqual(['330106']);
    expect(tree[0]!.children.map((c) => c.code)).toEqual(['330100']); // not 宁波, 温州 …
    const xihu = hangzhou.children[0]!;
    const scjg = xihu.orgs.find((o) => o.name.includes('市场监督管理局'))!;
    const allInScjg = await sql<{ n: string }>`select count(*) as n from accounts where org_id = ${scjg.id} and status = 'active'`.execute(
      t.node.db.kysely,
    );
    expect(scjg.people).toBe(Number(allInScjg.rows[0]!.n)); // the whole own-county department
    const provinceOrg = tree[0]!.orgs[0]!;
    const publicOnly = await sql<{
      n: string;
    }>`select count(*) as n from accounts where org_id = ${provinceOrg.id} and public_contact`.execute(t.node.db.kysely);
    expect(provinceOrg.people).toBe(Number(publicOnly.rows[0]!.n)); // only the public contacts above
  });

  it('finds people by pinyin, initials and position, within what the reader may see', async () => {
    const colleague = await person('xihu-wjj.staff1');
    const [surname] = (
      await t.request('GET', `/api/v1/address-book/people?q=${encodeURIComponent(colleague.display_name)}`, { as: clerk })
    ).json().items as Card[];
    expect(surname!.accountId).toBe(colleague.id);
    const pinyin = (
      await sql<{ name_pinyin: string }>`select name_pinyin from accounts where id = ${colleague.id}`.execute(t.node.db.kysely)
    ).rows[0]!.name_pinyin;
    const [full, initials] = pinyin.split(' ');
    const byPinyin = (await t.request('GET', `/api/v1/address-book/people?q=${full}`, { as: clerk })).json().items as Card[];
    expect(byPinyin.map((c) => c.accountId)).toContain(colleague.id);
    const byInitials = (await t.request('GET', `/api/v1/address-book/people?q=${initials}&limit=100`, { as: clerk })).json()
      .items as Card[];
    expect(byInitials.map((c) => c.accountId)).toContain(colleague.id);

    const everyone = (await t.request('GET', `/api/v1/address-book/people?q=${encodeURIComponent('局')}&limit=100`, { as: clerk })).json()
      .items as Card[];
    expect(everyone.length).toBeGreaterThan(0);
    for (const card of everyone) {
      const ownCounty = card.regionCode.startsWith('330106');
      const above = ['330100', '330000'].includes(card.regionCode);
      expect(ownCounty || (above && card.publicContact), `${card.displayName} of ${card.orgName}`).toBe(true);
    }
  });

  it('refuses another county’s internal staff and a level above’s non-public staff, and audits the refusal', async () => {
    const otherCounty = await person('yuhang-wjj.staff1');
    expect(otherCounty.public_contact).toBe(false);
    const before = await given(t).refusals();
    const refused = await t.request('GET', `/api/v1/address-book/people/${otherCounty.id}`, { as: clerk });
    expect(refused.statusCode).toBe(403);
    expect(await given(t).refusals()).toBe(before + 1);
    const search = (
      await t.request('GET', `/api/v1/address-book/people?q=${encodeURIComponent(otherCounty.display_name)}`, { as: clerk })
    ).json().items as Card[];
    expect(search.map((c) => c.accountId)).not.toContain(otherCounty.id);

    const provinceStaff = await person('zj-gat.staff1');
    expect((await t.request('GET', `/api/v1/address-book/people/${provinceStaff.id}`, { as: clerk })).statusCode).toBe(403);
    const provinceContact = await person('zj-gat.orgadmin');
    expect(provinceContact.public_contact).toBe(true);
    const card = (await t.request('GET', `/api/v1/address-book/people/${provinceContact.id}`, { as: clerk })).json() as Card;
    expect(card).toMatchObject({ displayName: provinceContact.display_name, publicContact: true, phoneMasked: true });
    expect(card.phone).toMatch(/\*{4}/);

    // the province sees everyone
    const admin = await t.login('admin');
    expect((await t.request('GET', `/api/v1/address-book/people/${otherCounty.id}`, { as: admin })).statusCode).toBe(200);
    // citizens have no address book
    const citizen = await t.login('330382197811297469');
    expect((await t.request('GET', '/api/v1/address-book/tree', { as: citizen })).statusCode).toBe(403);
  });

  it('lists a department of a level above with its public contacts only', async () => {
    const gat = await given(t).orgId('zj-gat');
    const page = (await t.request('GET', `/api/v1/orgs/${gat}/address-book?limit=100`, { as: clerk })).json().items as {
      accountId: string;
    }[];
    expect(page.length).toBeGreaterThan(0);
    const publicIds = (
      await sql<{ id: string }>`select id from accounts where org_id = ${gat} and public_contact`.execute(t.node.db.kysely)
    ).rows.map((r) => r.id);
    expect(page.map((p) => p.accountId).sort()).toEqual(publicIds.sort());
    const yuhang = await given(t).orgId('yuhang-wjj');
    expect((await t.request('GET', `/api/v1/orgs/${yuhang}/address-book`, { as: clerk })).statusCode).toBe(403);
  });
});
