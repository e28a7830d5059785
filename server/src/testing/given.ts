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
    async refusals(): Promise<number> {
      await t.node.audit.flush();
      const row = await sql<{ n: string }>`select count(*) as n from audit_log where outcome = 'refused'`.execute(t.node.db.kysely);
      return Number(row.rows[0]!.n);
    },
  };
}
