import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { localeFrom, translate } from './i18n.ts';
import { newId } from './ids.ts';
import { createLogger, redactPersonalNumbers } from './logger.ts';
import { regionCovers, regionPrefix } from './actor.ts';

describe('config', () => {
  it('defaults to port 8080 and ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', ZHILI_LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'PORT', 'ZHILI_LOG_LEVEL']);
      expect((error as Error).message).toContain('PORT');
    }
  });
});

describe('ids', () => {
  it('are prefixed, 26 base32 chars, and do not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('acc')));
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 100)) expect(id).toMatch(/^acc_[0-9a-hjkmnp-tv-z]{26}$/);
  });
});

describe('i18n', () => {
  it('prefers Chinese unless English is asked for first', () => {
    expect(localeFrom(undefined)).toBe('zh-CN');
    expect(localeFrom('en-US,en;q=0.9')).toBe('en');
    expect(localeFrom('en;q=0.5, zh-CN;q=0.9')).toBe('zh-CN');
    expect(localeFrom('fr-FR')).toBe('zh-CN');
  });

  it('fills message parameters', () => {
    expect(translate('request.too_large', 'en', { limit: 10 })).toBe('The request body is too large (limit 10 bytes).');
  });
});

describe('logging', () => {
  it('never writes a 身份证号 or a mobile number in clear', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('info', sink);
    log.info(
      { applicant: { idNumber: '33010619900307123X', phone: '13812345678' }, note: '电话 13912345678' },
      '申请人 11010519491231002X 提交',
    );
    const line = lines.join('');
    expect(line).not.toContain('33010619900307123X');
    expect(line).not.toContain('11010519491231002X');
    expect(line).not.toContain('13812345678');
    expect(line).not.toContain('13912345678');
    expect(line).toContain('3301**********123X');
    expect(line).toContain('138****5678');
  });

  it('leaves timestamps and other numbers alone', () => {
    expect(redactPersonalNumbers('{"time":1795364506972,"n":12345678901234567}')).toBe('{"time":1795364506972,"n":12345678901234567}');
  });
});

describe('regions', () => {
  it('nest by GB/T 2260 prefix', () => {
    expect(regionPrefix('330000')).toBe('33');
    expect(regionPrefix('330100')).toBe('3301');
    expect(regionCovers('330000', '330106001')).toBe(true);
    expect(regionCovers('330100', '330212')).toBe(false);
    expect(regionCovers('330106', '330106001')).toBe(true);
    expect(regionCovers('330106001', '330106')).toBe(false);
  });
});

describe('timestamps', () => {
  it('come out of both databases as ISO 8601, which every browser reads', async () => {
    const { isoTimestamp } = await import('./db.ts');
    expect(isoTimestamp('2026-11-22 18:07:28.757+00')).toBe('2026-11-22T18:07:28.757Z');
    expect(isoTimestamp('2026-11-22 18:07:28+08')).toBe('2026-11-22T10:07:28.000Z');
    expect(isoTimestamp('2026-11-22 18:07:28.123456+05:30')).toBe('2026-11-22T12:37:28.123Z');
    expect(isoTimestamp('2026-11-22 18:07:28.5+00')).toBe('2026-11-22T18:07:28.500Z');
    expect(isoTimestamp('2026-11-22 18:07:28.999999+00')).toBe('2026-11-22T18:07:28.999Z');
    expect(isoTimestamp('infinity')).toBe('infinity');
  });

  it('read in UTC by string surgery, agree with what the clock says for any moment and precision', async () => {
    const { isoTimestamp } = await import('./db.ts');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (date, micros) => {
          const iso = date.toISOString(); // 2026-11-22T18:07:28.757Z
          const digits = `${iso.slice(20, 23)}${String(micros).padStart(3, '0')}`.replace(/0+$/, ''); // PostgreSQL drops trailing zeros
          const postgres = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${digits ? `.${digits}` : ''}+00`;
          expect(isoTimestamp(postgres)).toBe(iso);
        },
      ),
    );
  });
});
