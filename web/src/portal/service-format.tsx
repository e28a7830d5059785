import type { TFunction } from 'i18next';
import type { AccountKind } from '../shared/api-types';
import type { OnlineDepth } from './service-queries';
import { CITIZEN_DOMAINS, ENTERPRISE_THEMES, type ServiceTile } from './service-themes';

// What the desktop and phone service pages show alike: labels, colours, highlighting.

/** 网办深度 → its label key and tag colour: 全程网办 green, 跑零次 blue, 跑一次 orange, 线下办理 grey. */
export const DEPTHS: Record<
  OnlineDepth,
  { key: 'fullyOnline' | 'zeroVisit' | 'oneVisit' | 'offline'; color: 'success' | 'primary' | 'warning' | 'default' }
> = {
  全程网办: { key: 'fullyOnline', color: 'success' },
  跑零次: { key: 'zeroVisit', color: 'primary' },
  跑一次: { key: 'oneVisit', color: 'warning' },
  线下办理: { key: 'offline', color: 'default' },
};

// A depth the catalog adds later shows as it is written, in grey.
const depthOf = (depth: OnlineDepth) => DEPTHS[depth] as (typeof DEPTHS)[OnlineDepth] | undefined;

export function depthLabel(depth: OnlineDepth, t: TFunction): string {
  const known = depthOf(depth);
  return known ? t(`portalServices.depth.${known.key}`) : depth;
}

export function depthColor(depth: OnlineDepth): (typeof DEPTHS)[OnlineDepth]['color'] {
  return depthOf(depth)?.color ?? 'default';
}

/** 办结时限: 即办 when 0, else N 个工作日. */
export function daysLabel(days: number, t: TFunction): string {
  return days === 0 ? t('portalServices.instant') : t('portalServices.workingDays', { n: days });
}

/** The search page's address for a question, keeping the audience chosen there. */
export function searchPath(base: string, q: string, audience: string | null): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (audience) params.set('audience', audience);
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** Questions people ask, to try when a search finds nothing (the catalog speaks Chinese, so they stay Chinese). */
const CITIZEN_EXAMPLES = ['生孩子要办什么', '公积金提取', '退休', '社保卡', '开饭店'];
const ENTERPRISE_EXAMPLES = ['开饭店', '开公司', '发票', '公积金提取', '退休'];

export function exampleQueries(kind: AccountKind): string[] {
  return kind === 'enterprise' ? ENTERPRISE_EXAMPLES : CITIZEN_EXAMPLES;
}

/** A theme key (`infant`, `startClose` …) → its tile's label key, or undefined for a key no tile has. */
export function themeLabelKey(theme: string | null | undefined): ServiceTile['labelKey'] | undefined {
  const domain = CITIZEN_DOMAINS.find((d) => d.key === theme);
  if (domain) return `portal.domains.${domain.key}`;
  const enterprise = ENTERPRISE_THEMES.find((d) => d.key === theme);
  return enterprise ? `portal.themes.${enterprise.key}` : undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` cut into runs, those equal to one of `words` marked (the longest word wins where they overlap). */
export function splitMatches(text: string, words: readonly string[] | undefined): { text: string; hit: boolean }[] {
  const wanted = [...new Set(words ?? [])].filter((w) => w.trim() !== '').sort((a, b) => b.length - a.length);
  if (wanted.length === 0) return [{ text, hit: false }];
  const pattern = new RegExp(`(${wanted.map(escapeRegExp).join('|')})`, 'i');
  // split with one capturing group alternates: text between matches at even places, the matches at odd ones
  return text
    .split(pattern)
    .map((part, i) => ({ text: part, hit: i % 2 === 1 }))
    .filter((part) => part.text !== '');
}

/** The words of a search that matched a service but are not in its name (they matched its keywords or guide). */
export function matchedElsewhere(name: string, words: readonly string[] | undefined): string[] {
  const lower = name.toLowerCase();
  return [...new Set(words ?? [])].filter((w) => w.length > 1 && !lower.includes(w.toLowerCase()));
}

/** A name with the words that matched the search marked. */
export function Highlight({ text, words }: { text: string; words: readonly string[] | undefined }) {
  return (
    <>
      {splitMatches(text, words).map((part, i) =>
        part.hit ? (
          <mark key={i} className="zl-svc-hit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** 免提交 · 由 浙江省公安厅「户籍人口信息」共享数据提供 (or the resource's code while it is not named). */
export function sharedFromText(shared: { resource: string; resourceName?: string; orgName?: string }, t: TFunction): string {
  return shared.resourceName && shared.orgName
    ? t('portalServices.guide.sharedFromNamed', { org: shared.orgName, resource: shared.resourceName })
    : t('portalServices.guide.sharedFrom', { resource: shared.resource });
}
