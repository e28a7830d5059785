import type { TFunction } from 'i18next';
import { apiUrl } from '../shared/api';
import type { AccountKind } from '../shared/api-types';
import { parseInstant } from '../shared/format';
import { currentLanguage } from '../shared/i18n';
import type {
  Bundle,
  BundleApplicationSummary,
  BundleStatus,
  CaseStatus,
  CaseSummary,
  CaseView,
  ExemptMaterial,
  PrefillSource,
  TimeState,
} from './case-queries';
import type { ServiceAudience } from './service-queries';

// What the desktop and phone 办件 pages show alike: status labels and colours, where an answer
// came from, the history in plain words, the addresses of the pages.

/** The tag colour of a status, in antd-mobile's names (the desktop maps them to antd's). */
export type Tone = 'primary' | 'warning' | 'success' | 'danger' | 'default';

const CASE_TONES: Record<CaseStatus | BundleStatus, Tone> = {
  submitted: 'primary',
  handling: 'warning',
  completed: 'success',
  refused: 'danger',
  partly_refused: 'danger',
  withdrawn: 'default',
};

export function statusTone(status: CaseStatus | BundleStatus): Tone {
  return CASE_TONES[status] ?? 'default';
}

export function statusLabel(status: CaseStatus | BundleStatus, t: TFunction): string {
  return status in CASE_TONES ? t(`portal.cases.status.${status}`) : status;
}

export const TIME_TONES: Record<TimeState, Tone> = { normal: 'success', warning: 'warning', overdue: 'danger', paused: 'primary' };

/** antd's Tag colour for a tone. */
export function antdColor(tone: Tone): string {
  return { primary: 'processing', warning: 'warning', success: 'success', danger: 'error', default: 'default' }[tone];
}

/** A day and time to the minute, in the reader's language and time zone. */
export function formatMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = parseInstant(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(currentLanguage(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

/** 「来自 浙江省卫生健康委员会·出生医学证明」, or 「实名认证信息」. */
export function prefillLabel(source: PrefillSource, t: TFunction): string {
  if (source.resource) return t('portal.apply.prefillFrom', { org: source.org ?? source.source, resource: source.resource });
  return source.source;
}

/** 「无需提交，已由 X 共享」, X the department (and its resource) when the server names it. */
export function exemptLabel(material: ExemptMaterial, t: TFunction): string {
  const by = [material.orgName, material.resourceName].filter(Boolean).join('·');
  return by ? t('portal.apply.exemptBy', { by }) : t('portal.apply.exemptShared');
}

/** The same material asked by several parts of a bundle, once. */
export function uniqueExempt(materials: readonly ExemptMaterial[]): ExemptMaterial[] {
  const seen = new Map<string, ExemptMaterial>();
  for (const material of materials) if (!seen.has(material.name)) seen.set(material.name, material);
  return [...seen.values()];
}

/** What the consent names: the data the application reads (prefill resources, 免提交 materials), each once. */
export function consentData(reads: readonly { resourceName: string }[], exempt: readonly ExemptMaterial[]): string[] {
  const names = [...reads.map((r) => r.resourceName), ...exempt.map((m) => m.name)];
  return [...new Set(names)];
}

/** May this account apply for something meant for `audience`? Staff never apply. */
export function canApply(kind: AccountKind, audience: ServiceAudience | 'both'): boolean {
  if (kind !== 'citizen' && kind !== 'enterprise') return false;
  return audience === 'both' || audience === kind;
}

/** Why the 在线办理 button is off for this account, or null when it is on. */
export function applyBlockedReason(kind: AccountKind, audience: ServiceAudience | 'both', t: TFunction): string | null {
  if (kind !== 'citizen' && kind !== 'enterprise') return t('portal.apply.applicantsOnly');
  if (!canApply(kind, audience)) return audience === 'enterprise' ? t('portal.apply.forEnterprises') : t('portal.apply.forCitizens');
  return null;
}

/** The bundles an account is offered: those it may apply for (staff see them all). */
export function bundlesFor(bundles: readonly Bundle[], kind: AccountKind, theme?: string): Bundle[] {
  return bundles.filter((b) => (kind === 'staff' || b.audience === kind) && (!theme || b.theme === theme));
}

/** The longest 承诺时限 of a bundle's parts: when all of it should be done. */
export function bundleDays(bundle: Bundle): number {
  return Math.max(0, ...bundle.services.map((s) => s.promisedDays));
}

// --- addresses: the same paths under /portal and /m/portal ---

export type PortalBase = '/portal' | '/m/portal';

export const portalPaths = {
  guide: (base: PortalBase, code: string) => `${base}/services/${encodeURIComponent(code)}`,
  applyService: (base: PortalBase, code: string, resubmitOf?: string) =>
    `${base}/services/${encodeURIComponent(code)}/apply${resubmitOf ? `?resubmitOf=${encodeURIComponent(resubmitOf)}` : ''}`,
  bundle: (base: PortalBase, code: string) => `${base}/services/bundles/${encodeURIComponent(code)}`,
  applyBundle: (base: PortalBase, code: string) => `${base}/services/bundles/${encodeURIComponent(code)}/apply`,
  cases: (base: PortalBase) => `${base}/cases`,
  case: (base: PortalBase, id: string) => `${base}/cases/${encodeURIComponent(id)}`,
  bundleApplication: (base: PortalBase, id: string) => `${base}/cases/bundles/${encodeURIComponent(id)}`,
  wallet: (base: PortalBase) => `${base}/certificates`,
  /** 投诉与建议, about one of my cases when `caseId` is given */
  complaints: (base: PortalBase, caseId?: string) => `${base}/complaints${caseId ? `?caseId=${encodeURIComponent(caseId)}` : ''}`,
  /** 谁用了我的数据 */
  dataUses: (base: PortalBase) => `${base}/data-uses`,
};

/** The certificate's PDF (the browser downloads it with the session cookie). */
export function certificatePdfUrl(id: string): string {
  return apiUrl(`/certificates/${encodeURIComponent(id)}/pdf`);
}

/** The public verification page the certificate's QR code opens. */
export function verifyPath(serialNo: string): string {
  return `/verify/${encodeURIComponent(serialNo)}`;
}

// --- 我的办件 ---

export type MyCaseRow =
  { kind: 'bundle'; id: string; at: string; item: BundleApplicationSummary } | { kind: 'case'; id: string; at: string; item: CaseSummary };

/** 一件事 applications and the cases on their own, the newest first (a bundle's parts show on its page). */
export function myCaseRows(cases: readonly CaseSummary[], bundles: readonly BundleApplicationSummary[]): MyCaseRow[] {
  const rows: MyCaseRow[] = [
    ...bundles.map((b) => ({ kind: 'bundle' as const, id: b.id, at: b.submittedAt, item: b })),
    ...cases.filter((c) => !c.bundleApplicationId).map((c) => ({ kind: 'case' as const, id: c.id, at: c.submittedAt, item: c })),
  ];
  return rows.sort((a, b) => parseInstant(b.at).getTime() - parseInstant(a.at).getTime());
}

/**
 * A bundle's parts in their order, each part applied for again (重新申报) right after the
 * refused one it replaces.
 */
export function partsInOrder<T extends { id: string; supersededBy: string | null }>(parts: readonly T[]): T[] {
  const byId = new Map(parts.map((p) => [p.id, p]));
  const replacements = new Set(parts.map((p) => p.supersededBy).filter((id): id is string => id !== null && byId.has(id)));
  const ordered: T[] = [];
  for (const part of parts) {
    if (replacements.has(part.id)) continue;
    let next: T | undefined = part;
    while (next && !ordered.includes(next)) {
      ordered.push(next);
      next = next.supersededBy ? byId.get(next.supersededBy) : undefined;
    }
  }
  return ordered;
}

// --- the history, in plain words ---

export interface TimelineEntry {
  key: string;
  at: string | null;
  title: string;
  detail?: string;
  tone: 'done' | 'refused' | 'attention' | 'pending';
}

/**
 * The case's history as the applicant reads it: 提交申请, 受理 (or 不予受理), 审核 通过 / 不通过 with
 * the opinion, 补正 asked and answered, 撤回, 办结 — then, while it is open, what it waits for.
 */
export function caseTimeline(view: CaseView, t: TFunction): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  view.history.forEach((h, i) => {
    const key = `${i}-${h.action}`;
    const opinion = h.details.opinion;
    switch (h.action) {
      case 'instance.start':
        entries.push({ key, at: h.at, title: t('portal.cases.event.submitted'), tone: 'done' });
        return;
      case 'task.complete': {
        const next = view.history[i + 1];
        const closed = next?.action === 'node.end' && next.step === '不予办理';
        if (h.step === '受理') {
          const title = closed ? t('portal.cases.event.notAccepted') : t('portal.cases.event.accepted');
          entries.push({ key, at: h.at, title, detail: opinion, tone: closed ? 'refused' : 'done' });
        } else if (h.step === '审核' || h.step === '会签') {
          const refused = h.details.approved === false;
          const which = h.step === '审核' ? (refused ? 'notApproved' : 'approved') : refused ? 'countersignRefused' : 'countersigned';
          entries.push({ key, at: h.at, title: t(`portal.cases.event.${which}`), detail: opinion, tone: refused ? 'refused' : 'done' });
        } else {
          entries.push({ key, at: h.at, title: h.step ?? h.action, detail: opinion, tone: 'done' });
        }
        return;
      }
      case 'supplement.request':
        entries.push({ key, at: h.at, title: t('portal.cases.event.supplementAsked'), detail: h.details.reason, tone: 'attention' });
        return;
      case 'supplement.receive':
        entries.push({ key, at: h.at, title: t('portal.cases.event.supplementGiven'), detail: h.details.comment, tone: 'done' });
        return;
      case 'instance.cancel':
        entries.push({ key, at: h.at, title: t('portal.cases.event.withdrawn'), detail: h.details.reason, tone: 'done' });
        return;
      case 'node.end': {
        const refused = h.step === '不予办理';
        const title = refused ? t('portal.cases.event.refused') : t('portal.cases.event.completed');
        entries.push({
          key,
          at: h.at,
          title,
          detail: refused ? (view.refusedStage ?? undefined) : undefined,
          tone: refused ? 'refused' : 'done',
        });
        return;
      }
      default:
        entries.push({ key, at: h.at, title: h.step ?? h.action, tone: 'done' });
    }
  });
  // what the case waits for now
  if (view.supplementReason) entries.push({ key: 'now', at: null, title: t('portal.cases.event.waitingSupplement'), tone: 'attention' });
  else if (view.status === 'submitted')
    entries.push({ key: 'now', at: null, title: t('portal.cases.event.waitingAccept'), tone: 'pending' });
  else if (view.status === 'handling') entries.push({ key: 'now', at: null, title: t('portal.cases.event.handling'), tone: 'pending' });
  return entries;
}

/** An answer as text: an attachment is shown by the page as a link. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join('、');
  return String(value);
}
