import { LRUCache } from 'lru-cache';
import { sql } from 'kysely';
import { z } from 'zod';
import { ConflictError, newId, newSecret, NotFoundError, requirePermission, type Actor, type Database } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';

export const grantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

const redirectUri = z.url().refine((u) => /^https?:\/\//.test(u), 'sso.redirect_uri_scheme');

export const registerClientBody = z
  .strictObject({
    name: z.string().trim().min(2).max(100),
    /** The organisation the app acts for (its data grants); the registering admin's own by default. */
    orgId: z
      .string()
      .regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id')
      .optional(),
    redirectUris: z.array(redirectUri).max(10).default([]),
    postLogoutRedirectUris: z.array(redirectUri).max(10).default([]),
    grantTypes: z.array(z.enum(grantTypes)).min(1).max(3),
    public: z.boolean().default(false),
    /** Fixed id, when an outside system (e.g. GovStack) names its own. */
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{3,64}$/)
      .optional(),
    /** A public JWK: the client authenticates with private_key_jwt instead of a secret. */
    publicJwk: z.record(z.string(), z.unknown()).optional(),
    logoUri: z.url().optional(),
  })
  .refine((c) => !c.grantTypes.includes('authorization_code') || c.redirectUris.length > 0, {
    message: 'sso.redirect_uri_required',
    path: ['redirectUris'],
  })
  .refine((c) => !(c.public && c.grantTypes.includes('client_credentials')), {
    message: 'sso.public_client_credentials',
    path: ['grantTypes'],
  });
export type RegisterClientInput = z.infer<typeof registerClientBody>;

interface ClientRow {
  client_id: string;
  name: string;
  metadata: { redirect_uris?: string[]; grant_types?: string[]; token_endpoint_auth_method?: string; post_logout_redirect_uris?: string[] };
  created_at: string;
}

export interface ClientView {
  clientId: string;
  name: string;
  redirectUris: string[];
  grantTypes: string[];
  public: boolean;
  createdAt: string;
}

function toView(row: ClientRow): ClientView {
  return {
    clientId: row.client_id,
    name: row.name,
    redirectUris: row.metadata.redirect_uris ?? [],
    grantTypes: row.metadata.grant_types ?? [],
    public: row.metadata.token_endpoint_auth_method === 'none',
    createdAt: row.created_at,
  };
}

/** 应用接入: platform admins register the apps that log in through Zhili. */
export class ClientRegistry {
  private readonly db: Database;
  private readonly audit: AuditLog;

  private readonly findOrg: (orgId: string) => Promise<{ regionCode: string } | undefined>;

  constructor(
    db: Database,
    audit: AuditLog,
    findOrg: (orgId: string) => Promise<{ regionCode: string } | undefined> = async () => undefined,
  ) {
    this.findOrg = findOrg;
    this.db = db;
    this.audit = audit;
  }

  async list(actor: Actor): Promise<{ items: ClientView[]; nextCursor: null }> {
    requirePermission(actor, 'oidc_client.manage');
    const rows =
      await sql<ClientRow>`select client_id, name, metadata, created_at from oidc_clients where deleted_at is null order by created_at`.execute(
        this.db.kysely,
      );
    return { items: rows.rows.map(toView), nextCursor: null };
  }

  async register(actor: Actor, input: RegisterClientInput): Promise<{ client: ClientView; clientSecret: string | null }> {
    requirePermission(actor, 'oidc_client.manage');
    let ownerOrgId = actor.orgId;
    if (input.orgId) {
      const org = await this.findOrg(input.orgId);
      if (!org) throw new NotFoundError('identity.org_not_found', { orgId: input.orgId });
      requirePermission(actor, 'oidc_client.manage', { orgId: input.orgId, regionCode: org.regionCode });
      ownerOrgId = input.orgId;
    }
    const clientId = input.clientId ?? newId('app');
    const keyAuth = Boolean(input.publicJwk);
    const clientSecret = input.public || keyAuth ? null : newSecret();
    const responseTypes = input.grantTypes.includes('authorization_code') ? ['code'] : [];
    const metadata = {
      client_id: clientId,
      client_name: input.name,
      ...(clientSecret ? { client_secret: clientSecret } : {}),
      redirect_uris: input.redirectUris,
      post_logout_redirect_uris: input.postLogoutRedirectUris,
      grant_types: input.grantTypes,
      response_types: responseTypes,
      token_endpoint_auth_method: input.public ? 'none' : keyAuth ? 'private_key_jwt' : 'client_secret_basic',
      ...(keyAuth ? { jwks: { keys: [input.publicJwk] } } : {}),
      ...(input.logoUri ? { logo_uri: input.logoUri } : {}),
    };
    await this.db.kysely.transaction().execute(async (tx) => {
      const exists = await sql`select 1 from oidc_clients where client_id = ${clientId}`.execute(tx);
      if (exists.rows.length) throw new ConflictError('sso.client_exists', { clientId });
      await sql`insert into oidc_clients (client_id, name, metadata, owner_org_id, created_by)
        values (${clientId}, ${input.name}, ${JSON.stringify(metadata)}::jsonb, ${ownerOrgId}, ${actor.accountId})`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'oidc_client.register',
          targetType: 'oidc_client',
          targetId: clientId,
          details: { name: input.name, grantTypes: input.grantTypes, public: input.public },
        },
        tx,
      );
    });
    const view = await this.find(clientId);
    return { client: view!, clientSecret };
  }

  async update(
    actor: Actor,
    clientId: string,
    changes: { name?: string | undefined; redirectUris?: string[] | undefined },
  ): Promise<ClientView> {
    requirePermission(actor, 'oidc_client.manage');
    const existing = await this.find(clientId);
    if (!existing) throw new NotFoundError('sso.client_not_found', { clientId });
    await this.db.kysely.transaction().execute(async (tx) => {
      if (changes.name)
        await sql`update oidc_clients set name = ${changes.name}, metadata = jsonb_set(metadata, '{client_name}', to_jsonb(${changes.name}::text)) where client_id = ${clientId}`.execute(
          tx,
        );
      if (changes.redirectUris)
        await sql`update oidc_clients set metadata = jsonb_set(metadata, '{redirect_uris}', ${JSON.stringify(changes.redirectUris)}::jsonb) where client_id = ${clientId}`.execute(
          tx,
        );
      await this.audit.record(
        { actor, action: 'oidc_client.update', targetType: 'oidc_client', targetId: clientId, details: { ...changes } },
        tx,
      );
    });
    return (await this.find(clientId))!;
  }

  async remove(actor: Actor, clientId: string): Promise<void> {
    requirePermission(actor, 'oidc_client.manage');
    await this.db.kysely.transaction().execute(async (tx) => {
      const result = await sql`update oidc_clients set deleted_at = now() where client_id = ${clientId} and deleted_at is null`.execute(tx);
      if (!Number(result.numAffectedRows ?? 0)) throw new NotFoundError('sso.client_not_found', { clientId });
      // Its tokens die with it.
      await sql`delete from oidc_payloads where payload->>'clientId' = ${clientId}`.execute(tx);
      await this.audit.record({ actor, action: 'oidc_client.delete', targetType: 'oidc_client', targetId: clientId }, tx);
    });
    this.generation += 1; // cached tokens and owners of apps are looked up afresh
  }

  /**
   * Logging out everywhere, a password reset or a disabled account also ends what apps hold:
   * the person's OIDC sessions, grants, codes and tokens.
   */
  async revokeForAccount(accountId: string): Promise<number> {
    const result = await sql`delete from oidc_payloads where payload->>'accountId' = ${accountId}
      or grant_id in (select id from oidc_payloads where type = 'Grant' and payload->>'accountId' = ${accountId})`.execute(this.db.kysely);
    return Number(result.numAffectedRows ?? 0);
  }

  /** Housekeeping: drops expired codes, tokens, sessions and interactions. */
  async purgeExpired(): Promise<number> {
    const result = await sql`delete from oidc_payloads where expires_at < now() - interval '1 day'`.execute(this.db.kysely);
    return Number(result.numAffectedRows ?? 0);
  }

  async find(clientId: string): Promise<ClientView | undefined> {
    const rows =
      await sql<ClientRow>`select client_id, name, metadata, created_at from oidc_clients where client_id = ${clientId} and deleted_at is null`.execute(
        this.db.kysely,
      );
    return rows.rows[0] ? toView(rows.rows[0]) : undefined;
  }

  /** Every registered app with the organisation it acts for — names only, no secrets: for service directories (the GovStack IM). */
  async appsWithOrgs(): Promise<{ clientId: string; name: string; orgId: string }[]> {
    return (
      await sql<{ clientId: string; name: string; orgId: string }>`select client_id as "clientId", name, owner_org_id as "orgId"
        from oidc_clients where deleted_at is null and owner_org_id is not null order by created_at, client_id`.execute(this.db.kysely)
    ).rows;
  }

  /** The organisation an app acts for: its data grants are that organisation's. */
  /** Bumped whenever an app is removed: caches of app tokens and owners compare it. */
  generation = 0;
  private readonly owners = new LRUCache<string, { orgId: string | null; generation: number }>({ max: 10_000, ttl: 10_000 });

  /** The organisation an app acts for (remembered 10 s, forgotten when any app is removed). */
  async ownerOrg(clientId: string): Promise<string | null> {
    const known = this.owners.get(clientId);
    if (known && known.generation === this.generation) return known.orgId;
    const row = (
      await sql<{
        owner_org_id: string | null;
      }>`select owner_org_id from oidc_clients where client_id = ${clientId} and deleted_at is null`.execute(this.db.kysely)
    ).rows[0];
    const orgId = row?.owner_org_id ?? null;
    this.owners.set(clientId, { orgId, generation: this.generation });
    return orgId;
  }
}
