import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../shared/api';
import type { FormJsonSchema } from '../shared/api-types';
import type { ServiceAudience, ServiceSummary } from './service-queries';

// 一网通办 as the applicant sees it (server/src/systems/one-stop: cases.routes.ts; certificates:
// server/src/platform/certificates): 一件事 bundles, the prefilled application form, applying,
// 我的办件, one case, one bundle application, and the 电子证照 wallet.

/** 一件事: several departments' services applied for at once, with one form. */
export interface Bundle {
  code: string;
  name: string;
  /** who applies: 企业开办一件事 is applied for by a citizen investor */
  audience: ServiceAudience;
  theme: string;
  description: string;
  keywords: string[];
  /** the services' codes, in order */
  parts: string[];
  services: ServiceSummary[];
}

/** One answer shared data gave: which field, from which department's resource (or the verified identity). */
export interface PrefillSource {
  field: string;
  title: string;
  /** '实名认证信息', or the department's name */
  source: string;
  /** the data resource's name */
  resource?: string;
  org?: string;
}

/** A part of an application: one department's service. */
export interface ApplicationPart {
  code: string;
  name: string;
  orgId: string;
  orgName: string;
  promisedDays: number;
}

/** A material shared data stands in for (免提交). `resource` is the catalog resource's code. */
export interface ExemptMaterial {
  service: string;
  name: string;
  resource: string;
  /** the resource's name and its department, where the server names them */
  resourceName?: string;
  orgName?: string;
}

/** GET /services/:code/application-form, /bundles/:code/application-form */
export interface ApplicationForm {
  schema: FormJsonSchema;
  /** prefilled answers */
  values: Record<string, unknown>;
  prefilled: PrefillSource[];
  /** resources that could not be read now: the applicant fills those answers in */
  unavailable: { resource: string; reason: string }[];
  parts: ApplicationPart[];
  exemptMaterials: ExemptMaterial[];
  /** whether shared data was read (only with the applicant's consent) */
  consented: boolean;
  /** what the consent lets the form read: each resource, its department and the answers it gives */
  reads: { resource: string; resourceName: string; orgName: string | null; fields: string[] }[];
}

export type CaseStatus = 'submitted' | 'handling' | 'completed' | 'refused' | 'withdrawn';
export type BundleStatus = 'submitted' | 'handling' | 'completed' | 'partly_refused' | 'withdrawn';
export type TimeState = 'normal' | 'warning' | 'overdue' | 'paused';

/** 办件, as lists show it. */
export interface CaseSummary {
  id: string;
  /** 办件编号 */
  caseNo: string;
  serviceCode: string;
  serviceName: string;
  orgId: string;
  orgName: string;
  applicantName: string;
  bundleApplicationId: string | null;
  status: CaseStatus;
  /** 不予受理 / 不予许可 / 会签不同意 */
  refusedStage: string | null;
  refusedReason: string | null;
  certificateIds: string[];
  /** the case that applied for it again (重新申报) */
  supersededBy: string | null;
  promisedDays: number;
  submittedAt: string;
  acceptedAt: string | null;
  finishedAt: string | null;
}

export interface CaseHistoryEntry {
  at: string;
  /** instance.start, task.complete, supplement.request, supplement.receive, instance.cancel, node.end */
  action: string;
  /** the step's name: 受理, 审核, 会签, 办结, 不予办理 … */
  step: string | null;
  actor: string | null;
  details: { approved?: boolean; opinion?: string; reason?: string; comment?: string };
}

export interface CaseAnswer {
  key: string;
  title: string;
  value: unknown;
  attachment: boolean;
  source?: string;
}

/** GET /cases/:id */
export interface CaseView extends CaseSummary {
  form: Record<string, unknown>;
  prefilled: PrefillSource[];
  answers: CaseAnswer[];
  exemptMaterials: string[];
  /** the certificate the case ends with, if the guide names one */
  resultName: string | null;
  dueAt: string | null;
  timeState: TimeState | null;
  /** 补正 asked by the department: the applicant answers it */
  supplementReason: string | null;
  history: CaseHistoryEntry[];
}

/** A 一件事 application, in 我的办件. */
export interface BundleApplicationSummary {
  id: string;
  caseNo: string;
  bundleCode: string;
  name: string;
  submittedAt: string;
  status: BundleStatus;
}

/** GET /bundle-applications/:id: one overall status, each department's part. */
export interface BundleApplication extends BundleApplicationSummary {
  parts: CaseSummary[];
}

export interface MyCases {
  cases: CaseSummary[];
  bundles: BundleApplicationSummary[];
}

/** 电子证照, as the holder's wallet shows it. */
export interface Certificate {
  id: string;
  serialNo: string;
  /** 出生医学证明, 营业执照 … */
  kind: string;
  orgName: string;
  holderName: string;
  holderIdMasked?: string;
  fields?: { label: string; value: string }[];
  /** 办件编号 of the case that issued it */
  caseRef?: string | null;
  status: 'valid' | 'revoked';
  issuedAt: string;
  revokedAt?: string | null;
  revokedReason?: string | null;
}

/** What is applied for: a service (or a refused case of it again), or a 一件事 bundle. */
export type ApplyTarget = { kind: 'service'; code: string; resubmitOf?: string } | { kind: 'bundle'; code: string };

export interface ApplyBody {
  serviceCode?: string;
  bundleCode?: string;
  resubmitOf?: string;
  consent: boolean;
  form: Record<string, unknown>;
}

export const caseKeys = {
  bundles: ['bundles'] as const,
  bundle: (code: string) => ['bundles', code] as const,
  applicationForm: (target: ApplyTarget, consent: boolean) => ['application-form', target.kind, target.code, consent] as const,
  /** everything the applicant's cases show: refreshed together after a change */
  all: ['cases'] as const,
  mine: ['cases', 'mine'] as const,
  case: (id: string) => ['cases', 'case', id] as const,
  bundleApplication: (id: string) => ['cases', 'bundle-application', id] as const,
  certificates: ['certificates'] as const,
};

const path = (code: string) => encodeURIComponent(code);

export function useBundles() {
  return useQuery({
    queryKey: caseKeys.bundles,
    queryFn: ({ signal }) => api.get<{ items: Bundle[] }>('/bundles', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useBundle(code: string, enabled = true) {
  return useQuery({
    queryKey: caseKeys.bundle(code),
    queryFn: ({ signal }) => api.get<Bundle>(`/bundles/${path(code)}`, undefined, signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** The form, prefilled from shared data. Read afresh each time the page opens (no cache): the data may have changed. */
/** The form; its shared data is read only with `consent` (before it: what would be read, for the consent text). */
export function useApplicationForm(target: ApplyTarget, consent: boolean, enabled = true) {
  const base = target.kind === 'bundle' ? '/bundles' : '/services';
  return useQuery({
    queryKey: caseKeys.applicationForm(target, consent),
    queryFn: ({ signal }) =>
      api.get<ApplicationForm>(`${base}/${path(target.code)}/application-form`, { consent: String(consent) }, signal),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** POST /cases: 201 → the case (a service) or the bundle application (a bundle). */
export function useApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: ApplyBody; key: string }) => api.post<CaseView | BundleApplication>('/cases', body, key),
    onSuccess: () => client.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

/** 我的办件: only applicants (citizens, enterprises) have them. */
export function useMyCases(enabled = true) {
  return useQuery({
    queryKey: caseKeys.mine,
    queryFn: ({ signal }) => api.get<MyCases>('/cases/mine', undefined, signal),
    enabled,
  });
}

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.case(id ?? ''),
    queryFn: ({ signal }) => api.get<CaseView>(`/cases/${path(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useBundleApplication(id: string) {
  return useQuery({
    queryKey: caseKeys.bundleApplication(id),
    queryFn: ({ signal }) => api.get<BundleApplication>(`/bundle-applications/${path(id)}`, undefined, signal),
  });
}

/** 撤回 (before acceptance): the answer is the case as it is now. */
export function useWithdrawCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<CaseView>(`/cases/${path(id)}/withdraw`, { reason }),
    onSuccess: (view) => {
      client.setQueryData(caseKeys.case(id), view);
      return client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

/** 补正 answered: corrected answers and new attachment ids, with a comment. */
export function useSupplementCase(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { form: Record<string, unknown>; comment?: string }) => api.post<CaseView>(`/cases/${path(id)}/supplement`, input),
    onSuccess: (view) => {
      client.setQueryData(caseKeys.case(id), view);
      return client.invalidateQueries({ queryKey: caseKeys.all });
    },
  });
}

/** The 电子证照 wallet: the certificates the account holds. */
export function useCertificates(enabled = true) {
  return useQuery({
    queryKey: caseKeys.certificates,
    queryFn: ({ signal }) => api.get<{ items: Certificate[] }>('/certificates', undefined, signal),
    enabled,
  });
}
