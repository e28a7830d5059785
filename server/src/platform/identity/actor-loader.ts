import { sql } from 'kysely';
import type { Actor, Executor, RoleGrant } from '../../kernel/index.ts';
import * as repo from './identity.repository.ts';
import { roleDefinitions, selfServicePermissions, type Role } from './roles.ts';

/** Builds the request's actor from an account: its grants, their permissions, its scope. */
export async function loadActor(db: Executor, account: repo.AccountRow, ip: string, sessionId: string | null): Promise<Actor> {
  const rows = await repo.grantsOf(db, account.id);
  const org = account.org_id ? await repo.findOrg(db, account.org_id) : undefined;
  return buildActor(account, org?.region_code, rows, ip, sessionId);
}

/** The actor of a session: session, account, organisation and grants in one round trip (every request asks this). */
export async function loadSessionActor(db: Executor, tokenHash: string, ip: string) {
  const row = (
    await sql<
      repo.AccountRow & {
        session_id: string;
        csrf_token: string;
        org_region_code: string | null;
        grants: Pick<repo.GrantRow, 'role' | 'org_id' | 'region_code'>[];
      }
    >`select a.*, s.id as session_id, s.csrf_token, o.region_code as org_region_code,
        coalesce((select json_agg(json_build_object('role', g.role, 'org_id', g.org_id, 'region_code', g.region_code) order by g.created_at)
          from role_grants g where g.account_id = a.id), '[]'::json) as grants
      from sessions s join accounts a on a.id = s.account_id left join orgs o on o.id = a.org_id
      where s.token_hash = ${tokenHash} and s.ended_at is null and s.expires_at > now() and a.status = 'active'`.execute(db)
  ).rows[0];
  if (!row) return undefined;
  const { session_id: sessionId, csrf_token: csrfToken, org_region_code: orgRegion, grants, ...account } = row;
  return { actor: buildActor(account as repo.AccountRow, orgRegion ?? undefined, grants, ip, sessionId), csrfToken };
}

function buildActor(
  account: repo.AccountRow,
  orgRegionCode: string | undefined,
  rows: Pick<repo.GrantRow, 'role' | 'org_id' | 'region_code'>[],
  ip: string,
  sessionId: string | null,
): Actor {
  const org = orgRegionCode ? { region_code: orgRegionCode } : undefined;
  const grants: RoleGrant[] = rows.map((g) => ({
    role: g.role,
    orgId: g.org_id,
    regionCode: g.region_code,
    permissions: roleDefinitions[g.role as Role]?.permissions ?? [],
  }));
  if (account.kind === 'staff' && org) {
    // Every civil servant may use the Workbench and the address book of their region.
    grants.push({ role: 'staff', orgId: null, regionCode: org.region_code, permissions: roleDefinitions.staff.permissions });
  } else if (account.kind !== 'staff') {
    grants.push({ role: account.kind, orgId: null, regionCode: null, permissions: selfServicePermissions });
  }
  const permissions = new Set(grants.flatMap((g) => g.permissions));
  return {
    kind: account.kind,
    accountId: account.id,
    clientId: null,
    displayName: account.display_name,
    orgId: account.org_id,
    regionCode: org?.region_code ?? account.region_code,
    grants,
    permissions,
    clearance: account.clearance,
    sessionId,
    ip,
  };
}

/** Which front end a person lands on after logging in. */
export function homeOf(actor: Actor): 'portal' | 'workbench' | 'console' {
  if (actor.kind !== 'staff') return 'portal';
  // Administrators and auditors live in the Console; a data officer uses it for the catalog
  // but works the day's tasks in the Workbench.
  const administers = ['org.manage', 'account.manage', 'audit.read', 'oidc_client.manage'].some((p) => actor.permissions.has(p));
  return actor.permissions.has('console.use') && administers ? 'console' : 'workbench';
}
