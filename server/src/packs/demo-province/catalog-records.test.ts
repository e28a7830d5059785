import { describe, expect, it } from 'vitest';
import { recordProblems, type Field } from '../../platform/catalog/index.ts';
import { demoResources } from './catalog.ts';
import { ageOn, demoLawFirms, demoRecordsAsOf } from './catalog-facts.ts';
import { demoRecords } from './catalog-records.ts';
import { generateCitizens, generateEnterprises } from './people.ts';

type Row = Record<string, unknown>;

const records = demoRecords();
const citizens = new Map(generateCitizens().map((c) => [c.idNumber, c]));
const enterprises = new Map(generateEnterprises().map((e) => [e.uscc, e]));
const lawFirms = new Map(demoLawFirms().map((f) => [f.creditCode, f]));

function resource(code: string) {
  const found = demoResources.find((r) => r.code === code);
  if (!found) throw new Error(`no demo resource ${code}`);
  return found;
}
const rows = (code: string): Row[] => records[code] ?? [];
const byKey = (code: string, field: string) => new Map(rows(code).map((r) => [r[field] as string, r]));
const citizen = (id: unknown) => {
  const found = citizens.get(id as string);
  if (!found) throw new Error(`${String(id)} is not a demo citizen`);
  return found;
};

describe('demo catalog records', () => {
  it('fill every resource that is not open data but 死亡医学证明 (every demo citizen lives), 5,000–8,000 in all', () => {
    const closed = demoResources.filter((r) => r.domain !== 'open' && r.code !== '330000-WJ-0002').map((r) => r.code);
    expect(Object.keys(records).sort()).toEqual(closed.sort());
    for (const code of closed) expect(rows(code).length, code).toBeGreaterThanOrEqual(20);
    const total = Object.values(records).reduce((n, r) => n + r.length, 0);
    expect(total).toBeGreaterThanOrEqual(5000);
    expect(total).toBeLessThanOrEqual(8000);
  });

  it('pass their resource’s field rules, so RecordStore.put takes them', () => {
    for (const [code, list] of Object.entries(records)) {
      const fields: Field[] = resource(code).fields;
      const byName = new Map(fields.map((f) => [f.name, f]));
      expect(
        list.flatMap((record, i) => recordProblems(fields, byName, record, i + 1)),
        code,
      ).toEqual([]);
    }
  });

  it('have unique values in every key field of a resource', () => {
    for (const [code, list] of Object.entries(records)) {
      for (const field of resource(code).fields.filter((f) => f.key)) {
        expect(new Set(list.map((r) => r[field.name])).size, `${code} ${field.name}`).toBe(list.length);
      }
    }
  });

  it('carry real calendar dates, past events on or before the demo day', () => {
    for (const [code, list] of Object.entries(records)) {
      for (const field of resource(code).fields.filter((f) => f.type === 'date')) {
        for (const r of list) {
          const value = r[field.name] as string | undefined;
          if (value === undefined) continue;
          expect(new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10), `${code} ${field.name}`).toBe(value);
          if (field.name !== 'valid_to') expect(value <= demoRecordsAsOf, `${code} ${field.name} ${value}`).toBe(true);
        }
      }
    }
  });

  it('are deterministic', () => {
    expect(demoRecords()).toEqual(records);
  });
});

describe('demo catalog records agree about people', () => {
  it('list every demo citizen in 户籍人口 and 居民身份证 as generated, 户籍 with the citizen’s own region code', () => {
    const population = byKey('330000-GA-0001', 'id_number');
    const cards = byKey('330000-GA-0002', 'id_number');
    expect(population.size).toBe(1000);
    expect(cards.size).toBe(1000);
    for (const c of citizens.values()) {
      expect(population.get(c.idNumber)).toMatchObject({
        name: c.name,
        gender: c.sex === 'M' ? '男' : '女',
        birth_date: c.birthDate,
        region_code: c.regionCode,
      });
      expect(cards.get(c.idNumber)).toMatchObject({ name: c.name });
    }
  });

  it('give every 身份证号 to a demo citizen, under the same name', () => {
    const nameFields: Record<string, string> = {
      id_number: 'name',
      party_id: 'party_name',
      legal_rep_id_number: 'legal_representative',
    };
    for (const [code, list] of Object.entries(records)) {
      const idFields = resource(code).fields.filter((f) => f.type === 'id_number');
      for (const r of list) {
        for (const field of idFields) {
          const person = citizen(r[field.name]);
          const nameField = code === '330000-GA-0003' ? 'owner_name' : nameFields[field.name];
          if (nameField && nameField in r) expect(r[nameField], `${code} ${field.name}`).toBe(person.name);
        }
      }
    }
    const names = new Set([...citizens.values()].map((c) => c.name));
    for (const lawyer of rows('330000-SF-0001')) expect(names.has(lawyer.name as string)).toBe(true);
  });

  it('register marriages of a man of 22 or more and a woman of 20 or more, each once', () => {
    const spouses = new Set<string>();
    for (const m of rows('330000-MZ-0001')) {
      const husband = citizen(m.id_number);
      const wife = citizen(m.female_id_number);
      expect([husband.sex, wife.sex]).toEqual(['M', 'F']);
      expect(ageOn(husband.birthDate, m.registered_on as string)).toBeGreaterThanOrEqual(22);
      expect(ageOn(wife.birthDate, m.registered_on as string)).toBeGreaterThanOrEqual(20);
      expect(['结婚', '离婚']).toContain(m.kind);
      expect(spouses.has(wife.idNumber) || spouses.has(husband.idNumber)).toBe(false);
      spouses.add(husband.idNumber).add(wife.idNumber);
    }
  });

  it('certify births of demo citizens to married parents, the mother 20–45 and the baby named after one of them', () => {
    const weddings = byKey('330000-MZ-0001', 'id_number');
    const population = [...citizens.values()];
    for (const b of rows('330000-WJ-0001')) {
      const mother = citizen(b.id_number);
      const father = citizen(b.father_id_number);
      const wedding = weddings.get(father.idNumber);
      expect(wedding).toMatchObject({ female_id_number: mother.idNumber, kind: '结婚' });
      expect((wedding!.registered_on as string) < (b.birth_date as string)).toBe(true);
      const age = ageOn(mother.birthDate, b.birth_date as string);
      expect(age >= 20 && age <= 45, `mother ${age}`).toBe(true);
      const baby = population.find((c) => c.name === b.baby_name && c.birthDate === b.birth_date);
      expect(baby, `${String(b.baby_name)} ${String(b.birth_date)}`).toBeDefined();
      expect(b.gender).toBe(baby!.sex === 'M' ? '男' : '女');
      expect([father.name.charAt(0), mother.name.charAt(0)]).toContain(baby!.name.charAt(0));
    }
  });

  it('vaccinate children under seven, after they were born', () => {
    for (const v of rows('330000-WJ-0003')) {
      const child = citizen(v.id_number);
      expect(ageOn(child.birthDate, demoRecordsAsOf)).toBeLessThan(7);
      expect((v.vaccinated_on as string) >= child.birthDate).toBe(true);
    }
  });

  it('insure workers with an enterprise in business or a law firm, and register them there', () => {
    const registered = byKey('330000-SC-0001', 'credit_code');
    const jobs = byKey('330000-RS-0002', 'id_number');
    const medical = byKey('330000-YB-0001', 'id_number');
    expect(medical.size).toBe(1000);
    for (const s of rows('330000-RS-0001')) {
      const person = citizen(s.id_number);
      expect(ageOn(person.birthDate, s.since as string)).toBeGreaterThanOrEqual(18);
      expect(medical.get(person.idNumber)?.insurance_type).toBe(
        s.insurance_type === '企业职工基本养老保险' ? '职工基本医疗保险' : '城乡居民基本医疗保险',
      );
      if (!s.employer_credit_code) {
        expect(jobs.has(person.idNumber)).toBe(false);
        continue;
      }
      const code = s.employer_credit_code as string;
      const employer = enterprises.get(code)?.name ?? lawFirms.get(code)?.name;
      expect(employer, code).toBeDefined();
      if (enterprises.has(code)) expect(registered.get(code)?.status).toBe('存续');
      expect(jobs.get(person.idNumber)).toMatchObject({
        employer,
        kind: s.status === '参保缴费' ? '就业登记' : '失业登记',
      });
    }
    for (const w of rows('330000-GH-0001'))
      expect(jobs.get(w.id_number as string)).toMatchObject({ employer: w.employer, kind: '就业登记' });
  });

  it('let only licensed drivers own cars, registered once they were 18', () => {
    const licences = byKey('330000-GA-0004', 'id_number');
    for (const v of rows('330000-GA-0003')) {
      expect(licences.has(v.id_number as string)).toBe(true);
      expect(ageOn(citizen(v.id_number).birthDate, v.registered_on as string)).toBeGreaterThanOrEqual(18);
    }
  });

  it('give 低保 to people not at work and without a car; 残疾人证号 is the 身份证号, category and grade', () => {
    const working = new Set(
      rows('330000-RS-0001')
        .filter((s) => s.status === '参保缴费' && s.employer_credit_code)
        .map((s) => s.id_number),
    );
    const owners = new Set(rows('330000-GA-0003').map((v) => v.id_number));
    const lowIncome = byKey('330000-MZ-0002', 'id_number');
    for (const id of lowIncome.keys()) {
      expect(working.has(id)).toBe(false);
      expect(owners.has(id)).toBe(false);
      expect(lowIncome.get(id)?.region_code).toBe(citizen(id).regionCode);
    }
    for (const d of rows('330000-MZ-0003')) {
      expect(d.disability_card_no).toMatch(new RegExp(`^${String(d.id_number)}[1-7][1-4]$`));
      if (d.subsidy_kind === '困难残疾人生活补贴') expect(lowIncome.has(d.id_number as string)).toBe(true);
      else expect(d.disability_card_no).toMatch(/[12]$/);
    }
  });

  it('keep 公积金 with the 社保 employer: 正常缴存 while insured there, 封存 after leaving', () => {
    const insured = byKey('330000-RS-0001', 'id_number');
    const jobs = byKey('330000-RS-0002', 'id_number');
    const funds = rows('330000-ZJ-0001');
    expect(funds.length).toBeGreaterThan(100);
    for (const h of funds) {
      const s = insured.get(h.id_number as string);
      expect(s?.employer_credit_code, String(h.id_number)).toBe(h.employer_credit_code);
      expect(jobs.get(h.id_number as string)?.employer).toBe(h.employer);
      expect(h.status).toBe(s!.status === '参保缴费' ? '正常缴存' : '封存');
      expect((h.opened_on as string) >= (s!.since as string)).toBe(true);
    }
  });

  it('register property of adults, a jointly owned home to both spouses of a standing marriage', () => {
    const weddings = byKey('330000-MZ-0001', 'id_number');
    const joint = new Map<string, Row[]>();
    for (const p of rows('330000-ZR-0001')) {
      expect(ageOn(citizen(p.id_number).birthDate, p.registered_on as string)).toBeGreaterThanOrEqual(18);
      if (p.co_ownership === '共同共有') joint.set(p.address as string, [...(joint.get(p.address as string) ?? []), p]);
    }
    expect(joint.size).toBeGreaterThan(10);
    for (const [address, owners] of joint) {
      expect(owners, address).toHaveLength(2);
      const people = owners.map((o) => citizen(o.id_number));
      const husband = people.find((c) => c.sex === 'M')!;
      const wife = people.find((c) => c.sex === 'F')!;
      const wedding = weddings.get(husband.idNumber);
      expect(wedding, address).toMatchObject({ female_id_number: wife.idNumber, kind: '结婚' });
      expect(owners[0]!.registered_on).toBe(owners[1]!.registered_on);
      expect((owners[0]!.registered_on as string) >= (wedding!.registered_on as string)).toBe(true);
    }
  });

  it('enrol demo citizens of 6–18 in the grade their birth date gives, 学籍号 G and the 身份证号', () => {
    const entryAges: Record<string, readonly number[]> = { 小学: [6, 7], 初中: [12, 13], 普通高中: [15, 16], 中等职业教育: [15, 16] };
    const pupils = rows('330000-JY-0001');
    expect(pupils.length).toBeGreaterThan(100);
    for (const e of pupils) {
      const pupil = citizen(e.id_number);
      const age = ageOn(pupil.birthDate, demoRecordsAsOf);
      expect(age >= 6 && age <= 18, `${pupil.idNumber} is ${age}`).toBe(true);
      expect(e.student_no).toBe(`G${pupil.idNumber}`);
      expect(entryAges[e.stage as string], `${String(e.stage)}`).toContain(ageOn(pupil.birthDate, e.enrolled_on as string));
    }
  });

  it('settle through 医保 each 门诊 visit of an insured patient, the fund paying part', () => {
    const insured = byKey('330000-YB-0001', 'id_number');
    const visits = byKey('330000-YY-0001', 'id_number');
    for (const s of rows('330000-YB-0002')) {
      expect(insured.has(s.id_number as string)).toBe(true);
      expect(visits.has(s.id_number as string)).toBe(true);
      expect(s.fund_paid as number).toBeLessThanOrEqual(s.total as number);
    }
  });
});

describe('demo catalog records agree about enterprises', () => {
  it('register all 300 demo enterprises as generated', () => {
    const registered = byKey('330000-SC-0001', 'credit_code');
    expect(registered.size).toBe(300);
    for (const e of enterprises.values()) {
      expect(registered.get(e.uscc)).toMatchObject({
        enterprise_name: e.name,
        registered_capital: e.registeredCapitalWan,
        established_on: e.establishedOn,
      });
    }
  });

  it('name every 统一社会信用代码 after its demo enterprise', () => {
    for (const [code, list] of Object.entries(records)) {
      const codeFields = resource(code).fields.filter((f) => f.type === 'credit_code' && f.name !== 'employer_credit_code');
      for (const r of list) {
        for (const field of codeFields) {
          const e = enterprises.get(r[field.name] as string);
          expect(e, `${code} ${String(r[field.name])}`).toBeDefined();
          if ('enterprise_name' in r) expect(r.enterprise_name).toBe(e!.name);
        }
      }
    }
  });

  it('take one 纳税 declaration from each enterprise in business (none struck off), for its taxpayer kind’s period', () => {
    const registered = byKey('330000-SC-0001', 'credit_code');
    const active = [...registered.values()].filter((r) => r.status === '存续').map((r) => r.credit_code as string);
    const taxes = rows('330000-SW-0001');
    expect(taxes.map((t) => t.credit_code as string).sort()).toEqual(active.sort());
    for (const t of taxes) {
      expect(registered.get(t.credit_code as string)?.status).toBe('存续');
      expect(t.vat as number).toBeLessThanOrEqual(t.total_tax as number);
      expect(t.tax_period).toBe(t.taxpayer_type === '一般纳税人' ? '2026-09-01至2026-09-30' : '2026-07-01至2026-09-30');
    }
  });

  it('keep struck-off enterprises out of power, food and projects, and penalised ones below a 750 credit score', () => {
    const closed = new Set(
      rows('330000-SC-0001')
        .filter((r) => r.status === '注销')
        .map((r) => r.credit_code),
    );
    for (const code of ['330000-JX-0001', '330000-JX-0002', '330000-SC-0003', '330000-FG-0002']) {
      for (const r of rows(code)) expect(closed.has(r.credit_code), code).toBe(false);
    }
    const credit = byKey('330000-FG-0001', 'credit_code');
    for (const p of rows('330000-SC-0002')) {
      expect(credit.get(p.credit_code as string)?.credit_score as number).toBeLessThan(750);
      expect((p.decided_on as string) > enterprises.get(p.credit_code as string)!.establishedOn).toBe(true);
    }
    expect([...byKey('330000-JX-0002', 'credit_code').keys()]).toEqual([...byKey('330000-JX-0001', 'credit_code').keys()]);
  });
});
