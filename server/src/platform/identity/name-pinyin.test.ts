import { describe, expect, it } from 'vitest';
import { namePinyin } from './name-pinyin.ts';

describe('namePinyin', () => {
  it('gives full pinyin, initials and syllables', () => {
    expect(namePinyin('张伟')).toBe('zhangwei zw zhang wei');
  });
  it('reads a surname as a surname', () => {
    expect(namePinyin('单明').split(' ')[0]).toBe('shanming');
    expect(namePinyin('曾晓').split(' ')[0]).toBe('zengxiao');
  });
});
