// Chinese identity numbers: check digits, validation and masking.
//   居民身份证号码        GB 11643-1999 (ISO 7064 MOD 11-2)
//   统一社会信用代码      GB 32100-2015 (MOD 31)
//   组织机构代码          GB 11714-1997 (MOD 11), positions 9–17 of a 统一社会信用代码
// Pure functions, no dependencies.

const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const RESIDENT_CHECK_CHARS = '10X98765432';

/** The 31 characters of a 统一社会信用代码: digits and capitals without I, O, Z, S, V. */
export const usccAlphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const ORG_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type ResidentIdValidation =
  | {
      ok: true;
      /** The number as it should be stored: trimmed, final x upper-cased. */
      idNumber: string;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
      /** The 6-digit GB/T 2260 code of the issuing area (first 6 digits). */
      regionCode: string;
    }
  | { ok: false; reason: 'format' | 'birth_date' | 'check_digit' };

export type UsccValidation =
  | {
      ok: true;
      /** The code as it should be stored: trimmed and upper-cased. */
      uscc: string;
      /** The 6-digit GB/T 2260 code of the registering authority (characters 3–8). */
      regionCode: string;
    }
  | { ok: false; reason: 'format' | 'check_digit' };

/** GB 11643 check character ('0'–'9' or 'X') for the first 17 digits of a 身份证号. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new RangeError('residentIdCheckDigit expects exactly 17 digits');
  }
  let sum = 0;
  for (const [i, weight] of RESIDENT_WEIGHTS.entries()) {
    sum += (first17.charCodeAt(i) - 48) * weight;
  }
  return RESIDENT_CHECK_CHARS.charAt(sum % 11);
}

/** Today's date in China Standard Time (UTC+8, no daylight saving), as YYYY-MM-DD. */
function chinaDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Validates an 18-character 居民身份证号: 17 digits then a digit or X (a lower-case x is
 * accepted and normalised), a real calendar birth date from 1900-01-01 up to today (China
 * time), and the GB 11643 check digit. `now` exists for tests.
 */
export function validateResidentId(id: string, now: Date = new Date()): ResidentIdValidation {
  const idNumber = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, reason: 'format' };

  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isCalendarDate(year, month, day) || year < 1900 || birthDate > chinaDate(now)) {
    return { ok: false, reason: 'birth_date' };
  }

  if (residentIdCheckDigit(idNumber.slice(0, 17)) !== idNumber.charAt(17)) {
    return { ok: false, reason: 'check_digit' };
  }

  // The 17th digit is the last of the 顺序码: odd for men, even for women.
  const sex = (idNumber.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return { ok: true, idNumber, birthDate, sex, regionCode: idNumber.slice(0, 6) };
}

/** GB 32100 check character for the first 17 characters of a 统一社会信用代码. */
export function usccCheckDigit(first17: string): string {
  const code = first17.toUpperCase();
  if (code.length !== 17) throw new RangeError('usccCheckDigit expects exactly 17 characters');
  let sum = 0;
  for (const [i, weight] of USCC_WEIGHTS.entries()) {
    const value = usccAlphabet.indexOf(code.charAt(i));
    if (value < 0) throw new RangeError(`'${code.charAt(i)}' is not a 统一社会信用代码 character`);
    sum += value * weight;
  }
  return usccAlphabet.charAt((31 - (sum % 31)) % 31);
}

/**
 * Validates an 18-character 统一社会信用代码: every character from the 31-character
 * alphabet (lower case is upper-cased), characters 3–8 a 6-digit region code, and the
 * GB 32100 check character. The registration-authority and category characters (1–2)
 * are not restricted beyond the alphabet.
 */
export function validateUscc(code: string): UsccValidation {
  const uscc = code.trim().toUpperCase();
  if (uscc.length !== 18) return { ok: false, reason: 'format' };
  for (const char of uscc) {
    if (!usccAlphabet.includes(char)) return { ok: false, reason: 'format' };
  }
  const regionCode = uscc.slice(2, 8);
  if (!/^\d{6}$/.test(regionCode)) return { ok: false, reason: 'format' };
  if (usccCheckDigit(uscc.slice(0, 17)) !== uscc.charAt(17)) {
    return { ok: false, reason: 'check_digit' };
  }
  return { ok: true, uscc, regionCode };
}

/**
 * GB 11714 check character ('0'–'9' or 'X') for the 8-character body of a 组织机构代码,
 * the code found at positions 9–17 of a 统一社会信用代码.
 */
export function organisationCodeCheckDigit(first8: string): string {
  const code = first8.toUpperCase();
  if (code.length !== 8) {
    throw new RangeError('organisationCodeCheckDigit expects exactly 8 characters');
  }
  let sum = 0;
  for (const [i, weight] of ORG_CODE_WEIGHTS.entries()) {
    const value = ORG_CODE_ALPHABET.indexOf(code.charAt(i));
    if (value < 0) throw new RangeError(`'${code.charAt(i)}' is not a 组织机构代码 character`);
    sum += value * weight;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** `330106199001011234` → `3301**********1234`: first 4 and last 4 characters kept. */
export function maskResidentId(id: string): string {
  const chars = Array.from(id);
  if (chars.length <= 8) return '*'.repeat(chars.length);
  return `${chars.slice(0, 4).join('')}${'*'.repeat(chars.length - 8)}${chars.slice(-4).join('')}`;
}

/** `13812345678` → `138****5678`: first 3 and last 4 characters kept. */
export function maskPhone(phone: string): string {
  const chars = Array.from(phone);
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/** `张三丰` → `张**`, `张三` → `张*`: only the first character kept. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`;
}
