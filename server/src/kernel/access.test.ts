import { describe, expect, it } from 'vitest';
import { can, permissionScope, requirePermission } from './access.ts';
import { anonymousActor, type Actor, type RoleGrant } from './actor.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';

function actorWith(grants: RoleGrant[]): Actor {
  return {
    ...anonymousActor('127.0.0.1'),
    kind: 'staff',
    accountId: 'acc_x',
    grants,
    permissions: new Set(grants.flatMap((g) => g.permissions)),
  };
}

const countyOfficer = actorWith([{ role: 'staff', orgId: null, regionCode: '330106', permissions: ['org.read'] }]);
const provinceAdmin = actorWith([{ role: 'platform_admin', orgId: null, regionCode: '330000', permissions: ['org.read', 'org.manage'] }]);
const orgAdmin = actorWith([{ role: 'org_admin', orgId: 'org_a', regionCode: null, permissions: ['org.manage'] }]);

describe('access', () => {
  it('lets a county grant reach the county and its townships, not the next county', () => {
    expect(can(countyOfficer, 'org.read', { regionCode: '330106' })).toBe(true);
    expect(can(countyOfficer, 'org.read', { regionCode: '330106001' })).toBe(true);
    expect(can(countyOfficer, 'org.read', { regionCode: '330110' })).toBe(false);
    expect(can(countyOfficer, 'org.manage', { regionCode: '330106' })).toBe(false);
  });

  it('lets a province grant drill into every city and county', () => {
    expect(can(provinceAdmin, 'org.manage', { regionCode: '330212' })).toBe(true);
    expect(can(provinceAdmin, 'org.manage', { regionCode: '320100' })).toBe(false);
  });

  it('keeps an org grant to its own organisation', () => {
    expect(can(orgAdmin, 'org.manage', { orgId: 'org_a', regionCode: '330106' })).toBe(true);
    expect(can(orgAdmin, 'org.manage', { orgId: 'org_b', regionCode: '330106' })).toBe(false);
  });

  it('answers 401 to nobody and 403 to somebody', () => {
    expect(() => requirePermission(anonymousActor('::1'), 'org.read')).toThrow(UnauthenticatedError);
    expect(() => requirePermission(countyOfficer, 'audit.read')).toThrow(ForbiddenError);
  });

  it('reports where a permission holds, for filtering lists', () => {
    expect(permissionScope(provinceAdmin, 'org.read')).toEqual({ all: false, regionCodes: ['330000'], orgIds: [] });
    expect(permissionScope(orgAdmin, 'org.manage')).toEqual({ all: false, regionCodes: [], orgIds: ['org_a'] });
    expect(permissionScope(countyOfficer, 'audit.read')).toEqual({ all: false, regionCodes: [], orgIds: [] });
  });
});
