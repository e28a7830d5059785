import type { RoleDefinition, RoleGrant, RoleGrantInput } from '../../shared/api-types';

/**
 * Role grants for the chosen role codes. A grant the account already holds is kept as it
 * is; a new one is scoped by its definition: an org-scoped role to the account's
 * organisation, a region-scoped role to that organisation's region, a platform role to nothing.
 */
export function grantsFor(
  roleCodes: string[],
  definitions: RoleDefinition[],
  scope: { orgId: string | null; regionCode: string | null },
  existing: RoleGrant[] = [],
): RoleGrantInput[] {
  return roleCodes.flatMap((code) => {
    const kept = existing.filter((grant) => grant.role === code);
    if (kept.length) return kept.map(toInput);
    const definition = definitions.find((d) => d.role === code);
    if (definition?.scope === 'org' && scope.orgId) return [{ role: code, orgId: scope.orgId }];
    if (definition?.scope === 'region' && scope.regionCode) return [{ role: code, regionCode: scope.regionCode }];
    return [{ role: code }];
  });
}

function toInput(grant: RoleGrant): RoleGrantInput {
  return {
    role: grant.role,
    ...(grant.orgId ? { orgId: grant.orgId } : {}),
    ...(grant.regionCode ? { regionCode: grant.regionCode } : {}),
  };
}

export const CLEARANCES = ['L1', 'L2', 'L3', 'L4'] as const;
