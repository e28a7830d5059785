import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../shared/api';

// 好差评, 投诉与建议 and 谁用了我的数据 as the applicant sees them (server/src/systems/one-stop:
// feedback.routes.ts; server/src/platform/gateway: gateway.routes.ts).

/** 差评整改: the department's task opened by a rating of 1–2, and what it changed once closed. */
export interface Rectification {
  status: 'open' | 'closed';
  measures: string | null;
  closedAt: string | null;
}

/** GET /cases/:id/rating */
export interface CaseRating {
  /** 1 非常不满意 … 5 非常满意 */
  score: number;
  reasons: string[];
  comment: string | null;
  ratedAt: string;
  rectification: Rectification | null;
}

export interface RatingInput {
  score: number;
  reasons: string[];
  comment?: string;
}

export type ComplaintKind = 'complaint' | 'suggestion';

/** 投诉 or 建议: about one of my cases, a service, or a department; routed to the department responsible. */
export interface Complaint {
  id: string;
  kind: ComplaintKind;
  orgId: string;
  orgName: string;
  serviceCode: string | null;
  caseId: string | null;
  text: string;
  status: 'open' | 'answered';
  answer: string | null;
  submittedAt: string;
  answeredAt: string | null;
}

/** POST /complaints: exactly one of serviceCode, caseId, orgId. */
export interface ComplaintInput {
  kind: ComplaintKind;
  serviceCode?: string;
  caseId?: string;
  orgId?: string;
  text: string;
}

/** 谁用了我的数据: one read of the person's data through the public data platform's gateway. */
export interface DataUse {
  at: string;
  /** the department that read */
  user: string;
  /** the app it read through */
  app: string;
  /** the data resource's name */
  resource: string;
  /** the department that holds the data */
  owner: string | null;
  /** the fields read, by their labels */
  fields: string[];
  purpose: string | null;
}

export const feedbackKeys = {
  rating: (caseId: string) => ['feedback', 'rating', caseId] as const,
  complaints: ['feedback', 'complaints'] as const,
  dataUses: ['feedback', 'data-uses'] as const,
};

const path = (id: string) => encodeURIComponent(id);

/** The case's rating, or null when not rated yet; read only for a finished case. */
export function useRating(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: feedbackKeys.rating(caseId),
    queryFn: ({ signal }) => api.get<{ rating: CaseRating | null }>(`/cases/${path(caseId)}/rating`, undefined, signal),
    enabled,
  });
}

/** 评价: once per case; the answer is the rating as stored (with its 整改 when poor). */
export function useRateCase(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RatingInput) => api.post<CaseRating>(`/cases/${path(caseId)}/rating`, input),
    onSuccess: (rating) => client.setQueryData(feedbackKeys.rating(caseId), { rating }),
  });
}

export function useMyComplaints(enabled = true) {
  return useQuery({
    queryKey: feedbackKeys.complaints,
    queryFn: ({ signal }) => api.get<{ items: Complaint[] }>('/complaints/mine', undefined, signal),
    enabled,
  });
}

/** 提交投诉建议, with the form's Idempotency-Key (a retry is answered once). */
export function useFileComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ComplaintInput; key: string }) => api.post<Complaint>('/complaints', body, key),
    onSuccess: () => client.invalidateQueries({ queryKey: feedbackKeys.complaints }),
  });
}

/** 谁用了我的数据, the newest first. Read afresh each time the page opens. */
export function useMyDataUses() {
  return useQuery({
    queryKey: feedbackKeys.dataUses,
    queryFn: ({ signal }) => api.get<{ items: DataUse[] }>('/data-uses/mine', undefined, signal),
    staleTime: 0,
  });
}
