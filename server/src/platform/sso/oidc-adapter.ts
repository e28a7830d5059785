import { sql } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../kernel/index.ts';

interface ClientRecord {
  metadata: AdapterPayload;
}

/** oidc-provider's storage on PostgreSQL / PGlite: one table for every model it keeps. */
export function createOidcAdapter(db: Database) {
  return class PostgresOidcAdapter implements Adapter {
    readonly model: string;

    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are registered through the Console, not the provider');
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000).toISOString() : null;
      await sql`insert into oidc_payloads (id, type, payload, grant_id, user_code, uid, expires_at)
        values (${id}, ${this.model}, ${JSON.stringify(payload)}::jsonb, ${payload.grantId ?? null}, ${payload.userCode ?? null}, ${payload.uid ?? null}, ${expiresAt})
        on conflict (type, id) do update set payload = excluded.payload, grant_id = excluded.grant_id,
          user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`.execute(db.kysely);
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const row = await sql<ClientRecord>`select metadata from oidc_clients where client_id = ${id} and deleted_at is null`.execute(
          db.kysely,
        );
        return row.rows[0]?.metadata;
      }
      return this.findWhere(sql`id = ${id}`);
    }

    findByUid(uid: string) {
      return this.findWhere(sql`uid = ${uid}`);
    }

    findByUserCode(userCode: string) {
      return this.findWhere(sql`user_code = ${userCode}`);
    }

    private async findWhere(condition: ReturnType<typeof sql>): Promise<AdapterPayload | undefined> {
      const row = await sql<{ payload: AdapterPayload; consumed_at: string | null }>`
        select payload, consumed_at from oidc_payloads
        where type = ${this.model} and ${condition} and (expires_at is null or expires_at > now())`.execute(db.kysely);
      const found = row.rows[0];
      if (!found) return undefined;
      return found.consumed_at ? { ...found.payload, consumed: Math.floor(Date.parse(found.consumed_at) / 1000) } : found.payload;
    }

    async consume(id: string): Promise<void> {
      await sql`update oidc_payloads set consumed_at = now() where type = ${this.model} and id = ${id}`.execute(db.kysely);
    }

    async destroy(id: string): Promise<void> {
      await sql`delete from oidc_payloads where type = ${this.model} and id = ${id}`.execute(db.kysely);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await sql`delete from oidc_payloads where grant_id = ${grantId}`.execute(db.kysely);
    }
  };
}
