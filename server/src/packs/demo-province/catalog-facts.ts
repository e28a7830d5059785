// The facts the demo catalog's records are drawn from (catalog-records.ts): who works where,
// who is married to whom and whose baby is whose, who drives, who draws 低保 — decided once,
// so every department's records agree. Deterministic: each decision draws from its own seeded
// generator, so changing one leaves the others as they were.

import { organisationCodeCheckDigit, usccAlphabet, usccCheckDigit } from '../../platform/identity/index.ts';
import { generateCitizens, generateEnterprises, intBetween, mulberry32, pick } from './people.ts';
import type { DemoCitizen, DemoEnterprise, Rng } from './people.ts';
import { demoRegionByCode } from './regions.ts';

export type Row = Record<string, unknown>;

/** The demo's "today": every registration, visit and decision happened on or before it. */
export const demoRecordsAsOf = '2026-10-31';
const AS_OF = demoRecordsAsOf;
const SEED = 2026;

// ── dates (YYYY-MM-DD strings; they compare correctly as text) ──

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);
export const later = (a: string, b: string): string => (a > b ? a : b);
export const earlier = (a: string, b: string): string => (a < b ? a : b);

export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = date.slice(5) === '02-29' && !leap ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

/** A date in [from, to], both inclusive; `from` when the range is empty. */
export function dateBetween(rng: Rng, from: string, to: string): string {
  return addDays(from, intBetween(rng, 0, Math.max(0, dayNumber(to) - dayNumber(from))));
}

/** Completed years of age on a date. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

// ── small helpers ──

export const rngFor = (salt: number): Rng => mulberry32(SEED ^ salt);
export const sexLabel = (c: DemoCitizen) => (c.sex === 'M' ? '男' : '女');
export const countyOf = (c: DemoCitizen) => c.regionCode.slice(0, 6);
const surnameOf = (name: string) => name.charAt(0);
export const money = (yuan: number) => Math.round(yuan * 100) / 100;
export const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The value of the first weight bucket `rng()` falls in. */
export function weighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  let r = rng() * total;
  for (const [value, w] of choices) if ((r -= w) < 0) return value;
  return choices[choices.length - 1]![0];
}

export const regionName = (code: string) => demoRegionByCode.get(code)?.name ?? '';
export const cityName = (county: string) => regionName(`${county.slice(0, 4)}00`);

/** Short names of the demo counties for document numbers (浙杭西证字, 甬鄞市监罚 …). */
export const COUNTY_ABBR: Readonly<Record<string, string>> = {
  '330106': '杭西',
  '330110': '杭余',
  '330212': '甬鄞',
  '330382': '温乐',
  '330784': '金永',
};

// ── the facts every department's records are drawn from ──

/** An employer that pays social insurance: a demo enterprise or a law firm. */
export interface DemoEmployer {
  creditCode: string;
  name: string;
  industry: string;
  regionCode: string;
  establishedOn: string;
}

type PensionType = '企业职工基本养老保险' | '城乡居民基本养老保险';
interface Pension {
  type: PensionType;
  status: '参保缴费' | '暂停缴费' | '待遇享受';
  since: string;
  employer?: DemoEmployer;
  /** 失业登记 date of someone whose contributions stopped */
  leftOn?: string;
}

interface Couple {
  husband: DemoCitizen;
  wife: DemoCitizen;
  marriedOn: string;
  divorcedOn?: string;
}

interface Birth {
  baby: DemoCitizen;
  couple: Couple;
}

interface Driver {
  citizen: DemoCitizen;
  licensedOn: string;
}

interface Lawyer {
  citizen: DemoCitizen;
  firm: DemoEmployer;
  licensedOn: string;
}

export interface DemoFacts {
  citizens: DemoCitizen[];
  byId: Map<string, DemoCitizen>;
  enterprises: DemoEnterprise[];
  /** credit codes of enterprises struck off (注销): no staff, no power, no projects */
  closed: Set<string>;
  representatives: Map<string, DemoCitizen>;
  lawyers: Lawyer[];
  pensions: Map<string, Pension>;
  couples: Couple[];
  births: Birth[];
  /** 低保: 身份证号 → household size */
  lowIncome: Map<string, number>;
  disabled: Set<string>;
  drivers: Driver[];
}

const LAW_FIRM_NAMES = [
  '浙江天册律师事务所',
  '浙江六和律师事务所',
  '浙江泽大律师事务所',
  '浙江京衡律师事务所',
  '浙江甬望律师事务所',
  '浙江瓯越律师事务所',
  '浙江丽泽律师事务所',
  '浙江五峰律师事务所',
] as const;

/** The law firms the demo lawyers practise at; '31' codes (registered by 司法行政). */
export function demoLawFirms(): DemoEmployer[] {
  const rng = rngFor(0x1a3f);
  const counties = ['330106', '330106', '330110', '330212', '330212', '330382', '330784', '330784'];
  return LAW_FIRM_NAMES.map((name, i) => {
    let body = 'MD';
    for (let k = 0; k < 6; k++) body += pick(rng, Array.from(usccAlphabet));
    const first17 = `31${counties[i]}${body}${organisationCodeCheckDigit(body)}`;
    return {
      creditCode: first17 + usccCheckDigit(first17),
      name,
      industry: '法律服务',
      regionCode: counties[i]!,
      establishedOn: `${1995 + i * 2}-0${(i % 9) + 1}-15`,
    };
  });
}

const asEmployer = (e: DemoEnterprise): DemoEmployer => ({
  creditCode: e.uscc,
  name: e.name,
  industry: e.industry,
  regionCode: e.regionCode,
  establishedOn: e.establishedOn,
});

const retired = (c: DemoCitizen) => ageOn(c.birthDate, AS_OF) >= (c.sex === 'M' ? 60 : 55);

function chooseRepresentatives(citizens: DemoCitizen[], enterprises: DemoEnterprise[]): Map<string, DemoCitizen> {
  const rng = rngFor(0x0e01);
  const reps = new Map<string, DemoCitizen>();
  for (const e of enterprises) {
    const fits = (c: DemoCitizen) => ageOn(c.birthDate, e.establishedOn) >= 22 && ageOn(c.birthDate, AS_OF) <= 65;
    const local = citizens.filter((c) => countyOf(c) === e.regionCode && fits(c));
    reps.set(e.uscc, pick(rng, local.length ? local : citizens.filter(fits)));
  }
  return reps;
}

function chooseLawyers(citizens: DemoCitizen[], taken: Set<string>): Lawyer[] {
  const rng = rngFor(0x1a40);
  const firms = demoLawFirms();
  const lawyers: Lawyer[] = [];
  for (const c of shuffled(rng, citizens)) {
    if (lawyers.length === 36) break;
    const age = ageOn(c.birthDate, AS_OF);
    if (taken.has(c.idNumber) || age < 26 || age > 62) continue;
    const firm = pick(rng, firms);
    lawyers.push({
      citizen: c,
      firm,
      licensedOn: dateBetween(rng, later(addYears(c.birthDate, 24), firm.establishedOn), addDays(AS_OF, -30)),
    });
  }
  return lawyers;
}

/** 社会保险: who works where (or worked, or farms), who draws a pension. */
function assignPensions(
  facts: Pick<DemoFacts, 'citizens' | 'enterprises' | 'closed' | 'representatives' | 'lawyers'>,
): Map<string, Pension> {
  const rng = rngFor(0x2b01);
  const pensions = new Map<string, Pension>();
  const open = facts.enterprises.filter((e) => !facts.closed.has(e.uscc)).map(asEmployer);
  const ownFirm = new Map<string, DemoEmployer>();
  for (const e of facts.enterprises) {
    const rep = facts.representatives.get(e.uscc)!;
    if (!facts.closed.has(e.uscc) && !ownFirm.has(rep.idNumber)) ownFirm.set(rep.idNumber, asEmployer(e));
  }
  for (const l of facts.lawyers) ownFirm.set(l.citizen.idNumber, l.firm);

  for (const c of facts.citizens) {
    const age = ageOn(c.birthDate, AS_OF);
    const adult = addYears(c.birthDate, 18);
    if (age < 18) continue;
    if (retired(c)) {
      const retiredOn = addYears(c.birthDate, c.sex === 'M' ? 60 : 55);
      if (rng() < 0.55) {
        const since = dateBetween(rng, later(addYears(c.birthDate, 20), '1992-01-01'), later(addYears(retiredOn, -15), '1992-01-01'));
        pensions.set(c.idNumber, { type: '企业职工基本养老保险', status: '待遇享受', since });
      } else {
        const since = dateBetween(rng, '2010-01-01', '2014-12-31');
        pensions.set(c.idNumber, { type: '城乡居民基本养老保险', status: age >= 60 ? '待遇享受' : '参保缴费', since });
      }
      continue;
    }
    const own = ownFirm.get(c.idNumber);
    if (own) {
      const since = earlier(AS_OF, addDays(later(own.establishedOn, adult), intBetween(rng, 0, 60)));
      pensions.set(c.idNumber, { type: '企业职工基本养老保险', status: '参保缴费', since, employer: own });
      continue;
    }
    if (age < 22 && rng() < 0.6) continue; // at school
    const r = rng();
    const local = open.filter((e) => e.regionCode === countyOf(c));
    const employer = pick(rng, rng() < 0.8 && local.length ? local : open);
    const from = later(employer.establishedOn, adult);
    if (r < 0.62 || (r < 0.72 && from > addDays(AS_OF, -400))) {
      pensions.set(c.idNumber, { type: '企业职工基本养老保险', status: '参保缴费', since: dateBetween(rng, from, AS_OF), employer });
    } else if (r < 0.72) {
      const since = dateBetween(rng, from, addDays(AS_OF, -400));
      const leftOn = dateBetween(rng, addDays(since, 180), addDays(AS_OF, -10));
      pensions.set(c.idNumber, { type: '企业职工基本养老保险', status: '暂停缴费', since, employer, leftOn });
    } else if (r < 0.95) {
      pensions.set(c.idNumber, {
        type: '城乡居民基本养老保险',
        status: '参保缴费',
        since: dateBetween(rng, later(adult, '2010-01-01'), AS_OF),
      });
    }
  }
  return pensions;
}

/** 婚姻: husbands 22+ and wives 20+ on the day; a baby of the couple is born after the wedding. */
function marryCouples(citizens: DemoCitizen[]): { couples: Couple[]; births: Birth[] } {
  const rng = rngFor(0x3c01);
  const men = shuffled(
    rng,
    citizens.filter((c) => c.sex === 'M' && ageOn(c.birthDate, AS_OF) >= 23),
  );
  const women = shuffled(
    rng,
    citizens.filter((c) => c.sex === 'F' && ageOn(c.birthDate, AS_OF) >= 21),
  );
  const babies = citizens.filter((c) => c.birthDate >= '1996-01-01');
  const taken = new Set<string>();
  const couples: Couple[] = [];
  const births: Birth[] = [];
  for (const husband of men) {
    if (couples.length === 230) break;
    const suits = (w: DemoCitizen) =>
      !taken.has(w.idNumber) && w.birthDate >= addYears(husband.birthDate, -2) && w.birthDate <= addYears(husband.birthDate, 8);
    const local = women.filter((w) => suits(w) && countyOf(w) === countyOf(husband));
    const wife = local[0] ?? women.find(suits);
    if (!wife) continue;
    taken.add(husband.idNumber).add(wife.idNumber);
    const adultsFrom = later(addYears(husband.birthDate, 22), addYears(wife.birthDate, 20));
    // A child of theirs among the demo citizens: carrying the father's surname (or, now and then, the mother's).
    if (births.length < 130) {
      const surname = rng() < 0.9 ? surnameOf(husband.name) : surnameOf(wife.name);
      const fits = (b: DemoCitizen) =>
        !taken.has(b.idNumber) &&
        surnameOf(b.name) === surname &&
        addDays(b.birthDate, -300) >= adultsFrom &&
        ageOn(wife.birthDate, b.birthDate) <= 42;
      const baby = babies.find((b) => fits(b) && countyOf(b) === countyOf(wife)) ?? babies.find(fits);
      if (baby) {
        taken.add(baby.idNumber);
        const couple: Couple = { husband, wife, marriedOn: dateBetween(rng, adultsFrom, addDays(baby.birthDate, -300)) };
        births.push({ baby, couple });
        couples.push(couple);
        continue;
      }
    }
    const marriedOn = dateBetween(rng, adultsFrom, earlier(AS_OF, addYears(adultsFrom, 15)));
    const couple: Couple = { husband, wife, marriedOn };
    if (rng() < 0.08 && addYears(marriedOn, 2) < AS_OF) couple.divorcedOn = dateBetween(rng, addYears(marriedOn, 2), AS_OF);
    couples.push(couple);
  }
  return { couples, births };
}

function chooseLowIncome(facts: Pick<DemoFacts, 'citizens' | 'pensions' | 'couples' | 'representatives' | 'lawyers'>): Map<string, number> {
  const rng = rngFor(0x4d01);
  const busy = new Set([...facts.representatives.values(), ...facts.lawyers.map((l) => l.citizen)].map((c) => c.idNumber));
  const married = new Set(facts.couples.filter((c) => !c.divorcedOn).flatMap((c) => [c.husband.idNumber, c.wife.idNumber]));
  const households = new Map<string, number>();
  for (const c of shuffled(rng, facts.citizens)) {
    if (households.size === 40) break;
    const pension = facts.pensions.get(c.idNumber);
    if (ageOn(c.birthDate, AS_OF) < 25 || busy.has(c.idNumber) || pension?.type === '企业职工基本养老保险') continue;
    const size = married.has(c.idNumber) ? intBetween(rng, 2, 4) : ageOn(c.birthDate, AS_OF) >= 70 ? 1 : intBetween(rng, 1, 3);
    households.set(c.idNumber, size);
  }
  return households;
}

/** 残疾人: 15 of the 低保 recipients and 20 others who are not at work. */
function chooseDisabled(citizens: DemoCitizen[], pensions: Map<string, Pension>, lowIncome: Map<string, number>): Set<string> {
  const rng = rngFor(0x4d02);
  const poor = shuffled(rng, [...lowIncome.keys()]).slice(0, 15);
  const others = shuffled(
    rng,
    citizens.filter((c) => !lowIncome.has(c.idNumber) && pensions.get(c.idNumber)?.status !== '参保缴费'),
  ).slice(0, 20);
  return new Set([...poor, ...others.map((c) => c.idNumber)]);
}

function chooseDrivers(citizens: DemoCitizen[], pensions: Map<string, Pension>, excluded: Set<string>): Driver[] {
  const rng = rngFor(0x5e01);
  const drivers: Driver[] = [];
  for (const c of citizens) {
    const age = ageOn(c.birthDate, AS_OF);
    if (age < 18 || age > 75 || excluded.has(c.idNumber)) continue;
    const working = pensions.get(c.idNumber)?.status === '参保缴费';
    if (rng() >= (retired(c) ? 0.25 : working ? 0.6 : 0.35)) continue;
    drivers.push({ citizen: c, licensedOn: dateBetween(rng, later(addYears(c.birthDate, 18), '1995-01-01'), addDays(AS_OF, -30)) });
  }
  return drivers;
}

export function demoFacts(): DemoFacts {
  const citizens = generateCitizens();
  const enterprises = generateEnterprises();
  const rng = rngFor(0x0e02);
  const closed = new Set(enterprises.filter((e) => e.establishedOn < '2023-01-01' && rng() < 0.04).map((e) => e.uscc));
  const representatives = chooseRepresentatives(citizens, enterprises);
  const lawyers = chooseLawyers(citizens, new Set([...representatives.values()].map((c) => c.idNumber)));
  const pensions = assignPensions({ citizens, enterprises, closed, representatives, lawyers });
  const { couples, births } = marryCouples(citizens);
  const lowIncome = chooseLowIncome({ citizens, pensions, couples, representatives, lawyers });
  const disabled = chooseDisabled(citizens, pensions, lowIncome);
  const drivers = chooseDrivers(citizens, pensions, new Set([...lowIncome.keys(), ...disabled]));
  const byId = new Map(citizens.map((c) => [c.idNumber, c]));
  return { citizens, byId, enterprises, closed, representatives, lawyers, pensions, couples, births, lowIncome, disabled, drivers };
}
