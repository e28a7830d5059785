import { useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { isApiError } from '../shared/api';
import { parseInstant } from '../shared/format';
import { useIdempotencyKey } from '../shared/use-idempotency-key';
import { useMyCases, type CaseSummary, type CaseView } from './case-queries';
import {
  useFileComplaint,
  useMyComplaints,
  useRateCase,
  useRating,
  type Complaint,
  type ComplaintInput,
  type ComplaintKind,
  type Rectification,
} from './feedback-queries';

// 好差评 and 投诉与建议, the same on desktop and phone: the reasons to tick, what the forms check
// before sending, and how a rating's 整改 and a complaint read.

/**
 * The reasons of 政务服务好差评, as the server takes them (feedback.service.ts), each with the
 * key of its label: good ones for 4–5 stars, poor ones for 1–3.
 */
export const GOOD_REASONS = [
  { value: '办事流程便捷', key: 'easy' },
  { value: '材料精简', key: 'fewMaterials' },
  { value: '不用跑腿', key: 'noTrips' },
  { value: '服务热情', key: 'friendly' },
  { value: '按时办结', key: 'onTime' },
] as const;
export const POOR_REASONS = [
  { value: '多次跑腿', key: 'manyTrips' },
  { value: '材料繁琐', key: 'manyMaterials' },
  { value: '办理超时', key: 'late' },
  { value: '服务态度差', key: 'rude' },
  { value: '系统不好用', key: 'system' },
  { value: '结果不满意', key: 'result' },
] as const;

export type RatingReason = (typeof GOOD_REASONS)[number] | (typeof POOR_REASONS)[number];

/** The reasons offered for a score: 3 is 基本满意, and asks what could be better. */
export function reasonsFor(score: number): readonly RatingReason[] {
  if (score >= 4) return GOOD_REASONS;
  return score >= 1 ? POOR_REASONS : [];
}

/** A reason in the reader's language (an unknown one as it came). */
export function reasonLabel(value: string, t: TFunction): string {
  const reason = [...GOOD_REASONS, ...POOR_REASONS].find((r) => r.value === value);
  return reason ? t(`portal.rating.reasons.${reason.key}`) : value;
}

const SCORES = ['veryPoor', 'poor', 'fair', 'good', 'veryGood'] as const;

/** 1 非常不满意 … 5 非常满意 */
export function scoreLabel(score: number, t: TFunction): string {
  const key = SCORES[score - 1];
  return key ? t(`portal.rating.scores.${key}`) : '';
}

/** A rating of 1–2 is 差评: it needs a reason or a comment, and the department must rectify. */
export const isPoor = (score: number) => score >= 1 && score <= 2;

export const RATING_COMMENT_MAX = 500;

/** 「部门整改中」, or 「已整改」 with what the department changed. */
export function rectificationText(rectification: Rectification, t: TFunction): { title: string; measures: string | null } {
  if (rectification.status === 'closed') return { title: t('portal.rating.rectified'), measures: rectification.measures };
  return { title: t('portal.rating.rectifying'), measures: null };
}

export type RatingProblem = 'noScore' | 'needsReason';

/**
 * The rating card of a finished case: shown once the case is 办结 or 不予办理. Before rating,
 * the stars, the reasons for the score, a comment; after it, the rating and its 整改.
 */
export function useRatingCard(view: CaseView) {
  const finished = view.status === 'completed' || view.status === 'refused';
  const rating = useRating(view.id, finished);
  const rate = useRateCase(view.id);
  const [score, setScoreState] = useState(0);
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);

  const problem: RatingProblem | null =
    score < 1 ? 'noScore' : isPoor(score) && reasons.length === 0 && !comment.trim() ? 'needsReason' : null;

  return {
    finished,
    rating,
    mutation: rate,
    score,
    /** a new score keeps only the reasons its list offers */
    setScore: (next: number) => {
      setScoreState(next);
      const offered = reasonsFor(next).map((r) => r.value as string);
      setReasons((current) => current.filter((r) => offered.includes(r)));
    },
    choices: reasonsFor(score),
    reasons,
    toggleReason: (value: string) =>
      setReasons((current) => (current.includes(value) ? current.filter((r) => r !== value) : [...current, value])),
    comment,
    setComment,
    /** why it cannot be sent yet, once the applicant has tried */
    problem: tried ? problem : null,
    submit: () => {
      setTried(true);
      if (problem || rate.isPending) return;
      rate.mutate(
        { score, reasons, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        {
          // rated meanwhile (another tab): show that rating
          onError: (error) => {
            if (isApiError(error) && error.code === 'onestop.already_rated') void rating.refetch();
          },
        },
      );
    },
  };
}

export type RatingCard = ReturnType<typeof useRatingCard>;

// --- 投诉与建议 ---

/** What a complaint is about: one of my cases (its id), another service by its code, or nothing chosen yet. */
export const OTHER_SERVICE = 'other';
export const SERVICE_CODE = /^[0-9A-Z-]{6,40}$/;
export const COMPLAINT_TEXT = { min: 5, max: 2000 };

export type ComplaintProblem = 'noTarget' | 'badCode' | 'tooShort';

/** 「出生医学证明 · ZL2026…」 */
export function caseLabel(item: Pick<CaseSummary, 'serviceName' | 'caseNo'>): string {
  return `${item.serviceName} · ${item.caseNo}`;
}

/** My cases, the newest first, as the complaint form offers them (a 一件事's parts each on their own). */
export function complaintCases(cases: readonly CaseSummary[]): CaseSummary[] {
  return [...cases].sort((a, b) => parseInstant(b.submittedAt).getTime() - parseInstant(a.submittedAt).getTime());
}

/** What a complaint is about, as its row says it: the case, else the service's code, else nothing (the department alone). */
export function complaintAbout(complaint: Complaint, cases: readonly CaseSummary[], t: TFunction): string | null {
  const found = complaint.caseId ? cases.find((c) => c.id === complaint.caseId) : undefined;
  if (found) return caseLabel(found);
  if (complaint.serviceCode) return t('portal.complaints.aboutService', { code: complaint.serviceCode });
  return null;
}

/**
 * The 投诉与建议 page: the form (kind, what about, the text) sent with one Idempotency-Key per
 * filled form — a retry after a lost answer reuses it, an edit makes a new one — and my list.
 */
export function useComplaintsPage(prefilledCaseId: string | null) {
  const mine = useMyCases();
  const list = useMyComplaints();
  const file = useFileComplaint();
  const { key, renew } = useIdempotencyKey();
  const [kind, setKindState] = useState<ComplaintKind>('complaint');
  const [about, setAboutState] = useState(prefilledCaseId ?? '');
  const [serviceCode, setServiceCodeState] = useState('');
  const [text, setTextState] = useState('');
  const [tried, setTried] = useState(false);
  // the key belongs to what was sent: once the form changes, the next submission is a new one
  const sent = useRef(false);
  const inFlight = useRef(false);

  const cases = useMemo(() => complaintCases(mine.data?.cases ?? []), [mine.data]);
  const edit =
    <T>(set: (value: T) => void) =>
    (value: T) => {
      if (sent.current) {
        sent.current = false;
        renew();
      }
      set(value);
    };

  const code = serviceCode.trim().toUpperCase();
  const body: ComplaintInput | null = !about
    ? null
    : about === OTHER_SERVICE
      ? { kind, serviceCode: code, text: text.trim() }
      : { kind, caseId: about, text: text.trim() };
  const problems: ComplaintProblem[] = [
    ...(!about ? (['noTarget'] as const) : []),
    ...(about === OTHER_SERVICE && !SERVICE_CODE.test(code) ? (['badCode'] as const) : []),
    ...(text.trim().length < COMPLAINT_TEXT.min ? (['tooShort'] as const) : []),
  ];

  return {
    cases,
    casesQuery: mine,
    list,
    mutation: file,
    kind,
    setKind: edit(setKindState),
    /** a case id, OTHER_SERVICE, or '' */
    about,
    setAbout: edit(setAboutState),
    serviceCode,
    setServiceCode: edit(setServiceCodeState),
    text,
    setText: edit(setTextState),
    /** what keeps the form from being sent, once the applicant has tried */
    problems: tried ? problems : [],
    submit: (onDone?: (complaint: Complaint) => void) => {
      setTried(true);
      if (problems.length || !body || inFlight.current) return;
      inFlight.current = true;
      sent.current = true;
      file.mutate(
        { body, key },
        {
          onSettled: () => {
            inFlight.current = false;
          },
          onSuccess: (complaint) => {
            sent.current = false;
            renew();
            setTried(false);
            setTextState('');
            onDone?.(complaint);
          },
        },
      );
    },
  };
}

export type ComplaintsPage = ReturnType<typeof useComplaintsPage>;
