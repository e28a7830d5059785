// Records of the demo enterprises for 市场监管局, 发改委, 经信厅 and 税务局 (see catalog-records.ts).

import {
  COUNTY_ABBR,
  addDays,
  addYears,
  cityName,
  dateBetween,
  demoRecordsAsOf,
  earlier,
  later,
  money,
  pad,
  regionName,
  rngFor,
  shuffled,
  weighted,
} from './catalog-facts.ts';
import type { DemoFacts, Row } from './catalog-facts.ts';
import { intBetween, pick } from './people.ts';
import type { DemoEnterprise } from './people.ts';

const AS_OF = demoRecordsAsOf;

// ── 市场监管局: 企业登记, 行政处罚, 食品经营许可 ──

export function enterpriseRegistrations(facts: DemoFacts): Row[] {
  return facts.enterprises.map((e) => {
    const rep = facts.representatives.get(e.uscc)!;
    return {
      credit_code: e.uscc,
      enterprise_name: e.name,
      legal_representative: rep.name,
      legal_rep_id_number: rep.idNumber,
      registered_capital: e.registeredCapitalWan,
      established_on: e.establishedOn,
      status: facts.closed.has(e.uscc) ? '注销' : '存续',
    };
  });
}

const VIOLATIONS: Readonly<Record<string, readonly string[]>> = {
  餐饮业: ['经营超过保质期的食品', '未按规定公示食品经营许可证', '从业人员未取得健康证明'],
  零售业: ['销售不合格产品', '价格违法行为', '经营超过保质期的食品'],
  批发业: ['销售不合格产品', '未按规定建立进货查验记录'],
  软件和信息技术服务业: ['发布虚假广告', '侵害消费者个人信息'],
};
const DEFAULT_VIOLATIONS = ['未按规定报送年度报告', '生产不合格产品', '发布虚假广告', '无照经营'] as const;

/** Penalised enterprises (用于公共信用记录): their scores fall below 750. */
function penalisedEnterprises(facts: DemoFacts): DemoEnterprise[] {
  return shuffled(rngFor(0xd101), facts.enterprises)
    .filter((e) => e.establishedOn < '2026-01-01')
    .slice(0, 40);
}

export function penalties(facts: DemoFacts): Row[] {
  const rng = rngFor(0xd102);
  return penalisedEnterprises(facts).map((e, i) => {
    const decidedOn = dateBetween(rng, addDays(e.establishedOn, 180), AS_OF);
    const fine = pick(rng, [2000, 5000, 10_000, 20_000, 50_000]);
    const penalty = weighted(rng, [
      ['警告', 2],
      [`罚款人民币${fine}元`, 6],
      [`没收违法所得人民币${Math.round(fine / 4)}元，并处罚款人民币${fine}元`, 2],
    ]);
    return {
      decision_no: `${COUNTY_ABBR[e.regionCode] ?? '浙'}市监罚〔${decidedOn.slice(0, 4)}〕${100 + i * 3}号`,
      credit_code: e.uscc,
      violation: pick(rng, VIOLATIONS[e.industry] ?? DEFAULT_VIOLATIONS),
      penalty,
      decided_on: decidedOn,
    };
  });
}

const FOOD_CATEGORIES: Readonly<Record<string, readonly [number, readonly string[]]>> = {
  餐饮业: [2, ['热食类食品制售', '热食类食品制售、冷食类食品制售', '热食类食品制售、糕点类食品制售']],
  零售业: [1, ['预包装食品（含冷藏冷冻食品）销售', '散装食品（含冷藏冷冻食品）销售']],
  批发业: [1, ['预包装食品（不含冷藏冷冻食品）销售']],
};

/** 食品经营许可证 JY + 主体业态 + 区划 + 顺序码 + 校验码, valid five years, renewed on expiry. */
export function foodLicences(facts: DemoFacts): Row[] {
  const rng = rngFor(0xd103);
  return facts.enterprises
    .filter((e) => !facts.closed.has(e.uscc) && FOOD_CATEGORIES[e.industry])
    .map((e, i) => {
      const [kind, categories] = FOOD_CATEGORIES[e.industry]!;
      let issued = dateBetween(rng, e.establishedOn, earlier(AS_OF, addDays(e.establishedOn, 120)));
      while (addYears(issued, 5) <= AS_OF) issued = addYears(issued, 5);
      return {
        licence_no: `JY${kind}${e.regionCode}${pad(i * 13 + 1, 6)}${i % 10}`,
        credit_code: e.uscc,
        enterprise_name: e.name,
        category: pick(rng, categories),
        valid_to: addDays(addYears(issued, 5), -1),
      };
    });
}

// ── 发改委: 公共信用, 投资项目 ──

export function creditRecords(facts: DemoFacts): Row[] {
  const rng = rngFor(0xe101);
  const penalised = new Set(penalisedEnterprises(facts).map((e) => e.uscc));
  return facts.enterprises.map((e) => {
    const score = penalised.has(e.uscc) || facts.closed.has(e.uscc) ? intBetween(rng, 600, 745) : intBetween(rng, 760, 960);
    return {
      credit_code: e.uscc,
      enterprise_name: e.name,
      credit_score: score,
      credit_level: score >= 850 ? '优' : score >= 750 ? '良' : score >= 650 ? '中' : '差',
      updated_on: dateBetween(rng, '2026-09-01', AS_OF),
    };
  });
}

const MANUFACTURING = new Set(['电气机械和器材制造业', '金属制品业', '通用设备制造业', '纺织服装、服饰业']);
const PROJECTS: Readonly<Record<string, readonly string[]>> = {
  电气机械和器材制造业: ['年产50万台智能断路器技改项目', '智能配电设备数字化车间项目'],
  金属制品业: ['年产200万套不锈钢厨具技改项目', '五金工具智能制造生产线项目'],
  通用设备制造业: ['年产3000台数控机床扩建项目', '智能装备研发制造基地项目'],
  '纺织服装、服饰业': ['智能缝制生产线技改项目'],
  软件和信息技术服务业: ['数字化研发中心建设项目', '工业互联网平台建设项目'],
};

export function investmentProjects(facts: DemoFacts): Row[] {
  const rng = rngFor(0xe102);
  return facts.enterprises
    .filter((e) => !facts.closed.has(e.uscc) && PROJECTS[e.industry] && e.registeredCapitalWan >= 100)
    .slice(0, 60)
    .map((e, i) => {
      const filedOn = dateBetween(rng, later(e.establishedOn, '2022-01-01'), AS_OF);
      return {
        project_code: `${filedOn.slice(0, 4)}-${e.regionCode}-${pad(intBetween(rng, 13, 65), 2)}-03-${pad(200_000 + i * 97, 6)}`,
        credit_code: e.uscc,
        project_name: `${e.name.replace(/有限公司$/, '')}${pick(rng, PROJECTS[e.industry]!)}`,
        investment: e.registeredCapitalWan * intBetween(rng, 2, 8),
        filed_on: filedOn,
      };
    });
}

// ── 经信厅: 亩均效益, 用电 (规上工业企业: the manufacturers in business before 2025) ──

function industrialEnterprises(facts: DemoFacts): DemoEnterprise[] {
  return facts.enterprises.filter((e) => MANUFACTURING.has(e.industry) && !facts.closed.has(e.uscc) && e.establishedOn < '2025-01-01');
}

export function perMuResults(facts: DemoFacts): Row[] {
  const rng = rngFor(0xf101);
  return industrialEnterprises(facts).map((e) => {
    const tax = money(2 + rng() * 55);
    return {
      credit_code: e.uscc,
      enterprise_name: e.name,
      tax_per_mu: tax,
      value_added_per_mu: money(tax * (3 + rng() * 3)),
      grade: tax >= 30 ? 'A' : tax >= 15 ? 'B' : tax >= 5 ? 'C' : 'D',
      year: 2025,
    };
  });
}

export function electricity(facts: DemoFacts): Row[] {
  const rng = rngFor(0xf102);
  return industrialEnterprises(facts).map((e) => ({
    credit_code: e.uscc,
    month: '2026-09',
    kwh: Math.round(20_000 + e.registeredCapitalWan * (40 + rng() * 200)),
  }));
}

// ── 税务局: 纳税 (each enterprise in business, its latest declared 税款所属期) ──

/** 增值税 rates: 6% for services, 9% for construction, 13% for goods (the rest). */
const VAT_RATES: Readonly<Record<string, number>> = {
  软件和信息技术服务业: 0.06,
  商务服务业: 0.06,
  科技推广和应用服务业: 0.06,
  餐饮业: 0.06,
  房屋建筑业: 0.09,
};

/** The county 税务局 (a district's under its city's name). */
function taxBureauOf(county: string): string {
  const name = regionName(county);
  return `国家税务总局${name.endsWith('区') ? cityName(county) : ''}${name}税务局`;
}

/**
 * 一般纳税人 (capital of 200万 or more, or four staff insured) declare September and pay 增值税
 * after input credit plus 12% 附加; 小规模纳税人 declare the third quarter, free of 增值税 up to
 * 30万 and at 1% above it, 附加 halved (六税两费减半). Filed by the deadline after 国庆.
 */
export function taxPayments(facts: DemoFacts): Row[] {
  const rng = rngFor(0xf201);
  const penalised = new Set(penalisedEnterprises(facts).map((e) => e.uscc));
  const staff = new Map<string, number>();
  for (const p of facts.pensions.values())
    if (p.employer && p.status === '参保缴费') staff.set(p.employer.creditCode, (staff.get(p.employer.creditCode) ?? 0) + 1);
  return facts.enterprises
    .filter((e) => !facts.closed.has(e.uscc))
    .map((e, i) => {
      const headcount = staff.get(e.uscc) ?? 0;
      const general = e.registeredCapitalWan >= 200 || headcount >= 4;
      const sales = general
        ? money((headcount + 2) * intBetween(rng, 15_000, 60_000) + e.registeredCapitalWan * intBetween(rng, 20, 120) + rng())
        : money(intBetween(rng, 60_000, 1_200_000) + rng());
      const vat = general
        ? money(sales * (VAT_RATES[e.industry] ?? 0.13) * (0.15 + rng() * 0.35))
        : sales <= 300_000
          ? 0
          : money(sales * 0.01);
      const rating =
        e.establishedOn >= '2025-01-01'
          ? 'M'
          : penalised.has(e.uscc)
            ? weighted(rng, [
                ['B', 6],
                ['C', 3],
              ] as const)
            : weighted(rng, [
                ['A', 35],
                ['B', 60],
                ['C', 5],
              ] as const);
      return {
        declaration_no: `10${e.regionCode}2610${pad(i * 37 + 1, 8)}`,
        credit_code: e.uscc,
        enterprise_name: e.name,
        taxpayer_type: general ? '一般纳税人' : '小规模纳税人',
        tax_period: general ? '2026-09-01至2026-09-30' : '2026-07-01至2026-09-30',
        sales,
        vat,
        total_tax: money(vat * (general ? 1.12 : 1.06)),
        credit_rating: rating,
        declared_on: dateBetween(rng, '2026-10-09', '2026-10-22'),
        tax_authority: taxBureauOf(e.regionCode),
      };
    });
}
