import { describe, it, expect } from 'vitest';
import { orgKinds, validateResidentId, validateUscc } from '../../platform/identity/index.ts';
import {
  demoCounties,
  demoOrganisationByKey,
  demoOrganisations,
  demoRegionByCode,
  demoRegionFullName,
  demoRegions,
  demoRoles,
  demoStaff,
  demoTownships,
  generateCitizens,
  generateEnterprises,
} from './index.ts';
import type { DemoRole } from './index.ts';

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('demo regions (GB/T 2260)', () => {
  it('has one province, 11 cities, at least 85 county-level divisions and the demo townships', () => {
    const byLevel = countBy(demoRegions, (r) => r.level);
    expect(byLevel).toMatchObject({ province: 1, city: 11 });
    expect(byLevel['county']).toBeGreaterThanOrEqual(85);
    expect(byLevel['township']).toBe(demoTownships.length);
  });

  it('has unique codes and names within a parent', () => {
    expect(new Set(demoRegions.map((r) => r.code)).size).toBe(demoRegions.length);
    const namesInParent = demoRegions.map((r) => `${r.parentCode ?? ''}/${r.name}`);
    expect(new Set(namesInParent).size).toBe(demoRegions.length);
  });

  it('gives every region a code of the right shape whose prefix is its parent', () => {
    for (const region of demoRegions) {
      const parent = region.parentCode === null ? undefined : demoRegionByCode.get(region.parentCode);
      switch (region.level) {
        case 'province':
          expect(region.code).toMatch(/^\d{2}0000$/);
          expect(region.parentCode).toBeNull();
          break;
        case 'city':
          expect(region.code).toMatch(/^\d{4}00$/);
          expect(parent?.level).toBe('province');
          expect(region.code.slice(0, 2)).toBe(region.parentCode?.slice(0, 2));
          break;
        case 'county':
          expect(region.code).toMatch(/^\d{6}$/);
          expect(region.code.endsWith('00')).toBe(false);
          expect(parent?.level).toBe('city');
          expect(region.code.slice(0, 4)).toBe(region.parentCode?.slice(0, 4));
          break;
        case 'township':
          expect(region.code).toMatch(/^\d{9}$/);
          expect(parent?.level).toBe('county');
          expect(region.code.slice(0, 6)).toBe(region.parentCode);
          break;
      }
    }
  });

  it('uses the codes in force after the 2021 Hangzhou reorganisation', () => {
    const hangzhou = demoRegions.filter((r) => r.parentCode === '330100').map((r) => `${r.code} ${r.name}`);
    expect(hangzhou).toEqual([
      '330102 上城区',
      '330105 拱墅区',
      '330106 西湖区',
      '330108 滨江区',
      '330109 萧山区',
      '330110 余杭区',
      '330111 富阳区',
      '330112 临安区',
      '330113 临平区',
      '330114 钱塘区',
      '330122 桐庐县',
      '330127 淳安县',
      '330182 建德市',
    ]);
    expect(demoRegionByCode.has('330103')).toBe(false); // 下城区, merged into 拱墅区
    expect(demoRegionByCode.has('330104')).toBe(false); // 江干区, split up
  });

  it('names the eleven cities with their codes', () => {
    const cities = demoRegions.filter((r) => r.level === 'city').map((r) => `${r.code} ${r.name}`);
    expect(cities).toEqual([
      '330100 杭州市',
      '330200 宁波市',
      '330300 温州市',
      '330400 嘉兴市',
      '330500 湖州市',
      '330600 绍兴市',
      '330700 金华市',
      '330800 衢州市',
      '330900 舟山市',
      '331000 台州市',
      '331100 丽水市',
    ]);
  });

  it('gives each demo county 3–5 townships', () => {
    expect(demoCounties).toEqual(['330106', '330110', '330212', '330382', '330784']);
    for (const county of demoCounties) {
      expect(demoRegionByCode.get(county)?.level).toBe('county');
      const townships = demoTownships.filter((t) => t.parentCode === county);
      expect(townships.length).toBeGreaterThanOrEqual(3);
      expect(townships.length).toBeLessThanOrEqual(5);
    }
  });

  it('spells a full name from the province down', () => {
    expect(demoRegionFullName('330106002')).toBe('浙江省杭州市西湖区北山街道');
    expect(demoRegionFullName('330382')).toBe('浙江省温州市乐清市');
  });
});

describe('demo organisations', () => {
  it('has about 60 organisations with unique keys', () => {
    expect(demoOrganisations.length).toBeGreaterThanOrEqual(55);
    expect(demoOrganisations.length).toBeLessThanOrEqual(80);
    expect(demoOrganisationByKey.size).toBe(demoOrganisations.length);
    for (const organisation of demoOrganisations) {
      expect(organisation.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('places every organisation in an existing region and under an existing superior', () => {
    for (const organisation of demoOrganisations) {
      expect(demoRegionByCode.has(organisation.regionCode), organisation.key).toBe(true);
      if (organisation.parentKey !== null) {
        expect(demoOrganisationByKey.has(organisation.parentKey), organisation.key).toBe(true);
        expect(organisation.parentKey).not.toBe(organisation.key);
      }
    }
  });

  it('gives every organisation 2–5 internal units with unique keys and existing parents', () => {
    const allUnitKeys = demoOrganisations.flatMap((o) => o.units.map((u) => u.key));
    expect(new Set(allUnitKeys).size).toBe(allUnitKeys.length);
    for (const organisation of demoOrganisations) {
      expect(organisation.units.length, organisation.key).toBeGreaterThanOrEqual(2);
      expect(organisation.units.length, organisation.key).toBeLessThanOrEqual(5);
      const keys = new Set(organisation.units.map((u) => u.key));
      for (const unit of organisation.units) {
        if (unit.parentKey !== undefined) expect(keys.has(unit.parentKey), unit.key).toBe(true);
      }
    }
  });

  it('covers every kind of organisation the platform knows (P1.2)', () => {
    const kinds = new Set(demoOrganisations.map((o) => o.kind));
    for (const { kind } of orgKinds) expect(kinds.has(kind), kind).toBe(true);
  });

  it('includes the platform operator and the organisations at every level', () => {
    expect(demoOrganisationByKey.get('zj-dsj')).toMatchObject({
      name: '浙江省大数据发展管理局',
      regionCode: '330000',
    });
    const levels = countBy(demoOrganisations, (o) => demoRegionByCode.get(o.regionCode)?.level ?? '?');
    expect(Object.keys(levels).sort()).toEqual(['city', 'county', 'province', 'township']);
  });

  it('gives each demo county a government, data bureau, market regulator, health bureau, civil affairs bureau and court', () => {
    for (const county of demoCounties) {
      const inCounty = demoOrganisations.filter((o) => o.regionCode === county);
      const names = inCounty.map((o) => o.name);
      for (const suffix of ['人民政府', '数据资源管理局', '市场监督管理局', '卫生健康局', '民政局', '人民法院']) {
        expect(
          names.some((n) => n.endsWith(suffix)),
          `${county} ${suffix}`,
        ).toBe(true);
      }
    }
  });

  it('puts township organisations in townships', () => {
    for (const organisation of demoOrganisations.filter((o) => o.kind === 'township')) {
      expect(demoRegionByCode.get(organisation.regionCode)?.level).toBe('township');
    }
  });
});

describe('demo staff', () => {
  it('has about 150 people with unique ASCII usernames and unique phones', () => {
    expect(demoStaff.length).toBeGreaterThanOrEqual(120);
    expect(new Set(demoStaff.map((s) => s.username)).size).toBe(demoStaff.length);
    expect(new Set(demoStaff.map((s) => s.phone)).size).toBe(demoStaff.length);
    for (const person of demoStaff) {
      expect(person.username).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
      expect(person.phone).toMatch(/^1[358]\d{9}$/);
      expect(person.roles.length).toBeGreaterThan(0);
      expect(person.displayName).not.toBe('');
      expect(person.position).not.toBe('');
    }
  });

  it('puts every person in an existing organisation and one of its units', () => {
    for (const person of demoStaff) {
      const organisation = demoOrganisationByKey.get(person.orgKey);
      expect(organisation, person.username).toBeDefined();
      expect(
        organisation?.units.some((u) => u.key === person.unitKey),
        person.username,
      ).toBe(true);
    }
  });

  it('shows people in every organisation address book', () => {
    for (const organisation of demoOrganisations) {
      expect(demoStaff.filter((s) => s.orgKey === organisation.key).length, organisation.key).toBeGreaterThanOrEqual(2);
    }
  });

  it('has the platform administrator at the platform operator with L4 clearance', () => {
    expect(demoStaff.find((s) => s.username === 'admin')).toMatchObject({
      orgKey: 'zj-dsj',
      roles: ['platform_admin', 'auditor'],
      clearance: 'L4',
    });
  });

  it('has a province leader, a province data officer and Hangzhou city staff', () => {
    const atProvince = (role: DemoRole) =>
      demoStaff.some((s) => s.roles.includes(role) && demoOrganisationByKey.get(s.orgKey)?.regionCode === '330000');
    expect(atProvince('leader')).toBe(true);
    expect(atProvince('data_officer')).toBe(true);
    expect(demoStaff.some((s) => s.roles.includes('staff') && demoOrganisationByKey.get(s.orgKey)?.regionCode === '330100')).toBe(true);
  });

  it('has an officer, a leader, a data officer and an org admin in every demo county', () => {
    for (const county of demoCounties) {
      const inCounty = demoStaff.filter((s) => demoOrganisationByKey.get(s.orgKey)?.regionCode === county);
      const holds = (role: DemoRole, clearance?: string) =>
        inCounty.some((s) => s.roles.includes(role) && (clearance === undefined || s.clearance === clearance));
      expect(holds('staff', 'L2'), `${county} officer`).toBe(true);
      expect(holds('leader', 'L3'), `${county} leader`).toBe(true);
      expect(holds('data_officer', 'L3'), `${county} data officer`).toBe(true);
      expect(holds('org_admin'), `${county} org admin`).toBe(true);
    }
    expect(demoStaff.map((s) => s.username)).toEqual(
      expect.arrayContaining(['xihu.officer', 'xihu.leader', 'xihu.dataofficer', 'xihu.orgadmin']),
    );
  });

  it('uses every role', () => {
    const used = new Set(demoStaff.flatMap((s) => s.roles));
    for (const { role } of demoRoles) expect(used.has(role), role).toBe(true);
  });
});

describe('generated citizens', () => {
  const citizens = generateCitizens();

  it('generates 1000 by default, with valid, unique 身份证号 from demo counties', () => {
    expect(citizens).toHaveLength(1000);
    expect(new Set(citizens.map((c) => c.idNumber)).size).toBe(1000);
    expect(new Set(citizens.map((c) => c.phone)).size).toBe(1000);
    for (const citizen of citizens) {
      const result = validateResidentId(citizen.idNumber);
      expect(result, citizen.idNumber).toMatchObject({ ok: true, sex: citizen.sex, birthDate: citizen.birthDate });
      expect(demoCounties).toContain(citizen.idNumber.slice(0, 6));
      expect(citizen.regionCode.startsWith(citizen.idNumber.slice(0, 6))).toBe(true);
      expect(demoRegionByCode.has(citizen.regionCode)).toBe(true);
      expect(citizen.birthDate >= '1940-01-01' && citizen.birthDate <= '2024-12-31').toBe(true);
      expect(citizen.phone).toMatch(/^1[358]\d{9}$/);
      expect(citizen.name).toMatch(/^\p{Script=Han}{2,3}$/u);
    }
  });

  it('is deterministic: the same seed gives the same people, another seed others', () => {
    expect(generateCitizens(50, 7)).toEqual(generateCitizens(50, 7));
    expect(generateCitizens(50, 7)).not.toEqual(generateCitizens(50, 8));
    expect(generateCitizens(10)).toEqual(citizens.slice(0, 10));
  });

  it('mixes sexes, ages and counties', () => {
    const bySex = countBy(citizens, (c) => c.sex);
    expect(bySex['M']).toBeGreaterThan(400);
    expect(bySex['F']).toBeGreaterThan(400);
    expect(new Set(citizens.map((c) => c.idNumber.slice(0, 6))).size).toBe(demoCounties.length);
    expect(citizens.some((c) => c.regionCode.length === 9)).toBe(true);
  });
});

describe('generated enterprises', () => {
  const enterprises = generateEnterprises();

  it('generates 300 by default, with valid, unique 统一社会信用代码 and names', () => {
    expect(enterprises).toHaveLength(300);
    expect(new Set(enterprises.map((e) => e.uscc)).size).toBe(300);
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(300);
    for (const enterprise of enterprises) {
      expect(validateUscc(enterprise.uscc), enterprise.uscc).toMatchObject({
        ok: true,
        regionCode: enterprise.regionCode,
      });
      expect(enterprise.uscc.startsWith('91')).toBe(true);
      expect(demoCounties).toContain(enterprise.regionCode);
      expect(enterprise.name.endsWith('有限公司')).toBe(true);
      expect(enterprise.registeredCapitalWan).toBeGreaterThan(0);
      expect(enterprise.legalRepresentative).toMatch(/^\p{Script=Han}{2,3}$/u);
      expect(enterprise.industry).not.toBe('');
    }
  });

  it('is deterministic: the same seed gives the same firms, another seed others', () => {
    expect(generateEnterprises(30, 7)).toEqual(generateEnterprises(30, 7));
    expect(generateEnterprises(30, 7)).not.toEqual(generateEnterprises(30, 8));
  });
});
