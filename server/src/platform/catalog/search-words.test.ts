import { describe, expect, it } from 'vitest';
import { searchWords } from './search-words.ts';

describe('search words', () => {
  it('splits Chinese with jieba into parts that find longer names', async () => {
    expect(await searchWords('出生证明')).toEqual(['出生', '证明']); // finds 出生医学证明
    expect(await searchWords('婚姻登记')).toEqual(['婚姻', '登记']);
  });
  it('keeps Latin words and numbers whole and drops punctuation and stop words', async () => {
    expect(await searchWords('330106-WJ')).toEqual(['330106', 'wj']);
    expect(await searchWords('企业 的 登记，')).toEqual(['企业', '登记']);
    expect(await searchWords('  ')).toEqual([]);
  });
});
