import type { Database } from '../../kernel/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import { hashPassword, type IdentityStore, type AccountImport } from '../../platform/identity/index.ts';
import { demoOrganisations } from './organisations.ts';
import { generateCitizens, generateEnterprises } from './people.ts';
import { demoRegions } from './regions.ts';
import { demoStaff } from './staff.ts';

/** Every demo account's password (the README lists the accounts). */
export const demoPassword = 'Zhili@2026';

export interface DemoSummary {
  regions: number;
  organisations: number;
  staff: number;
  citizens: number;
  enterprises: number;
}

/**
 * Installs the demo province on an empty node, in one transaction: a crash half-way leaves
 * nothing, and the next start installs it again.
 */
export async function installDemoProvince(
  db: Database,
  identity: IdentityStore,
  audit: AuditLog,
  onProgress: (line: string) => void = () => {},
): Promise<DemoSummary> {
  // One hash for every demo account: argon2 on 1,473 accounts would take a minute.
  const passwordHash = await hashPassword(demoPassword);
  const citizens = generateCitizens();
  const enterprises = generateEnterprises();
  const orgRegion = new Map(demoOrganisations.map((o) => [o.key, o.regionCode]));

  await db.kysely.transaction().execute(async (tx) => {
    onProgress(`regions ${demoRegions.length}`);
    await identity.importRegions(tx, demoRegions);
    onProgress(`organisations ${demoOrganisations.length}`);
    const ids = await identity.importOrgs(
      tx,
      demoOrganisations.map((o) => ({
        slug: o.key,
        name: o.name,
        kind: o.kind,
        regionCode: o.regionCode,
        parentSlug: o.parentKey,
        units: o.units.map((u) => ({ slug: u.key, name: u.name, parentSlug: u.parentKey })),
      })),
    );
    const accounts: AccountImport[] = [
      ...demoStaff.map((s) => ({
        kind: 'staff' as const,
        username: s.username,
        displayName: s.displayName,
        phone: s.phone,
        orgSlug: s.orgKey,
        unitSlug: s.unitKey,
        position: s.position,
        clearance: s.clearance,
        roles: s.roles,
        // 办公室 and leaders are the public contacts of every department
        publicContact: s.unitKey.endsWith('bgs') || s.roles.includes('leader'),
        passwordHash,
      })),
      ...citizens.map((c) => ({
        kind: 'citizen' as const,
        username: c.idNumber,
        idNumber: c.idNumber,
        displayName: c.name,
        phone: c.phone,
        regionCode: c.regionCode,
        passwordHash,
      })),
      ...enterprises.map((e) => ({
        kind: 'enterprise' as const,
        username: e.uscc,
        idNumber: e.uscc,
        displayName: e.name,
        regionCode: e.regionCode,
        passwordHash,
      })),
    ];
    onProgress(`accounts ${accounts.length}`);
    await identity.importAccounts(tx, accounts, ids, orgRegion);
    await audit.record(
      {
        actor: { kind: 'app', accountId: null, clientId: 'zhili-cli', displayName: 'zhili seed', ip: '', orgId: null, regionCode: null },
        action: 'pack.install',
        targetType: 'pack',
        targetId: 'demo-province',
        details: {
          regions: demoRegions.length,
          organisations: demoOrganisations.length,
          staff: demoStaff.length,
          citizens: citizens.length,
          enterprises: enterprises.length,
        },
      },
      tx,
    );
  });
  return {
    regions: demoRegions.length,
    organisations: demoOrganisations.length,
    staff: demoStaff.length,
    citizens: citizens.length,
    enterprises: enterprises.length,
  };
}

/** A few accounts for the README, the start-up banner and the tests. */
export function demoAccounts() {
  const citizen = generateCitizens()[0]!;
  const enterprise = generateEnterprises()[0]!;
  return [
    { role: '平台管理员 platform admin (Console)', username: 'admin' },
    { role: '区县工作人员 county staff (Workbench)', username: 'xihu.officer' },
    { role: '区县领导 county leader', username: 'xihu.leader' },
    { role: '单位管理员 org admin', username: 'xihu.orgadmin' },
    { role: '审计员 auditor', username: 'zj.auditor' },
    { role: `群众 citizen ${citizen.name} (Portal)`, username: citizen.idNumber },
    { role: `企业 enterprise ${enterprise.name} (Portal)`, username: enterprise.uscc },
  ];
}
