import type { Actor, RoleGrant } from './actor.ts';
import { regionCovers } from './actor.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

export interface AccessTarget {
  orgId?: string | null;
  regionCode?: string | null;
}

function grantsWith(actor: Actor, permission: string): RoleGrant[] {
  return actor.grants.filter((g) => g.permissions.includes(permission));
}

function grantCovers(grant: RoleGrant, target: AccessTarget): boolean {
  if (grant.orgId === null && grant.regionCode === null) return true; // platform-wide
  if (grant.orgId && target.orgId && grant.orgId === target.orgId) return true;
  if (grant.regionCode && target.regionCode && regionCovers(grant.regionCode, target.regionCode)) return true;
  return false;
}

/**
 * Whether the actor holds `permission` over the target. A county grant covers the county
 * and below; a province grant may drill into everything; an org grant covers that org.
 * Without a target it asks whether the permission is held anywhere.
 */
export function can(actor: Actor, permission: string, target?: AccessTarget): boolean {
  const grants = grantsWith(actor, permission);
  if (!target) return grants.length > 0;
  return grants.some((g) => grantCovers(g, target));
}

export function requirePermission(actor: Actor, permission: string, target?: AccessTarget): void {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  if (!can(actor, permission, target)) {
    throw new ForbiddenError('access.forbidden', { permission, ...(target ? { target } : {}) });
  }
}

/**
 * Where a permission holds, for filtering lists: 'all', or the region prefixes and org ids
 * the actor's grants reach. An empty scope means none — the caller answers 403.
 */
export interface PermissionScope {
  all: boolean;
  regionCodes: string[];
  orgIds: string[];
}

export function permissionScope(actor: Actor, permission: string): PermissionScope {
  const grants = grantsWith(actor, permission);
  return {
    all: grants.some((g) => g.orgId === null && g.regionCode === null),
    regionCodes: grants.flatMap((g) => (g.regionCode ? [g.regionCode] : [])),
    orgIds: grants.flatMap((g) => (g.orgId ? [g.orgId] : [])),
  };
}

export function requireScope(actor: Actor, permission: string): PermissionScope {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  const scope = permissionScope(actor, permission);
  if (!scope.all && scope.regionCodes.length === 0 && scope.orgIds.length === 0) {
    throw new ForbiddenError('access.forbidden', { permission });
  }
  return scope;
}
