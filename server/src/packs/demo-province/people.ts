// Synthetic citizens and enterprises of the demo province. Deterministic: the same seed
// gives the same people, so tests, screenshots and demos agree. Every 身份证号 and
// 统一社会信用代码 carries a correct check digit; none belongs to a real person or firm
// except by coincidence.

import { organisationCodeCheckDigit, residentIdCheckDigit, usccAlphabet, usccCheckDigit } from '../../platform/identity/index.ts';
import { demoCounties, demoTownships } from './regions.ts';

export type Rng = () => number;

/** mulberry32: a tiny, fast 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
}

/** An integer in [min, max], both inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

// Common surnames, most frequent first (with a few typical of Zhejiang: 应 楼 俞 章 虞 项).
const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蒋蔡余杜叶程魏苏吕丁任沈姚卢姜钟汪金陆范方俞戴邵应楼章虞项钱严夏施孔毛',
);
const MALE_GIVEN = Array.from('伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆旭宁龙林阳建国文志海峰晨然轩睿博航泽宏毅诚');
const FEMALE_GIVEN = Array.from('芳娜敏静丽艳娟霞秀英玲燕萍红婷雪琳倩颖洁佳欣怡悦涵琪雨梦晓慧莉萱诗思蕾婧');

/** A plausible Chinese name: a common surname and a one- or two-character given name. */
export function generateChineseName(rng: Rng, sex: 'M' | 'F'): string {
  // Squaring skews the choice towards the common surnames at the front of the list.
  const surname = SURNAMES[Math.floor(rng() * rng() * SURNAMES.length)] ?? '王';
  const pool = sex === 'M' ? MALE_GIVEN : FEMALE_GIVEN;
  const given = rng() < 0.3 ? pick(rng, pool) : pick(rng, pool) + pick(rng, pool);
  return surname + given;
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
] as const;

/** A valid-looking 11-digit mainland mobile number (13x, 15x, 18x). */
export function generateMobile(rng: Rng): string {
  return pick(rng, MOBILE_PREFIXES) + String(intBetween(rng, 0, 99_999_999)).padStart(8, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function randomDate(rng: Rng, fromYear: number, toYear: number): string {
  const year = intBetween(rng, fromYear, toYear);
  const month = intBetween(rng, 1, 12);
  const day = intBetween(rng, 1, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Guards the uniqueness loops against a count the code space cannot satisfy. */
function assertAttempts(attempts: number, count: number, what: string): void {
  if (attempts > count * 50 + 1000) throw new RangeError(`cannot generate ${count} unique ${what}`);
}

export interface DemoCitizen {
  /** 身份证号, valid GB 11643, issued in a demo county. */
  idNumber: string;
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD, the same as in the 身份证号. */
  birthDate: string;
  phone: string;
  /** Where the citizen lives: the demo county of the 身份证号 or one of its townships. */
  regionCode: string;
}

const townshipsByCounty: ReadonlyMap<string, readonly string[]> = new Map(
  demoCounties.map((county) => [county, demoTownships.filter((t) => t.parentCode === county).map((t) => t.code)]),
);

/** `count` synthetic citizens of the demo counties, born 1940–2024; same seed, same people. */
export function generateCitizens(count = 1000, seed = 2026): DemoCitizen[] {
  const rng = mulberry32(seed ^ 0x5eed0001);
  const idNumbers = new Set<string>();
  const phones = new Set<string>();
  const citizens: DemoCitizen[] = [];
  for (let attempts = 0; citizens.length < count; attempts++) {
    assertAttempts(attempts, count, 'citizens');
    const county = pick(rng, demoCounties);
    const townships = townshipsByCounty.get(county) ?? [];
    const regionCode = townships.length > 0 && rng() < 0.6 ? pick(rng, townships) : county;
    const sex = rng() < 0.5 ? 'M' : 'F';
    const birthDate = randomDate(rng, 1940, 2024);
    // 顺序码: three digits, the last odd for men and even for women.
    const order = intBetween(rng, 0, 499) * 2 + (sex === 'M' ? 1 : 0);
    const first17 = county + birthDate.replaceAll('-', '') + String(order).padStart(3, '0');
    const idNumber = first17 + residentIdCheckDigit(first17);
    const phone = generateMobile(rng);
    const name = generateChineseName(rng, sex);
    if (idNumbers.has(idNumber) || phones.has(phone)) continue;
    idNumbers.add(idNumber);
    phones.add(phone);
    citizens.push({ idNumber, name, sex, birthDate, phone, regionCode });
  }
  return citizens;
}

export interface DemoEnterprise {
  /** 统一社会信用代码, valid GB 32100: '91' + county code + 组织机构代码 + check. */
  uscc: string;
  name: string;
  legalRepresentative: string;
  /** GB/T 4754 国民经济行业 (大类) name. */
  industry: string;
  regionCode: string;
  /** 注册资本, in 万元. */
  registeredCapitalWan: number;
  /** YYYY-MM-DD */
  establishedOn: string;
}

interface IndustryChoice {
  industry: string;
  trades: readonly string[];
}

const SOFTWARE: IndustryChoice = { industry: '软件和信息技术服务业', trades: ['科技', '信息技术', '网络科技', '数据科技'] };
const WHOLESALE: IndustryChoice = { industry: '批发业', trades: ['商贸', '贸易', '进出口'] };
const RETAIL: IndustryChoice = { industry: '零售业', trades: ['百货', '商贸'] };
const ELECTRICAL: IndustryChoice = { industry: '电气机械和器材制造业', trades: ['电气', '电器', '开关'] };
const METAL: IndustryChoice = { industry: '金属制品业', trades: ['五金', '工贸', '金属制品'] };
const MACHINERY: IndustryChoice = { industry: '通用设备制造业', trades: ['机械', '机电'] };
const APPAREL: IndustryChoice = { industry: '纺织服装、服饰业', trades: ['服饰'] };
const CATERING: IndustryChoice = { industry: '餐饮业', trades: ['餐饮管理'] };
const BUSINESS: IndustryChoice = { industry: '商务服务业', trades: ['企业管理咨询', '会展服务'] };
const CONSTRUCTION: IndustryChoice = { industry: '房屋建筑业', trades: ['建设工程', '建筑工程'] };
const RESEARCH: IndustryChoice = { industry: '科技推广和应用服务业', trades: ['生物科技', '环保科技'] };

const COMMON_INDUSTRIES = [WHOLESALE, RETAIL, CATERING, BUSINESS, CONSTRUCTION, MACHINERY] as const;

/** Each demo county's name prefix and the industries it is known for (listed twice = likelier). */
const COUNTY_PROFILES: Readonly<Record<string, { prefix: string; industries: readonly IndustryChoice[] }>> = {
  '330106': { prefix: '杭州西湖', industries: [SOFTWARE, SOFTWARE, SOFTWARE, RESEARCH, ...COMMON_INDUSTRIES] },
  '330110': { prefix: '杭州余杭', industries: [SOFTWARE, SOFTWARE, SOFTWARE, RESEARCH, APPAREL, ...COMMON_INDUSTRIES] },
  '330212': { prefix: '宁波鄞州', industries: [WHOLESALE, MACHINERY, APPAREL, SOFTWARE, ...COMMON_INDUSTRIES] },
  '330382': { prefix: '乐清市', industries: [ELECTRICAL, ELECTRICAL, ELECTRICAL, ELECTRICAL, MACHINERY, ...COMMON_INDUSTRIES] },
  '330784': { prefix: '永康市', industries: [METAL, METAL, METAL, METAL, MACHINERY, ...COMMON_INDUSTRIES] },
};

const BRAND_CHARS = Array.from('云帆华辰恒信启明博远瑞丰嘉禾鼎盛宏达锐星海卓越汇通金阳泰和众合联创新源科宇正德康');
const CAPITALS_WAN = [10, 30, 50, 100, 100, 200, 300, 500, 500, 1000, 2000, 5000, 10000] as const;
/** Characters allowed in the body of a 组织机构代码 that is also valid inside a 统一社会信用代码. */
const ORG_BODY_CHARS = Array.from(usccAlphabet);

/** `count` synthetic enterprises (有限公司) of the demo counties; same seed, same firms. */
export function generateEnterprises(count = 300, seed = 2026): DemoEnterprise[] {
  const rng = mulberry32(seed ^ 0x5eed0002);
  const usccs = new Set<string>();
  const names = new Set<string>();
  const enterprises: DemoEnterprise[] = [];
  for (let attempts = 0; enterprises.length < count; attempts++) {
    assertAttempts(attempts, count, 'enterprises');
    const regionCode = pick(rng, demoCounties);
    const profile = COUNTY_PROFILES[regionCode];
    if (profile === undefined) throw new Error(`no enterprise profile for demo county ${regionCode}`);
    const { industry, trades } = pick(rng, profile.industries);
    const name = `${profile.prefix}${pick(rng, BRAND_CHARS)}${pick(rng, BRAND_CHARS)}${pick(rng, trades)}有限公司`;
    // Codes issued since 2015 carry an organisation code starting with 'MA'.
    let orgBody = 'MA';
    for (let i = 0; i < 6; i++) orgBody += pick(rng, ORG_BODY_CHARS);
    const first17 = `91${regionCode}${orgBody}${organisationCodeCheckDigit(orgBody)}`;
    const uscc = first17 + usccCheckDigit(first17);
    const legalRepresentative = generateChineseName(rng, rng() < 0.7 ? 'M' : 'F');
    const registeredCapitalWan = pick(rng, CAPITALS_WAN);
    const establishedOn = randomDate(rng, 2016, 2025);
    if (usccs.has(uscc) || names.has(name)) continue;
    usccs.add(uscc);
    names.add(name);
    enterprises.push({
      uscc,
      name,
      legalRepresentative,
      industry,
      regionCode,
      registeredCapitalWan,
      establishedOn,
    });
  }
  return enterprises;
}
