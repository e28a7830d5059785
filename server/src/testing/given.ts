import { sql } from 'kysely';
import type { Session, TestNode } from './test-node.ts';

/** Builders over the demo province: look things up by the names people use. */
export function given(t: TestNode) {
  return {
    async orgId(slug: string): Promise<string> {
      const row = await sql<{ id: string }>`select id from orgs where slug = ${slug}`.execute(t.node.db.kysely);
      if (!row.rows[0]) throw new Error(`no demo org ${slug}`);
      return row.rows[0].id;
    },
    async accountId(username: string): Promise<string> {
      const row = await sql<{ id: string }>`select id from accounts where username = ${username}`.execute(t.node.db.kysely);
      if (!row.rows[0]) throw new Error(`no demo account ${username}`);
      return row.rows[0].id;
    },
    /**
     * A fresh item (事项) under a fresh core business → module → unit of an organisation, made
     * through the API by that organisation's admin session; optionally with a process deployed.
     */
    async item(options: {
      as: Session;
      orgSlug: string;
      path: [core: string, module: string, unit: string, item: string];
      itemType?: 'service' | 'governance';
      bpmnXml?: string;
    }): Promise<string> {
      const orgId = await this.orgId(options.orgSlug);
      let parentId: string | null = null;
      const levels = ['core', 'module', 'unit', 'item'] as const;
      for (const [i, level] of levels.entries()) {
        const created = await t.request('POST', '/api/v1/model/nodes', {
          as: options.as,
          body: { orgId, parentId, level, name: options.path[i], ...(level === 'item' ? { itemType: options.itemType ?? 'service' } : {}) },
        });
        if (created.statusCode !== 201) throw new Error(`creating ${level} failed: ${created.body}`);
        parentId = created.json().id as string;
      }
      if (options.bpmnXml) {
        const deployed = await t.request('POST', `/api/v1/model/items/${parentId}/process-versions`, {
          as: options.as,
          body: { bpmnXml: options.bpmnXml },
        });
        if (deployed.statusCode !== 201) throw new Error(`deploying failed: ${deployed.body}`);
      }
      return parentId!;
    },
    /**
     * An app registered (by `admin`) for an organisation — slug or id — and its OAuth2
     * client-credentials access token from Zhili's own token endpoint.
     */
    async appToken(org: string, name = '业务系统'): Promise<string> {
      const admin = await t.login('admin');
      const orgId = org.startsWith('org_') ? org : await this.orgId(org);
      const registered = await t.request('POST', '/api/v1/oidc-clients', {
        as: admin,
        body: { name: `${name} ${orgId.slice(-6)}`, grantTypes: ['client_credentials'], orgId },
      });
      if (registered.statusCode !== 201) throw new Error(`registering an app failed: ${registered.body}`);
      const { client, clientSecret } = registered.json() as { client: { clientId: string }; clientSecret: string };
      const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
      const issued = await t.request('POST', '/oidc/token', {
        body: 'grant_type=client_credentials',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      });
      if (issued.statusCode !== 200) throw new Error(`no token: ${issued.body}`);
      return (issued.json() as { access_token: string }).access_token;
    },
    /** The username of an ordinary staff member (role 工作人员) of a demo organisation. */
    async staffOf(slug: string): Promise<string> {
      const row = await sql<{ username: string }>`select a.username from accounts a join orgs o on o.id = a.org_id
        join role_grants g on g.account_id = a.id where o.slug = ${slug} and g.role = 'staff' and a.status = 'active'
        order by a.username limit 1`.execute(t.node.db.kysely);
      if (!row.rows[0]) throw new Error(`no staff in demo org ${slug}`);
      return row.rows[0].username;
    },
    async refusals(): Promise<number> {
      await t.node.audit.flush();
      const row = await sql<{ n: string }>`select count(*) as n from audit_log where outcome = 'refused'`.execute(t.node.db.kysely);
      return Number(row.rows[0]!.n);
    },
  };
}
