import { pinyin } from 'pinyin-pro';

/**
 * What the address book matches a typed name against: full pinyin, initials and syllables,
 * surnames read as surnames (单 shàn, 曾 zēng): 张伟 → "zhangwei zw zhang wei".
 */
export function namePinyin(name: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'removed' }).filter((s) => /^[a-z]+$/.test(s));
  if (!syllables.length) return name.toLowerCase();
  return [syllables.join(''), syllables.map((s) => s[0]).join(''), ...syllables].join(' ');
}
