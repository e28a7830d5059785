import type { Jieba } from '@node-rs/jieba';

/** Words too common to narrow a search. */
const stopWords = new Set(['的', '了', '和', '与', '及', '或', '在', '是', '等', '之', '对', '为']);

let jieba: Jieba | undefined;

/**
 * The words a search is made of: jieba splits Chinese (出生证明 → 出生, 证明), Latin words and
 * numbers stay whole, punctuation and stop words go. The dictionary loads on the first search.
 */
export async function searchWords(query: string): Promise<string[]> {
  if (!jieba) {
    const { Jieba } = await import('@node-rs/jieba');
    const { dict } = await import('@node-rs/jieba/dict.js');
    jieba = Jieba.withDict(dict);
  }
  const segmenter = jieba;
  // A compound the dictionary knows (出生证明) is searched by its parts (出生, 证明), so that
  // 出生医学证明 is found too: every part must appear, in any order.
  const words = segmenter
    .cut(query.toLowerCase(), true)
    .flatMap((word) => {
      const parts = word.length > 2 ? segmenter.cutForSearch(word, true).filter((part) => part !== word && part.length > 1) : [];
      return parts.length ? cover(word, parts) : [word];
    })
    .map((w) => w.trim())
    .filter((w) => w && /[\p{L}\p{N}]/u.test(w) && !stopWords.has(w));
  return [...new Set(words)];
}

/** The shortest known parts, left to right, that tile a word (出生证明 → 出生 + 证明); letters no part starts at are skipped. */
function cover(word: string, parts: string[]): string[] {
  const picked: string[] = [];
  for (let at = 0; at < word.length;) {
    const here = parts.filter((part) => word.startsWith(part, at)).sort((a, b) => a.length - b.length)[0];
    if (here) {
      picked.push(here);
      at += here.length;
    } else at += 1;
  }
  return picked.length ? picked : [word];
}
