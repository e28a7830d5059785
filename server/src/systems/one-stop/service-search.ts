import { pinyin } from 'pinyin-pro';
import { searchWords } from '../../platform/catalog/index.ts';
import { synonyms } from './synonyms.ts';

export interface Searchable {
  code: string;
  name: string;
  keywords: string[];
  /** the rest of the guide a word may be found in: materials, conditions, the theme's name */
  text: string;
  usageCount: number;
}

interface Entry {
  item: Searchable;
  name: string;
  keywords: string[];
  text: string;
  /** the name's and keywords' pinyin, whole and by initials: shehuibaozhangka, shbzk */
  pinyin: string[];
  bigrams: Set<string>;
}

export interface SearchHit {
  code: string;
  score: number;
  matched: string[];
}

const bigramsOf = (text: string) => {
  const chars = [...text.replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '')];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
};
const pinyinOf = (text: string) => [
  pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase(),
  pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase(),
];

/**
 * 事项搜索 in plain Chinese (B8): the query is cut by jieba, each word widened by the colloquial
 * synonyms people type (生孩子 → 出生, 开饭店 → 食品经营, 餐饮), and matched against the services'
 * keywords (most), names and the rest of their guides; Latin letters are matched as pinyin
 * (shebaoka, sbk); a typo still shares character pairs with the name; usage breaks ties.
 * Held in memory — a province has thousands of services, not millions.
 */
export class ServiceSearch {
  private entries: Entry[] = [];

  load(items: Searchable[]): void {
    this.entries = items.map((item) => ({
      item,
      name: item.name.toLowerCase(),
      keywords: item.keywords.map((k) => k.toLowerCase()),
      text: item.text.toLowerCase(),
      pinyin: [item.name, ...item.keywords].flatMap(pinyinOf),
      bigrams: bigramsOf(`${item.name}${item.keywords.join('')}`),
    }));
  }

  async search(query: string, limit = 10): Promise<SearchHit[]> {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const latin = /^[a-z0-9 ]+$/.test(q) ? q.replace(/ /g, '') : null;
    const words = await searchWords(q);
    const wanted = new Map<string, number>();
    for (const word of words) {
      wanted.set(word, Math.max(wanted.get(word) ?? 0, 1));
      for (const alias of synonyms[word] ?? []) wanted.set(alias, Math.max(wanted.get(alias) ?? 0, 0.9));
    }
    // a phrase the segmenter split may be a synonym whole (开饭店 → 开 + 饭店)
    for (const [phrase, aliases] of Object.entries(synonyms))
      if (phrase.length > 1 && q.includes(phrase)) for (const alias of aliases) wanted.set(alias, Math.max(wanted.get(alias) ?? 0, 0.9));
    const grams = bigramsOf(q);
    const hits: SearchHit[] = [];
    for (const entry of this.entries) {
      let score = 0;
      const matched: string[] = [];
      for (const [word, weight] of wanted) {
        let points = 0;
        if (entry.keywords.some((k) => k === word)) points = 5;
        else if (word.length > 1 && entry.keywords.some((k) => k.includes(word))) points = 3;
        if (entry.name.includes(word)) points = Math.max(points, word.length > 1 ? 3 : 1);
        else if (word.length > 1 && entry.text.includes(word)) points = Math.max(points, 1);
        if (points) {
          score += points * weight;
          matched.push(word);
        }
      }
      if (latin && latin.length > 1 && entry.pinyin.some((p) => p.includes(latin))) {
        score += 4;
        matched.push(latin);
      }
      if (grams.size) {
        let shared = 0;
        for (const g of grams) if (entry.bigrams.has(g)) shared += 1;
        score += (shared / grams.size) * 2;
      }
      if (score > 0.5) hits.push({ code: entry.item.code, score: score + Math.log10(1 + entry.item.usageCount) * 0.05, matched });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }
}
