import { describe, it, expect } from 'vitest';
import {
  maskName,
  maskPhone,
  maskResidentId,
  organisationCodeCheckDigit,
  residentIdCheckDigit,
  usccCheckDigit,
  validateResidentId,
  validateUscc,
} from './id-numbers.ts';

const NOW = new Date('2026-11-15T04:00:00Z');

/** Builds a 身份证号 with a correct check digit from its first 17 digits. */
function withCheckDigit(first17: string): string {
  return first17 + residentIdCheckDigit(first17);
}

describe('residentIdCheckDigit (GB 11643)', () => {
  it('computes X for the standard example 11010519491231002X', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('computes numeric check digits', () => {
    expect(residentIdCheckDigit('11010119900307447')).toBe('7');
    expect(residentIdCheckDigit('44030819990110151')).toBe('2');
  });

  it('refuses input that is not 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051949123100')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051949123100A')).toThrow(RangeError);
  });
});

describe('validateResidentId', () => {
  it('accepts the standard example and reads birth date, sex and region', () => {
    expect(validateResidentId('11010519491231002X', NOW)).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'F',
      regionCode: '110105',
    });
  });

  it('accepts a lower-case x and normalises it', () => {
    const result = validateResidentId(' 11010519491231002x ', NOW);
    expect(result.ok && result.idNumber).toBe('11010519491231002X');
  });

  it('reads an odd 17th digit as male', () => {
    const result = validateResidentId(withCheckDigit('33010619900307001'), NOW);
    expect(result).toMatchObject({ ok: true, sex: 'M', birthDate: '1990-03-07', regionCode: '330106' });
  });

  it('refuses a wrong check digit', () => {
    expect(validateResidentId('110105194912310021', NOW)).toEqual({ ok: false, reason: 'check_digit' });
    expect(validateResidentId('110101199003074478', NOW)).toEqual({ ok: false, reason: 'check_digit' });
  });

  it.each([
    ['too short', '11010519491231002'],
    ['too long', '11010519491231002X1'],
    ['a letter inside', '1101051949123A002X'],
    ['X not last', '1101051949123100X2'],
    ['empty', ''],
  ])('refuses a malformed number (%s)', (_label, id) => {
    expect(validateResidentId(id, NOW)).toEqual({ ok: false, reason: 'format' });
  });

  it.each([
    ['30 February', '33010619900230001'],
    ['29 February in a common year', '33010620230229001'],
    ['month 13', '33010619901301001'],
    ['day 00', '33010619900100001'],
    ['before 1900', '33010618991231001'],
    ['in the future', '33010620270101001'],
  ])('refuses an impossible birth date (%s) even with a correct check digit', (_label, first17) => {
    expect(validateResidentId(withCheckDigit(first17), NOW)).toEqual({ ok: false, reason: 'birth_date' });
  });

  it('accepts 29 February in a leap year and a birth today', () => {
    expect(validateResidentId(withCheckDigit('33010620000229001'), NOW).ok).toBe(true);
    expect(validateResidentId(withCheckDigit('33010620261115001'), NOW).ok).toBe(true);
    expect(validateResidentId(withCheckDigit('33010620261116001'), NOW).ok).toBe(false);
  });
});

describe('usccCheckDigit (GB 32100)', () => {
  it('computes 3 for the commonly cited 91350100M000100Y43', () => {
    expect(usccCheckDigit('91350100M000100Y4')).toBe('3');
  });

  it('accepts lower case and refuses characters outside the alphabet', () => {
    expect(usccCheckDigit('91350100m000100y4')).toBe('3');
    expect(() => usccCheckDigit('91350100I000100Y4')).toThrow(RangeError);
    expect(() => usccCheckDigit('91350100M000100Y')).toThrow(RangeError);
  });
});

describe('validateUscc', () => {
  it('accepts valid codes and reads the region', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({
      ok: true,
      uscc: '91350100M000100Y43',
      regionCode: '350100',
    });
    expect(validateUscc('91110000600037341L')).toMatchObject({ ok: true, regionCode: '110000' });
  });

  it('upper-cases before checking', () => {
    expect(validateUscc('91350100m000100y43')).toMatchObject({ ok: true, uscc: '91350100M000100Y43' });
  });

  it('refuses a wrong check character', () => {
    expect(validateUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'check_digit' });
    expect(validateUscc('91350100M000100Y4A')).toEqual({ ok: false, reason: 'check_digit' });
  });

  it.each([
    ['too short', '91350100M000100Y4'],
    ['too long', '91350100M000100Y433'],
    ['an I', '91350100M000100I43'],
    ['an O', '91350100M0O0100Y43'],
    ['a letter in the region code', '913501A0M000100Y43'],
    ['punctuation', '91350100-000100Y43'],
  ])('refuses a malformed code (%s)', (_label, code) => {
    expect(validateUscc(code)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('organisationCodeCheckDigit (GB 11714)', () => {
  it('agrees with the organisation codes inside valid 统一社会信用代码', () => {
    expect(organisationCodeCheckDigit('M000100Y')).toBe('4');
    expect(organisationCodeCheckDigit('60003734')).toBe('1');
  });

  it('gives X for the standard example D2143569', () => {
    expect(organisationCodeCheckDigit('D2143569')).toBe('X');
  });
});

describe('masking', () => {
  it('masks a 身份证号 as first 4 + 10 asterisks + last 4', () => {
    expect(maskResidentId('330106199003071234')).toBe('3301**********1234');
    expect(maskResidentId('11010519491231002X')).toBe('1101**********002X');
  });

  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps only the surname of a name', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('never returns short values in clear', () => {
    expect(maskResidentId('1234')).toBe('****');
    expect(maskPhone('110')).toBe('***');
  });
});
