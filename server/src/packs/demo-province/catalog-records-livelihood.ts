// Records of the demo citizens for 住建厅 (住房公积金), 自然资源厅 (不动产登记) and 教育厅 (学籍)
// (see catalog-records.ts): 公积金 follows the 社保 employer, joint homes belong to married
// couples, pupils go to a school of their own county.

import {
  addDays,
  addYears,
  ageOn,
  countyOf,
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
import type { DemoCitizen, Rng } from './people.ts';
import { demoRegionByCode, demoRegionFullName, demoTownships } from './regions.ts';

const AS_OF = demoRecordsAsOf;

/** Whole months from one date to a later one. */
const monthsBetween = (from: string, to: string): number =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

// ── 住建厅: 住房公积金 ──

/** 缴存比例, employee and employer alike (5%–12% in Zhejiang; most pay 12%). */
const DEPOSIT_RATES = [
  [0.12, 60],
  [0.1, 10],
  [0.08, 10],
  [0.05, 20],
] as const;

/**
 * Three in four insured workers have a 公积金 account with their 社保 employer; half of those
 * whose contributions stopped kept theirs, now 封存. The base lies between the floor (the
 * minimum wage) and about three times the average wage; the balance is what was paid in less
 * what some drew for rent or a home.
 */
export function housingFund(facts: DemoFacts): Row[] {
  const rng = rngFor(0x2c01);
  const rows: Row[] = [];
  for (const c of facts.citizens) {
    const p = facts.pensions.get(c.idNumber);
    if (!p?.employer) continue;
    const paying = p.status === '参保缴费';
    if (rng() >= (paying ? 0.75 : 0.5)) continue;
    const openedOn = earlier(paying ? AS_OF : addDays(p.leftOn!, -1), addDays(p.since, intBetween(rng, 0, 60)));
    const base = Math.round(2490 + rng() * rng() * 30_000);
    const monthly = Math.round(base * weighted(rng, DEPOSIT_RATES)) * 2;
    const months = Math.max(1, monthsBetween(openedOn, paying ? AS_OF : p.leftOn!));
    // Wages (and so deposits) were lower in earlier years; some drew part for rent or a home.
    const earlierWages = 1 - Math.min(months, 240) / 600;
    const kept = rng() < 0.4 ? 0.2 + rng() * 0.5 : 0.95 + rng() * 0.08;
    rows.push({
      id_number: c.idNumber,
      name: c.name,
      account_no: `${p.employer.regionCode.slice(2)}${pad(10_000_000 + rows.length * 97, 8)}`,
      employer_credit_code: p.employer.creditCode,
      employer: p.employer.name,
      status: paying ? '正常缴存' : '封存',
      monthly_deposit: monthly,
      balance: money(monthly * months * earlierWages * kept),
      opened_on: openedOn,
    });
  }
  return rows;
}

// ── 自然资源厅: 不动产登记 ──

/** The registration office in a 不动产权证号 (浙（2024）杭州市不动产权第0012345号). */
const CERTIFICATE_PLACES: Readonly<Record<string, string>> = {
  '330106': '杭州市',
  '330110': '杭州市余杭区',
  '330212': '宁波市鄞州区',
  '330382': '乐清市',
  '330784': '永康市',
};
const ROADS = ['文一', '天目山', '古墩', '学院', '人民', '解放', '中山', '新华', '建设', '东方', '振兴', '环城'] as const;
const ESTATES = [
  '金色家园',
  '阳光花园',
  '绿城桂花园',
  '万科城',
  '滨江城市之星',
  '融创江南府',
  '碧桂园',
  '锦绣苑',
  '和园',
  '东方郡',
] as const;
const VILLAGES = ['前山', '后塘', '下洋', '上溪', '新联', '红星', '东岙', '西坑', '大塘', '溪口'] as const;
const USES = [
  ['住宅', 88],
  ['商业服务', 8],
  ['办公', 4],
] as const;

/** Where the property lies, below the province: a flat, a village house, a shop or an office. */
function propertyAddress(rng: Rng, regionCode: string, use: string): string {
  const place = demoRegionFullName(regionCode).replace(/^浙江省/, '');
  if (use === '住宅' && /镇$/.test(place) && rng() < 0.6) return `${place}${pick(rng, VILLAGES)}村${intBetween(rng, 1, 300)}号`;
  const street = `${place}${pick(rng, ROADS)}路${intBetween(rng, 1, 999)}号`;
  if (use === '商业服务') return `${street}${intBetween(rng, 1, 40)}号商铺`;
  if (use === '办公') return `${street}${intBetween(rng, 2, 30)}层${intBetween(rng, 1, 20)}0${intBetween(rng, 1, 9)}室`;
  return `${place}${pick(rng, ESTATES)}${intBetween(rng, 1, 30)}幢${intBetween(rng, 1, 6)}单元${intBetween(rng, 1, 33)}0${intBetween(rng, 1, 4)}室`;
}

function floorArea(rng: Rng, use: string, address: string): number {
  if (use === '商业服务') return money(intBetween(rng, 30, 200) + rng());
  if (use === '办公') return money(intBetween(rng, 50, 300) + rng());
  return money((address.endsWith('号') ? intBetween(rng, 120, 260) : intBetween(rng, 55, 160)) + rng());
}

/**
 * 50 married couples own their home 共同共有, registered after the wedding, and 130 others of
 * 22 or more (single, or divorced) own one property alone: one record per owner, since the
 * owner's 身份证号 is a key (each 共有人 holds a 不动产权证书 of their own). Registrations go back
 * to 2016, when 不动产统一登记 began.
 */
export function realEstate(facts: DemoFacts): Row[] {
  const rng = rngFor(0x2d01);
  const rows: Row[] = [];
  // Registered where the property lies: the county of the (first) owner's home.
  const certificateNo = (regionCode: string, registeredOn: string) =>
    `浙（${registeredOn.slice(0, 4)}）${CERTIFICATE_PLACES[regionCode.slice(0, 6)] ?? '杭州市'}不动产权第${pad(100_000 + rows.length * 53, 7)}号`;
  const married = facts.couples.filter((c) => !c.divorcedOn);
  for (const { husband, wife, marriedOn } of shuffled(rng, married).slice(0, 50)) {
    const address = propertyAddress(rng, husband.regionCode, '住宅');
    const area = floorArea(rng, '住宅', address);
    const registeredOn = dateBetween(rng, later(marriedOn, '2016-01-01'), AS_OF);
    for (const owner of [husband, wife]) {
      rows.push({
        certificate_no: certificateNo(husband.regionCode, registeredOn),
        id_number: owner.idNumber,
        name: owner.name,
        address,
        area,
        use: '住宅',
        co_ownership: '共同共有',
        registered_on: registeredOn,
      });
    }
  }
  const spouses = new Set(married.flatMap((c) => [c.husband.idNumber, c.wife.idNumber]));
  const singles = facts.citizens.filter((c) => ageOn(c.birthDate, AS_OF) >= 22 && !spouses.has(c.idNumber));
  for (const owner of shuffled(rng, singles).slice(0, 130)) {
    const use = facts.lowIncome.has(owner.idNumber) ? '住宅' : weighted(rng, USES);
    const address = propertyAddress(rng, owner.regionCode, use);
    const registeredOn = dateBetween(rng, later(addYears(owner.birthDate, 22), '2016-01-01'), AS_OF);
    rows.push({
      certificate_no: certificateNo(owner.regionCode, registeredOn),
      id_number: owner.idNumber,
      name: owner.name,
      address,
      area: floorArea(rng, use, address),
      use,
      co_ownership: '单独所有',
      registered_on: registeredOn,
    });
  }
  return rows;
}

// ── 教育厅: 学籍 ──

type Stage = 'primary' | 'middle' | 'high' | 'vocational';

/** Schools of each demo county by stage; a 九年一贯制 school is listed for both. */
const SCHOOLS: Readonly<Record<string, Readonly<Record<Stage, readonly string[]>>>> = {
  '330106': {
    primary: ['杭州市学军小学', '杭州市文三街小学', '杭州市保俶塔实验学校', '杭州市西湖区转塘小学', '杭州市西湖区三墩小学'],
    middle: ['杭州市第十三中学', '杭州市保俶塔实验学校', '杭州市西溪中学', '杭州市西湖区三墩中学'],
    high: ['杭州学军中学', '杭州市西湖高级中学'],
    vocational: ['杭州市西湖职业高级中学'],
  },
  '330110': {
    primary: [
      '杭州市余杭区良渚第一小学',
      '杭州市余杭区仓前中心小学',
      '杭州市余杭区五常中心小学',
      '杭州市余杭区瓶窑第一小学',
      '杭州市余杭区径山中心小学',
    ],
    middle: ['杭州市余杭区良渚第一初级中学', '杭州市余杭区仓前中学', '杭州市余杭区五常中学', '杭州市余杭区径山中学'],
    high: ['杭州市余杭高级中学', '杭州市良渚中学', '杭州市瓶窑中学'],
    vocational: ['杭州市余杭区职业高级中学'],
  },
  '330212': {
    primary: [
      '宁波市鄞州区钟公庙第一小学',
      '宁波市鄞州区中河街道中心小学',
      '宁波市鄞州区首南第一小学',
      '宁波市鄞州区邱隘镇中心小学',
      '宁波市鄞州区姜山镇中心小学',
    ],
    middle: ['宁波市鄞州区钟公庙中学', '宁波市鄞州蓝青学校', '宁波市鄞州区邱隘实验中学', '宁波市鄞州区姜山初级中学'],
    high: ['宁波市鄞州高级中学', '宁波市鄞州区姜山中学', '宁波市鄞州区正始中学'],
    vocational: ['宁波市鄞州职业教育中心学校'],
  },
  '330382': {
    primary: ['乐清市乐成第一小学', '乐清市城东第一小学', '乐清市柳市镇第一小学', '乐清市北白象镇第一小学', '乐清市雁荡镇中心小学'],
    middle: ['乐清市乐成公立寄宿学校', '乐清市英华学校', '乐清市柳市镇第一中学', '乐清市北白象镇第一中学'],
    high: ['浙江省乐清中学', '乐清市柳市中学', '乐清市知临中学'],
    vocational: ['乐清市职业中等专业学校'],
  },
  '330784': {
    primary: ['永康市大司巷小学', '永康市实验学校', '永康市江南第一小学', '永康市石柱镇中心小学', '永康市芝英镇中心小学'],
    middle: ['永康市实验学校', '永康市丽州中学', '永康市石柱镇初级中学', '永康市芝英镇初级中学'],
    high: ['浙江省永康市第一中学', '永康市第二中学'],
    vocational: ['永康市职业技术学校'],
  },
};

/** A township's short name as a school would carry it: 三墩镇 → 三墩, 钟公庙街道 → 钟公庙. */
const townshipStem = (name: string) => name.replace(/(街道|镇|乡)$/, '');

/** A school of the pupil's stage in their county: the one named after their township if any, else one named after none. */
function schoolFor(rng: Rng, pupil: DemoCitizen, stage: Stage): string {
  const county = countyOf(pupil);
  const schools = SCHOOLS[county]?.[stage] ?? [`${regionName(county)}实验学校`];
  const stems = demoTownships.filter((t) => t.parentCode === county).map((t) => townshipStem(t.name));
  const own = pupil.regionCode.length === 9 ? townshipStem(demoRegionByCode.get(pupil.regionCode)?.name ?? '') : null;
  const local = own ? schools.filter((s) => s.includes(own)) : [];
  const neutral = schools.filter((s) => !stems.some((stem) => s.includes(stem)));
  return pick(rng, local.length ? local : neutral.length ? neutral : schools);
}

/** Each stage's 学段 name, its grades and the school year (1–12) its first grade is. */
const STAGES: Readonly<Record<Stage, { name: string; grades: readonly string[]; firstYear: number }>> = {
  primary: { name: '小学', grades: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'], firstYear: 1 },
  middle: { name: '初中', grades: ['七年级', '八年级', '九年级'], firstYear: 7 },
  high: { name: '普通高中', grades: ['高一', '高二', '高三'], firstYear: 10 },
  vocational: { name: '中等职业教育', grades: ['一年级', '二年级', '三年级'], firstYear: 10 },
};

/**
 * Every demo citizen in 小学 to 高中 on the demo day: a child who is six by 31 August starts
 * school that September, so the school year 2026–27 runs from those born from September 2019
 * (一年级) back to those born from September 2008 (高三); after 初中 six in ten go on to 普通高中,
 * four to 中等职业学校. 学籍号 is 'G' and the 身份证号.
 */
export function studentEnrolments(facts: DemoFacts): Row[] {
  const rng = rngFor(0x2e01);
  const schoolYear = Number(AS_OF.slice(0, 4)) - (AS_OF.slice(5) < '09-01' ? 1 : 0);
  return facts.citizens.flatMap((c) => {
    const entryYear = Number(c.birthDate.slice(0, 4)) + (c.birthDate.slice(5) <= '08-31' ? 6 : 7);
    const year = schoolYear - entryYear + 1;
    if (year < 1 || year > 12) return [];
    const stage: Stage = year <= 6 ? 'primary' : year <= 9 ? 'middle' : rng() < 0.6 ? 'high' : 'vocational';
    const { name, grades, firstYear } = STAGES[stage];
    return [
      {
        student_no: `G${c.idNumber}`,
        id_number: c.idNumber,
        name: c.name,
        school: schoolFor(rng, c, stage),
        stage: name,
        grade: grades[year - firstYear],
        enrolled_on: `${entryYear + firstYear - 1}-09-01`,
      },
    ];
  });
}
