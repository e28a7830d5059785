import { translate, type Locale } from '../../kernel/index.ts';
import type { CaseStatus } from '../../systems/one-stop/index.ts';

/** The contract's statusModel: one of four codes, and a title in the caller's language. */
export interface StatusModel {
  code: 'PENDING' | 'APPROVED' | 'SENDBACK' | 'REJECTED';
  title: string;
}

const status = (code: StatusModel['code'], title: string, locale: Locale): StatusModel => ({
  code,
  title: translate(`govstack.registration.status.${title}`, locale),
});

/**
 * A 办件's status in GovStack's four codes: being handled (补正 included) is PENDING; 办结 is
 * APPROVED; 不予受理 — sent back unhandled, to be applied for again — is SENDBACK; refused
 * after review or countersigning is REJECTED. GovStack has no "withdrawn": it reads REJECTED,
 * titled as withdrawn.
 */
export function caseStatus(
  c: { status: CaseStatus; refusedStage: string | null; supplementReason?: string | null | undefined },
  locale: Locale,
): StatusModel {
  switch (c.status) {
    case 'submitted':
    case 'handling':
      return status('PENDING', c.supplementReason ? 'supplement' : c.status === 'submitted' ? 'submitted' : 'pending', locale);
    case 'completed':
      return status('APPROVED', 'approved', locale);
    case 'refused':
      return c.refusedStage === '不予受理' ? status('SENDBACK', 'sent_back', locale) : status('REJECTED', 'rejected', locale);
    case 'withdrawn':
      return status('REJECTED', 'withdrawn', locale);
  }
}

/** A 一件事 application's overall status (one-stop's `overall`). */
export function bundleStatus(overall: string, locale: Locale): StatusModel {
  switch (overall) {
    case 'completed':
      return status('APPROVED', 'approved', locale);
    case 'partly_refused':
      return status('REJECTED', 'partly_refused', locale);
    case 'withdrawn':
      return status('REJECTED', 'withdrawn', locale);
    case 'submitted':
      return status('PENDING', 'submitted', locale);
    default:
      return status('PENDING', 'pending', locale);
  }
}

export const openTaskStatus = (locale: Locale): StatusModel => status('PENDING', 'task_open', locale);

/** Whether a file's processing has ended: decided, or withdrawn. A bundle partly refused may still be applied for again. */
export function hasEnded(status: string): boolean {
  return status === 'completed' || status === 'refused' || status === 'withdrawn';
}
