import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blindIndex, open, seal, SealError, type DataKey } from './sm4-seal.ts';

const key: DataKey = { version: 7, encryption: Buffer.alloc(16, 1), mac: Buffer.alloc(32, 2) };

describe('SM4 sealing', () => {
  it('uses an SM4 that matches the GB/T 32907 standard vector', () => {
    // GB/T 32907-2016 appendix A.1: key = plaintext = 0123456789abcdeffedcba9876543210
    const k = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', k, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(k), cipher.final()]).toString('hex');
    expect(out).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('round-trips, never repeats a ciphertext, and names its key version', () => {
    const a = seal(key, Buffer.from('330106199001011234'));
    const b = seal(key, Buffer.from('330106199001011234'));
    expect(a.equals(b)).toBe(false);
    expect(a.readUInt32BE(0)).toBe(7);
    expect(open(key, a).toString()).toBe('330106199001011234');
  });

  it('refuses an altered value or another key', () => {
    const sealed = seal(key, Buffer.from('秘密'));
    const altered = Buffer.from(sealed);
    altered[25] = altered[25]! ^ 1;
    expect(() => open(key, altered)).toThrow(SealError);
    expect(() => open({ ...key, mac: Buffer.alloc(32, 3) }, sealed)).toThrow(SealError);
    expect(() => open({ ...key, version: 8 }, sealed)).toThrow(SealError);
  });

  it('gives a stable blind index per field and value', () => {
    expect(blindIndex(key, 'id_number', 'x')).toBe(blindIndex(key, 'id_number', 'x'));
    expect(blindIndex(key, 'id_number', 'x')).not.toBe(blindIndex(key, 'other', 'x'));
    expect(blindIndex(key, 'id_number', 'x')).toMatch(/^[0-9a-f]{64}$/);
  });
});
