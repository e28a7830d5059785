// Staff of the demo province (浙政钉 address book): the named demo accounts the README
// lists, then two ordinary staff in every organisation so that each address book shows
// people. Deterministic: names and phone numbers come from a fixed seed.

import type { DemoOrganisation } from './organisations.ts';
import { demoCountyOrgPrefixes, demoOrganisationByKey, demoOrganisations } from './organisations.ts';
import type { Rng } from './people.ts';
import { generateChineseName, generateMobile, mulberry32 } from './people.ts';
import { demoCounties, demoRegionByCode } from './regions.ts';

export type DemoRole = 'platform_admin' | 'org_admin' | 'staff' | 'leader' | 'data_officer' | 'auditor';

export const demoRoles: readonly { role: DemoRole; zh: string; en: string }[] = [
  { role: 'platform_admin', zh: '平台管理员', en: 'Platform administrator' },
  { role: 'org_admin', zh: '单位管理员', en: 'Organisation administrator' },
  { role: 'staff', zh: '工作人员', en: 'Staff' },
  { role: 'leader', zh: '领导', en: 'Leader' },
  { role: 'data_officer', zh: '数据专员', en: 'Data officer' },
  { role: 'auditor', zh: '安全审计员', en: 'Auditor' },
];

/** Data-grade clearance: the highest grade (L1 public … L4 sensitive) the person may see. */
export type Clearance = 'L1' | 'L2' | 'L3' | 'L4';

export interface DemoStaff {
  /** ASCII login name, e.g. 'xihu.officer'. */
  username: string;
  displayName: string;
  orgKey: string;
  unitKey: string;
  /** 职务, e.g. 科长, 科员, 局长. */
  position: string;
  phone: string;
  roles: DemoRole[];
  clearance: Clearance;
}

interface NamedStaffSpec {
  username: string;
  displayName?: string;
  orgKey: string;
  /** Unit slug inside the organisation: 'bgs' means `<orgKey>.bgs`. */
  unit: string;
  position: string;
  roles: DemoRole[];
  clearance: Clearance;
}

const provinceAndCityStaff: readonly NamedStaffSpec[] = [
  {
    username: 'admin',
    displayName: '系统管理员',
    orgKey: 'zj-dsj',
    unit: 'jcss',
    position: '平台管理员',
    roles: ['platform_admin', 'auditor'],
    clearance: 'L4',
  },
  { username: 'dsj.director', orgKey: 'zj-dsj', unit: 'bgs', position: '局长', roles: ['leader'], clearance: 'L4' },
  { username: 'zj.leader', orgKey: 'zj-zf', unit: 'bgt', position: '副秘书长', roles: ['leader'], clearance: 'L4' },
  { username: 'zj.dataofficer', orgKey: 'zj-dsj', unit: 'sjzy', position: '处长', roles: ['data_officer'], clearance: 'L4' },
  { username: 'zj.auditor', orgKey: 'zj-dsj', unit: 'aqgl', position: '一级主任科员', roles: ['auditor'], clearance: 'L3' },
  { username: 'zj.orgadmin', orgKey: 'zj-dsj', unit: 'bgs', position: '办公室副主任', roles: ['org_admin'], clearance: 'L2' },
  { username: 'hz.leader', orgKey: 'hz-zf', unit: 'bgt', position: '副秘书长', roles: ['leader'], clearance: 'L3' },
  { username: 'hz.dataofficer', orgKey: 'hz-sjj', unit: 'sjzy', position: '处长', roles: ['data_officer'], clearance: 'L3' },
  { username: 'hz.staff', orgKey: 'hz-sjj', unit: 'sjzy', position: '科员', roles: ['staff'], clearance: 'L2' },
  // 证照管理: the administrators of the departments whose 一件事 results are e-certificates (they may revoke them)
  { username: 'xihu-wjj.orgadmin', orgKey: 'xihu-wjj', unit: 'bgs', position: '办公室主任', roles: ['org_admin'], clearance: 'L2' },
  { username: 'zj-gat.orgadmin', orgKey: 'zj-gat', unit: 'bgs', position: '办公室副主任', roles: ['org_admin'], clearance: 'L2' },
];

/** For each demo county: an officer, a leader, a data officer and an org admin. */
function countyStaffSpecs(countyCode: string): NamedStaffSpec[] {
  const p = demoCountyOrgPrefixes[countyCode];
  if (p === undefined) throw new Error(`demo county ${countyCode} has no organisations`);
  const countyName = demoRegionByCode.get(countyCode)?.name ?? '';
  const deputyHead = `副${countyName.slice(-1)}长`; // 副区长 / 副市长 / 副县长
  return [
    { username: `${p}.officer`, orgKey: `${p}-scjg`, unit: 'djzc', position: '科员', roles: ['staff'], clearance: 'L2' },
    { username: `${p}.leader`, orgKey: `${p}-zf`, unit: 'bgs', position: deputyHead, roles: ['leader'], clearance: 'L3' },
    { username: `${p}.dataofficer`, orgKey: `${p}-sjj`, unit: 'sjzy', position: '科长', roles: ['data_officer'], clearance: 'L3' },
    { username: `${p}.orgadmin`, orgKey: `${p}-zf`, unit: 'bgs', position: '办公室副主任', roles: ['org_admin'], clearance: 'L2' },
  ];
}

function ordinaryPositions(organisation: DemoOrganisation): readonly [string, string] {
  switch (organisation.kind) {
    case 'court':
      return ['庭长', '法官助理'];
    case 'procuratorate':
      return ['检察官', '检察官助理'];
    case 'public_institution':
      return ['部门主任', '工程师'];
    case 'township':
      return ['主任', '工作人员'];
    default:
      // Province and city bodies have 处; county bodies have 科.
      return organisation.regionCode.endsWith('00') ? ['处长', '一级主任科员'] : ['科长', '科员'];
  }
}

function buildStaff(seed: number): DemoStaff[] {
  const rng: Rng = mulberry32(seed ^ 0x5eed0003);
  const usedNames = new Set<string>();
  const usedPhones = new Set<string>();
  const uniqueName = (): string => {
    for (;;) {
      const name = generateChineseName(rng, rng() < 0.55 ? 'M' : 'F');
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const uniquePhone = (): string => {
    for (;;) {
      const phone = generateMobile(rng);
      if (!usedPhones.has(phone)) {
        usedPhones.add(phone);
        return phone;
      }
    }
  };

  const staff: DemoStaff[] = [];
  const namedSpecs = [...provinceAndCityStaff, ...demoCounties.flatMap(countyStaffSpecs)];
  for (const spec of namedSpecs) {
    const organisation = demoOrganisationByKey.get(spec.orgKey);
    if (organisation === undefined) throw new Error(`unknown organisation ${spec.orgKey}`);
    staff.push({
      username: spec.username,
      displayName: spec.displayName ?? uniqueName(),
      orgKey: spec.orgKey,
      unitKey: `${spec.orgKey}.${spec.unit}`,
      position: spec.position,
      phone: uniquePhone(),
      roles: spec.roles,
      clearance: spec.clearance,
    });
  }

  for (const organisation of demoOrganisations) {
    const positions = ordinaryPositions(organisation);
    positions.forEach((position, i) => {
      // Skip the first unit (usually 办公室) so people sit in the business units.
      const unit = organisation.units[(i + 1) % organisation.units.length];
      if (unit === undefined) throw new Error(`organisation ${organisation.key} has no units`);
      staff.push({
        username: `${organisation.key}.staff${i + 1}`,
        displayName: uniqueName(),
        orgKey: organisation.key,
        unitKey: unit.key,
        position,
        phone: uniquePhone(),
        roles: ['staff'],
        clearance: i === 0 ? 'L2' : 'L1',
      });
    });
  }
  return staff;
}

export const demoStaff: DemoStaff[] = buildStaff(2026);
