import { sql } from 'kysely';
import type { TestNode } from './test-node.ts';

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
    async refusals(): Promise<number> {
      await t.node.audit.flush();
      const row = await sql<{ n: string }>`select count(*) as n from audit_log where outcome = 'refused'`.execute(t.node.db.kysely);
      return Number(row.rows[0]!.n);
    },
  };
}
