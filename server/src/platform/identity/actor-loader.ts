import type { Actor, Executor, RoleGrant } from '../../kernel/index.ts';
import * as repo from './identity.repository.ts';
import { roleDefinitions, selfServicePermissions, type Role } from './roles.ts';

/** Builds the request's actor from an account: its grants, their permissions, its scope. */
export async function loadActor(db: Executor, account: repo.AccountRow, ip: string, sessionId: string | null): Promise<Actor> {
  const rows = await repo.grantsOf(db, account.id);
  const org = account.org_id ? await repo.findOrg(db, account.org_id) : undefined;
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
  return actor.permissions.has('console.use') ? 'console' : 'workbench';
}
