import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serviceGuideBody, serviceThemes } from '../../systems/one-stop/index.ts';
import { demoResources } from './catalog.ts';
import { demoOrganisationByKey } from './organisations.ts';
import { demoServiceGuides } from './service-guides.ts';

const codes = demoServiceGuides.map((g) => g.code);

/** 一件事: the services each bundle joins, by 事项编码. */
const oneThingBundles: Record<string, readonly string[]> = {
  出生一件事: [
    '330106-WJ-GG-001', // 出生医学证明首次签发
    '330106-WJ-GG-002', // 预防接种证办理
    '330106-WJ-GG-003', // 生育登记
    '330000-GA-QR-001', // 出生登记
    '330000-YB-GG-001', // 城乡居民基本医疗保险参保登记
    '330000-RS-GG-001', // 社会保障卡申领
    '330000-YB-JF-001', // 生育医疗费用报销
    '330000-YB-JF-002', // 生育津贴申领
  ],
  企业开办一件事: [
    '330106-SC-XK-002', // 企业设立登记
    '330000-GA-BA-001', // 公章刻制备案
    '330000-SW-QT-001', // 发票领用（票种核定）
    '330000-RS-GG-003', // 单位参保登记
    '330000-YB-GG-004', // 单位医疗保险参保登记
    '330000-ZJ-GG-001', // 住房公积金单位缴存登记
  ],
  退休一件事: [
    '330000-RS-QR-001', // 职工正常退休（职）申请
    '330000-RS-JF-001', // 职工基本养老金申领
    '330000-YB-GG-002', // 退休人员医保待遇变更
    '330000-ZJ-GG-003', // 住房公积金提取（离休、退休）
  ],
  身后一件事: [
    '330106-WJ-GG-004', // 死亡医学证明（推断）书签发
    '330000-GA-QR-002', // 死亡登记（户口注销）
    '330000-RS-JF-004', // 丧葬补助金、抚恤金申领
    '330000-RS-JF-005', // 基本养老保险个人账户一次性待遇申领（继承）
    '330000-ZJ-GG-004', // 住房公积金提取（职工死亡或被宣告死亡）
    '330106-MZ-JF-002', // 基本殡葬服务费用减免
    '330000-ZR-QR-002', // 不动产转移登记（继承、受遗赠）
  ],
};

const levelOfKind = (kind: string, regionCode: string) =>
  kind === 'township' || regionCode.length === 9
    ? 'township'
    : regionCode.endsWith('0000')
      ? 'province'
      : regionCode.endsWith('00')
        ? 'city'
        : 'county';

describe('the demo province’s service guides (办事指南)', () => {
  it('number at least 64, handled by at least 14 organisations', () => {
    expect(demoServiceGuides.length).toBeGreaterThanOrEqual(64);
    expect(new Set(demoServiceGuides.map((g) => g.org)).size).toBeGreaterThanOrEqual(14);
  });

  it('have unique 事项编码 of the form <区划>-<部门>-<类型>-<序号>', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^33\d{4}-[A-Z]{2}-(XK|QR|JF|CJ|JL|BA|QT|GG)-\d{3}$/);
  });

  it('name demo organisations as handlers, at the level the organisation sits', () => {
    for (const guide of demoServiceGuides) {
      const org = demoOrganisationByKey.get(guide.org);
      expect(org, `${guide.code} ${guide.org}`).toBeDefined();
      expect(guide.level, guide.code).toBe(levelOfKind(org!.kind, org!.regionCode));
      expect(guide.code.slice(0, 6), guide.code).toBe(org!.regionCode);
    }
  });

  it('promise no more working days than the law allows', () => {
    for (const guide of demoServiceGuides) expect(guide.promisedDays, guide.code).toBeLessThanOrEqual(guide.statutoryDays);
  });

  it('mark 免提交 materials with a demo catalog resource and, where named, one of its fields', () => {
    const fieldsByCode = new Map(demoResources.map((r) => [r.code, new Set(r.fields.map((f) => f.name))]));
    const shared = demoServiceGuides.flatMap((g) => g.materials.flatMap((m) => (m.sharedFrom ? [{ code: g.code, ...m.sharedFrom }] : [])));
    expect(shared.length).toBeGreaterThan(0);
    for (const { code, resource, field } of shared) {
      const fields = fieldsByCode.get(resource);
      expect(fields, `${code} → ${resource}`).toBeDefined();
      if (field !== undefined) expect(fields!.has(field), `${code} → ${resource}.${field}`).toBe(true);
    }
  });

  it('each sit under a Portal theme', () => {
    for (const guide of demoServiceGuides) expect(serviceThemes, guide.code).toContain(guide.theme);
  });

  it('are accepted by the API’s guide schema', () => {
    for (const { org: _org, ...guide } of demoServiceGuides) {
      const parsed = serviceGuideBody.safeParse({ ...guide, orgId: 'org_0123456789abcdefghijklmnop' });
      expect(parsed.error?.issues, guide.code).toBeUndefined();
    }
  });

  it('cover every part of the 出生, 企业开办, 退休 and 身后 一件事, each with a material shared data stands in for', () => {
    const byCode = new Map(demoServiceGuides.map((g) => [g.code, g]));
    for (const [bundle, parts] of Object.entries(oneThingBundles)) {
      for (const code of parts) {
        const guide = byCode.get(code);
        expect(guide, `${bundle}: ${code}`).toBeDefined();
        expect(
          guide!.materials.some((m) => m.sharedFrom),
          `${bundle}: ${guide!.name}`,
        ).toBe(true);
      }
    }
  });

  it('include 西湖区市场监管局’s 食品经营许可（新办）, the workflow demo’s item', () => {
    expect(demoServiceGuides.find((g) => g.name === '食品经营许可（新办）')).toMatchObject({
      org: 'xihu-scjg',
      level: 'county',
      type: '行政许可',
    });
  });

  it('are what the search benchmark’s queries expect (bench/search/queries.json)', () => {
    const queries = JSON.parse(readFileSync(new URL('../../../../bench/search/queries.json', import.meta.url), 'utf8')) as {
      query: string;
      expected: string[];
    }[];
    expect(queries.length).toBeGreaterThanOrEqual(120);
    expect(new Set(queries.map((q) => q.query)).size).toBe(queries.length);
    const known = new Set(codes);
    for (const { query, expected } of queries) {
      expect(expected.length, query).toBeGreaterThan(0);
      for (const code of expected) expect(known.has(code), `${query} → ${code}`).toBe(true);
    }
  });
});
