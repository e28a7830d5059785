// Synthetic records for the demo catalog's shared and basic resources (issue point 11),
// consistent with the demo citizens and enterprises: a person has the same 身份证号, name,
// sex, birth date and region wherever they appear; spouses, parents, employers, drivers and
// 低保 households agree across departments (the facts behind them: catalog-facts.ts). The
// enterprises' records are in catalog-records-enterprises.ts; 公积金, 不动产 and 学籍 in
// catalog-records-livelihood.ts.

import {
  COUNTY_ABBR,
  addDays,
  addYears,
  ageOn,
  cityName,
  countyOf,
  dateBetween,
  demoFacts,
  demoRecordsAsOf,
  earlier,
  later,
  money,
  pad,
  regionName,
  rngFor,
  sexLabel,
  shuffled,
  weighted,
} from './catalog-facts.ts';
import type { DemoFacts, Row } from './catalog-facts.ts';
import {
  creditRecords,
  electricity,
  enterpriseRegistrations,
  foodLicences,
  investmentProjects,
  penalties,
  perMuResults,
  taxPayments,
} from './catalog-records-enterprises.ts';
import { housingFund, realEstate, studentEnrolments } from './catalog-records-livelihood.ts';
import { intBetween, pick } from './people.ts';
import type { DemoCitizen, Rng } from './people.ts';
import { demoRegionFullName } from './regions.ts';

const AS_OF = demoRecordsAsOf;

const PLATE_PREFIX: Readonly<Record<string, string>> = {
  '330106': '浙A',
  '330110': '浙A',
  '330212': '浙B',
  '330382': '浙C',
  '330784': '浙G',
};
const HOSPITALS: Readonly<Record<string, readonly string[]>> = {
  '330106': ['杭州市西溪医院', '杭州市西湖区妇幼保健院'],
  '330110': ['杭州市余杭区第一人民医院', '杭州市余杭区妇幼保健院'],
  '330212': ['宁波市鄞州区第二医院', '宁波市鄞州区妇幼保健院'],
  '330382': ['乐清市人民医院', '乐清市妇幼保健院'],
  '330784': ['永康市第一人民医院', '永康市妇幼保健院'],
};
/** 城乡低保标准 (元/人·月) of the demo counties. */
const LOW_INCOME_STANDARD: Readonly<Record<string, number>> = {
  '330106': 1202,
  '330110': 1202,
  '330212': 1191,
  '330382': 1145,
  '330784': 1126,
};

// ── 公安厅: 户籍人口, 居民身份证, 机动车, 驾驶证 ──

const ETHNICITIES = [
  ['汉族', 960],
  ['畲族', 15],
  ['土家族', 6],
  ['苗族', 6],
  ['回族', 5],
  ['布依族', 4],
  ['彝族', 2],
  ['满族', 2],
] as const;
const ROADS = ['文三', '天目山', '古墩', '学院', '人民', '解放', '中山', '新华', '建设', '东方', '振兴', '环城'] as const;
const VILLAGES = ['前山', '后塘', '下洋', '上溪', '新联', '红星', '东岙', '西坑', '大塘', '溪口'] as const;

function householdAddress(rng: Rng, regionCode: string): string {
  const place = demoRegionFullName(regionCode);
  if (/[镇乡]$/.test(place)) return `${place}${pick(rng, VILLAGES)}村${intBetween(rng, 1, 300)}号`;
  return `${place}${pick(rng, ROADS)}路${intBetween(rng, 1, 999)}号${intBetween(rng, 1, 30)}幢${intBetween(rng, 1, 6)}单元${intBetween(rng, 1, 26)}0${intBetween(rng, 1, 4)}室`;
}

function population(facts: DemoFacts): Row[] {
  const rng = rngFor(0x6101);
  return facts.citizens.map((c) => ({
    id_number: c.idNumber,
    name: c.name,
    gender: sexLabel(c),
    birth_date: c.birthDate,
    ethnicity: weighted(rng, ETHNICITIES),
    household_address: householdAddress(rng, c.regionCode),
    region_code: c.regionCode,
  }));
}

/** 公安局 of the county that issued a 身份证号 (a district's is a 分局 of the city's). */
function policeOf(county: string): string {
  const name = regionName(county);
  return name.endsWith('区') ? `${cityName(county)}公安局${name.slice(0, -1)}分局` : `${name}公安局`;
}

/** The current card: 5 years under 16, 10 under 26, 20 under 46, then 长期 (no end date); second-generation cards since 2004. */
function identityCardTerm(rng: Rng, birthDate: string): { valid_from: string; valid_to?: string } {
  let from =
    ageOn(birthDate, AS_OF) < 16
      ? dateBetween(rng, later(addDays(birthDate, 30), addYears(AS_OF, -5)), AS_OF)
      : earlier(AS_OF, addDays(addYears(birthDate, 16), intBetween(rng, 0, 120)));
  for (;;) {
    const age = ageOn(birthDate, from);
    const years = age < 16 ? 5 : age < 26 ? 10 : age < 46 ? 20 : null;
    if (years === null) return { valid_from: later(from, dateBetween(rng, '2004-01-01', '2013-12-31')) };
    const to = addYears(from, years);
    if (to > AS_OF) return { valid_from: from, valid_to: to };
    from = earlier(to, addDays(to, -intBetween(rng, 0, 90)));
  }
}

function identityCards(facts: DemoFacts): Row[] {
  const rng = rngFor(0x6102);
  return facts.citizens.map((c) => ({
    id_number: c.idNumber,
    name: c.name,
    issuing_authority: policeOf(c.idNumber.slice(0, 6)),
    ...identityCardTerm(rng, c.birthDate),
  }));
}

const LICENCE_CLASSES = [
  ['C1', 72],
  ['C2', 12],
  ['C1E', 6],
  ['B2', 6],
  ['A2', 2],
  ['A1', 2],
] as const;

function drivingLicences(facts: DemoFacts): Row[] {
  const rng = rngFor(0x6104);
  return facts.drivers.map(({ citizen, licensedOn }) => {
    // 6 years at first, then 10, then 长期 (no end date).
    const first = addYears(licensedOn, 6);
    const second = addYears(first, 10);
    const validTo = first > AS_OF ? first : second > AS_OF ? second : undefined;
    return {
      id_number: citizen.idNumber,
      name: citizen.name,
      licence_class: weighted(rng, LICENCE_CLASSES),
      points: rng() < 0.8 ? 0 : intBetween(rng, 1, 9),
      ...(validTo ? { valid_to: validTo } : {}),
    };
  });
}

const VEHICLE_TYPES = [
  ['小型轿车', 50],
  ['小型普通客车', 30],
  ['小型越野客车', 10],
  ['轻型普通货车', 10],
] as const;
const PLATE_LETTERS = Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ');
const digits = (rng: Rng, n: number) => pad(intBetween(rng, 0, 10 ** n - 1), n);

/** 机动车: three drivers in four own a car, registered after they were licensed (one a person: 身份证号 is a key). */
function vehicles(facts: DemoFacts): Row[] {
  const rng = rngFor(0x6103);
  const plates = new Set<string>();
  const rows: Row[] = [];
  for (const { citizen, licensedOn } of facts.drivers) {
    if (rng() < 0.25) continue;
    const registeredOn = dateBetween(rng, later(licensedOn, '2008-01-01'), AS_OF);
    const prefix = PLATE_PREFIX[countyOf(citizen)] ?? '浙A';
    let plate: string;
    do {
      // New-energy cars (D/F + 5 digits) since 2018; otherwise a letter or digit, then four more.
      plate =
        registeredOn >= '2018-01-01' && rng() < 0.35
          ? `${prefix}${pick(rng, ['D', 'F'])}${digits(rng, 5)}`
          : `${prefix}${rng() < 0.6 ? pick(rng, PLATE_LETTERS) : digits(rng, 1)}${rng() < 0.2 ? pick(rng, PLATE_LETTERS) : digits(rng, 1)}${digits(rng, 3)}`;
    } while (plates.has(plate));
    plates.add(plate);
    rows.push({
      plate_no: plate,
      vehicle_type: weighted(rng, VEHICLE_TYPES),
      id_number: citizen.idNumber,
      owner_name: citizen.name,
      registered_on: registeredOn,
    });
  }
  return rows;
}

// ── 卫生健康委: 出生医学证明, 预防接种 ──

function birthCertificates(facts: DemoFacts): Row[] {
  const rng = rngFor(0x7101);
  return facts.births.map(({ baby, couple }, i) => ({
    certificate_no: `${String.fromCharCode(65 + ((Number(baby.birthDate.slice(0, 4)) - 1996) % 26))}33${pad(1_200_000 + i * 37, 7)}`,
    baby_name: baby.name,
    birth_date: baby.birthDate,
    gender: sexLabel(baby),
    id_number: couple.wife.idNumber,
    father_id_number: couple.husband.idNumber,
    hospital: pick(rng, HOSPITALS[countyOf(couple.wife)] ?? ['浙江省人民医院']),
  }));
}

/** 免疫规划: [vaccine, dose, age in months]. */
const SCHEDULE = [
  ['乙肝疫苗', 1, 0],
  ['卡介苗', 1, 0],
  ['乙肝疫苗', 2, 1],
  ['脊灰疫苗', 1, 2],
  ['脊灰疫苗', 2, 3],
  ['百白破疫苗', 1, 3],
  ['脊灰疫苗', 3, 4],
  ['百白破疫苗', 2, 4],
  ['百白破疫苗', 3, 5],
  ['乙肝疫苗', 3, 6],
  ['A群流脑多糖疫苗', 1, 6],
  ['麻腮风疫苗', 1, 8],
  ['乙脑减毒活疫苗', 1, 8],
  ['A群流脑多糖疫苗', 2, 9],
  ['百白破疫苗', 4, 18],
  ['麻腮风疫苗', 2, 18],
  ['甲肝减毒活疫苗', 1, 18],
  ['乙脑减毒活疫苗', 2, 24],
  ['A群C群流脑多糖疫苗', 1, 36],
  ['脊灰疫苗', 4, 48],
  ['白破疫苗', 1, 72],
  ['A群C群流脑多糖疫苗', 2, 72],
] as const;

function clinicOf(regionCode: string): string {
  const county = regionName(regionCode.slice(0, 6));
  if (regionCode.length === 6) return `${county}妇幼保健院预防接种门诊`;
  const town = regionName(regionCode);
  return town.endsWith('街道') ? `${county}${town}社区卫生服务中心` : `${county}${town}卫生院`;
}

/** The latest dose each child under seven has had. */
function vaccinations(facts: DemoFacts): Row[] {
  const rng = rngFor(0x7102);
  return facts.citizens
    .filter((c) => ageOn(c.birthDate, AS_OF) < 7)
    .map((c) => {
      const due = SCHEDULE.filter(([, , months]) => addDays(c.birthDate, Math.round(months * 30.44)) <= AS_OF).at(-1) ?? SCHEDULE[0];
      const [vaccine, dose, months] = due;
      return {
        id_number: c.idNumber,
        vaccine,
        dose,
        vaccinated_on: earlier(AS_OF, addDays(c.birthDate, Math.round(months * 30.44) + intBetween(rng, 0, 10))),
        clinic: clinicOf(c.regionCode),
      };
    });
}

// ── 人力社保厅: 社保参保, 就业登记, 职业技能等级 ──

function socialInsurance(facts: DemoFacts): Row[] {
  return facts.citizens.flatMap((c) => {
    const p = facts.pensions.get(c.idNumber);
    if (!p) return [];
    return [
      {
        id_number: c.idNumber,
        name: c.name,
        insurance_type: p.type,
        status: p.status,
        ...(p.employer ? { employer_credit_code: p.employer.creditCode } : {}),
        since: p.since,
      },
    ];
  });
}

function employment(facts: DemoFacts): Row[] {
  return facts.citizens.flatMap((c) => {
    const p = facts.pensions.get(c.idNumber);
    if (!p?.employer) return [];
    const unemployed = p.status === '暂停缴费';
    return [
      {
        id_number: c.idNumber,
        name: c.name,
        employer: p.employer.name,
        registered_on: unemployed ? p.leftOn : p.since,
        kind: unemployed ? '失业登记' : '就业登记',
      },
    ];
  });
}

const OCCUPATIONS: Readonly<Record<string, readonly string[]>> = {
  软件和信息技术服务业: ['计算机程序设计员', '人工智能训练师', '信息通信网络运行管理员'],
  批发业: ['营销员', '电子商务师'],
  零售业: ['营销员', '连锁经营管理师'],
  电气机械和器材制造业: ['电工', '电子设备装接工', '工具钳工'],
  金属制品业: ['焊工', '车工', '金属热处理工'],
  通用设备制造业: ['钳工', '车工', '数控车工'],
  '纺织服装、服饰业': ['缝纫工', '服装制版师'],
  餐饮业: ['中式烹调师', '中式面点师', '餐厅服务员'],
  商务服务业: ['企业人力资源管理师', '会展策划师'],
  房屋建筑业: ['砌筑工', '钢筋工', '建筑电工'],
  科技推广和应用服务业: ['农业技术员', '环境监测员'],
};
const SKILL_LEVELS = ['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师'] as const;

function skillCertificates(facts: DemoFacts): Row[] {
  const rng = rngFor(0x8103);
  const workers = shuffled(
    rng,
    facts.citizens.filter((c) => facts.pensions.get(c.idNumber)?.employer && !facts.lawyers.some((l) => l.citizen === c)),
  ).slice(0, 100);
  return workers.map((c, i) => {
    const employer = facts.pensions.get(c.idNumber)!.employer!;
    const level = Math.min(
      weighted(rng, [
        [0, 30],
        [1, 35],
        [2, 25],
        [3, 8],
        [4, 2],
      ] as const),
      ageOn(c.birthDate, AS_OF) < 25 ? 1 : 4,
    );
    const year = dateBetween(rng, later(addYears(c.birthDate, 18), '2019-01-01'), AS_OF).slice(2, 4);
    return {
      certificate_no: `S000033${employer.regionCode.slice(2)}${year}${5 - level}${pad(i + 1, 5)}`,
      id_number: c.idNumber,
      name: c.name,
      occupation: pick(rng, OCCUPATIONS[employer.industry] ?? ['企业人力资源管理师']),
      level: SKILL_LEVELS[level],
    };
  });
}

// ── 民政厅: 婚姻登记, 低保, 残疾人两项补贴 ──

function marriages(facts: DemoFacts): Row[] {
  const serials = new Map<string, number>();
  const serial = (prefix: string) => {
    const n = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, n);
    return pad(n, 6);
  };
  return facts.couples.map((c) => {
    const county = countyOf(c.husband);
    const [kind, letter, on] = c.divorcedOn ? (['离婚', 'L', c.divorcedOn] as const) : (['结婚', 'J', c.marriedOn] as const);
    const prefix = `${letter}${county}-${on.slice(0, 4)}`;
    return {
      certificate_no: `${prefix}-${serial(prefix)}`,
      id_number: c.husband.idNumber,
      female_id_number: c.wife.idNumber,
      kind,
      registered_on: on,
    };
  });
}

function lowIncomeSupport(facts: DemoFacts): Row[] {
  const rng = rngFor(0x9102);
  return [...facts.lowIncome].map(([id, size]) => {
    const c = facts.byId.get(id)!;
    const standard = LOW_INCOME_STANDARD[countyOf(c)] ?? 1150;
    return {
      id_number: id,
      name: c.name,
      household_size: size,
      monthly_amount: Math.round(standard * size * (0.35 + rng() * 0.6)),
      region_code: c.regionCode,
    };
  });
}

/** 残疾人证号 is the 身份证号, the 残疾类别 (1–7) and the 等级 (1–4); 生活补贴 goes to 低保 families, 护理补贴 to grades 1–2. */
function disabilitySubsidies(facts: DemoFacts): Row[] {
  const rng = rngFor(0x9103);
  return [...facts.disabled].map((id) => {
    const c = facts.byId.get(id)!;
    const standard = LOW_INCOME_STANDARD[countyOf(c)] ?? 1150;
    const poor = facts.lowIncome.has(id);
    const grade = poor ? intBetween(rng, 1, 4) : intBetween(rng, 1, 2);
    return {
      id_number: id,
      name: c.name,
      disability_card_no: `${id}${intBetween(rng, 1, 7)}${grade}`,
      subsidy_kind: poor ? '困难残疾人生活补贴' : '重度残疾人护理补贴',
      monthly_amount: Math.round(standard * (poor ? 0.3 : grade === 1 ? 0.5 : 0.3)),
    };
  });
}

// ── 司法厅: 律师, 公证 ──

function lawyerLicences(facts: DemoFacts): Row[] {
  const rng = rngFor(0xa101);
  return facts.lawyers.map(({ citizen, firm, licensedOn }, i) => ({
    licence_no: `1${firm.regionCode.slice(0, 4)}${licensedOn.slice(0, 4)}1${citizen.sex === 'M' ? 0 : 1}${pad(100_000 + i * 211, 6)}`,
    name: citizen.name,
    firm: firm.name,
    status: rng() < 0.92 ? '正常执业' : '暂停执业',
  }));
}

const NOTARIAL_MATTERS = ['学历公证', '出生公证', '无犯罪记录公证', '委托公证', '声明书公证', '亲属关系公证', '学位公证'] as const;

function notarialCertificates(facts: DemoFacts): Row[] {
  const rng = rngFor(0xa102);
  const applicants = shuffled(
    rng,
    facts.citizens.filter((c) => ageOn(c.birthDate, AS_OF) >= 18),
  ).slice(0, 60);
  return applicants.map((c, i) => {
    const issuedOn = dateBetween(rng, later(addYears(c.birthDate, 18), '2023-01-01'), AS_OF);
    return {
      notarial_no: `（${issuedOn.slice(0, 4)}）浙${COUNTY_ABBR[countyOf(c)] ?? '杭'}证字第${1000 + i * 17}号`,
      matter: pick(rng, NOTARIAL_MATTERS),
      id_number: c.idNumber,
      issued_on: issuedOn,
    };
  });
}

// ── 医保局, 省人民医院: 医保参保, 门诊, 结算 ──

type MedicalType = '职工基本医疗保险' | '城乡居民基本医疗保险';
const medicalTypeOf = (facts: DemoFacts, c: DemoCitizen): MedicalType =>
  facts.pensions.get(c.idNumber)?.type === '企业职工基本养老保险' ? '职工基本医疗保险' : '城乡居民基本医疗保险';

function medicalInsurance(facts: DemoFacts): Row[] {
  const rng = rngFor(0xb101);
  return facts.citizens.map((c) => {
    const pension = facts.pensions.get(c.idNumber);
    const type = medicalTypeOf(facts, c);
    const status =
      type === '城乡居民基本医疗保险'
        ? '参保缴费'
        : pension?.status === '待遇享受'
          ? '退休人员参保'
          : pension?.status === '暂停缴费'
            ? '暂停缴费'
            : '参保缴费';
    const since =
      type === '职工基本医疗保险'
        ? pension!.since
        : ageOn(c.birthDate, AS_OF) < 18
          ? earlier(AS_OF, addDays(c.birthDate, intBetween(rng, 3, 90)))
          : dateBetween(rng, later(c.birthDate, '2017-01-01'), AS_OF);
    return { id_number: c.idNumber, name: c.name, insurance_type: type, status, since };
  });
}

const VISITS: Readonly<Record<'child' | 'senior' | 'adult' | 'mother', readonly (readonly [string, string])[]>> = {
  child: [
    ['儿科', '急性上呼吸道感染'],
    ['儿科', '急性支气管炎'],
    ['儿科', '手足口病'],
    ['儿科', '小儿腹泻'],
  ],
  senior: [
    ['心血管内科', '原发性高血压'],
    ['内分泌科', '2型糖尿病'],
    ['骨科', '腰椎间盘突出症'],
    ['眼科', '老年性白内障'],
  ],
  adult: [
    ['消化内科', '慢性胃炎'],
    ['呼吸内科', '急性支气管炎'],
    ['皮肤科', '湿疹'],
    ['口腔科', '龋齿'],
    ['眼科', '结膜炎'],
    ['骨科', '颈椎病'],
  ],
  mother: [['妇产科', '孕期检查']],
};

interface Visit {
  patient: DemoCitizen;
  visitNo: string;
  department: string;
  diagnosis: string;
  visitedOn: string;
}

/** A visit each for 260 patients of 浙江省人民医院 this year, all paid through 医保. */
function hospitalVisits(facts: DemoFacts): Visit[] {
  const rng = rngFor(0xc101);
  const wives = new Set(facts.couples.filter((c) => !c.divorcedOn).map((c) => c.wife.idNumber));
  return shuffled(rng, facts.citizens)
    .slice(0, 260)
    .map((patient, i) => {
      const age = ageOn(patient.birthDate, AS_OF);
      const group =
        age < 14
          ? VISITS.child
          : age >= 55
            ? VISITS.senior
            : wives.has(patient.idNumber) && age <= 40 && rng() < 0.3
              ? VISITS.mother
              : VISITS.adult;
      const [department, diagnosis] = pick(rng, group);
      const visitedOn = dateBetween(rng, '2026-01-05', AS_OF);
      return { patient, department, diagnosis, visitedOn, visitNo: `MZ${visitedOn.replaceAll('-', '')}${pad(10_000 + i * 7, 5)}` };
    });
}

function outpatientVisits(visits: Visit[]): Row[] {
  return visits.map((v) => ({
    visit_no: v.visitNo,
    id_number: v.patient.idNumber,
    department: v.department,
    diagnosis: v.diagnosis,
    visited_on: v.visitedOn,
  }));
}

function settlements(facts: DemoFacts, visits: Visit[]): Row[] {
  const rng = rngFor(0xb102);
  return visits.map((v, i) => {
    const total = money(intBetween(rng, 60, v.department === '骨科' || v.department === '眼科' ? 2400 : 900) + rng());
    const share = medicalTypeOf(facts, v.patient) === '职工基本医疗保险' ? 0.7 + rng() * 0.15 : 0.5 + rng() * 0.15;
    return {
      settlement_no: `JS${v.visitedOn.replaceAll('-', '')}${pad(i + 1, 6)}`,
      id_number: v.patient.idNumber,
      institution: '浙江省人民医院',
      total,
      fund_paid: money(total * share),
    };
  });
}

// ── 法院, 检察院, 总工会 ──

const OBLIGATIONS = ['偿还借款本金', '支付货款', '支付工程款', '赔偿损失', '支付租金'] as const;

function defaulters(facts: DemoFacts): Row[] {
  const rng = rngFor(0x1b01);
  const busy = new Set(facts.lawyers.map((l) => l.citizen.idNumber));
  return shuffled(
    rng,
    facts.citizens.filter((c) => ageOn(c.birthDate, AS_OF) >= 25 && !busy.has(c.idNumber)),
  )
    .slice(0, 24)
    .map((c, i) => {
      const publishedOn = dateBetween(rng, '2024-03-01', AS_OF);
      return {
        case_no: `（${publishedOn.slice(0, 4)}）浙${countyOf(c).slice(2)}执${pad(300 + i * 41, 4)}号`,
        party_id: c.idNumber,
        party_name: c.name,
        obligation: `${pick(rng, OBLIGATIONS)}人民币${intBetween(rng, 2, 80) * 10_000}元及利息`,
        published_on: publishedOn,
      };
    });
}

const DIFFICULTIES = ['因病致困', '子女就学困难', '单亲家庭', '因灾致困', '家庭成员重残'] as const;

function strugglingWorkers(facts: DemoFacts): Row[] {
  const rng = rngFor(0x1c01);
  const workers = facts.citizens.filter((c) => {
    const p = facts.pensions.get(c.idNumber);
    return p?.status === '参保缴费' && p.employer && p.employer.industry !== '法律服务';
  });
  return shuffled(rng, workers)
    .slice(0, 30)
    .map((c) => ({
      id_number: c.idNumber,
      name: c.name,
      employer: facts.pensions.get(c.idNumber)!.employer!.name,
      difficulty: pick(rng, DIFFICULTIES),
      aid_amount: pick(rng, [2000, 3000, 5000, 8000]),
    }));
}

const PUBLIC_INTEREST_FIELDS = [
  '生态环境和资源保护',
  '食品药品安全',
  '国有财产保护',
  '国有土地使用权出让',
  '安全生产',
  '个人信息保护',
] as const;
const PUBLIC_INTEREST_STAGES = ['立案', '诉前程序', '提起诉讼', '结案'] as const;

function publicInterestCases(): Row[] {
  const rng = rngFor(0x1d01);
  return Array.from({ length: 20 }, (_, i) => {
    const county = pick(rng, Object.keys(COUNTY_ABBR));
    const filedOn = dateBetween(rng, '2024-01-01', AS_OF);
    return {
      case_no: `${COUNTY_ABBR[county]}检公益立〔${filedOn.slice(0, 4)}〕${i + 1}号`,
      field: pick(rng, PUBLIC_INTEREST_FIELDS),
      stage: pick(rng, PUBLIC_INTEREST_STAGES),
      filed_on: filedOn,
    };
  });
}

/**
 * Records for the demo catalog's resources that are not open data, by resource code. Every
 * 身份证号 is a demo citizen's and every 统一社会信用代码 a demo enterprise's (or, for a
 * lawyer's employer, a demo law firm's); 死亡医学证明 stays empty, since every demo citizen lives.
 */
export function demoRecords(): Record<string, Row[]> {
  const facts = demoFacts();
  const visits = hospitalVisits(facts);
  return {
    '330000-GA-0001': population(facts),
    '330000-GA-0002': identityCards(facts),
    '330000-GA-0003': vehicles(facts),
    '330000-GA-0004': drivingLicences(facts),
    '330000-WJ-0001': birthCertificates(facts),
    '330000-WJ-0003': vaccinations(facts),
    '330000-RS-0001': socialInsurance(facts),
    '330000-RS-0002': employment(facts),
    '330000-RS-0003': skillCertificates(facts),
    '330000-MZ-0001': marriages(facts),
    '330000-MZ-0002': lowIncomeSupport(facts),
    '330000-MZ-0003': disabilitySubsidies(facts),
    '330000-SF-0001': lawyerLicences(facts),
    '330000-SF-0002': notarialCertificates(facts),
    '330000-YB-0001': medicalInsurance(facts),
    '330000-YB-0002': settlements(facts, visits),
    '330000-SC-0001': enterpriseRegistrations(facts),
    '330000-SC-0002': penalties(facts),
    '330000-SC-0003': foodLicences(facts),
    '330000-FG-0001': creditRecords(facts),
    '330000-FG-0002': investmentProjects(facts),
    '330000-JX-0001': perMuResults(facts),
    '330000-JX-0002': electricity(facts),
    '330000-FY-0001': defaulters(facts),
    '330000-GH-0001': strugglingWorkers(facts),
    '330000-YY-0001': outpatientVisits(visits),
    '330000-JC-0001': publicInterestCases(),
    '330000-SW-0001': taxPayments(facts),
    '330000-ZJ-0001': housingFund(facts),
    '330000-ZR-0001': realEstate(facts),
    '330000-JY-0001': studentEnrolments(facts),
  };
}
