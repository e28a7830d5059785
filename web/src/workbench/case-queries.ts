import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api';

/** One answer of an application as the handler reads it. */
export interface CaseAnswer {
  key: string;
  title: string;
  value: unknown;
  attachment: boolean;
  /** the department (or 实名认证信息) shared data came from */
  source?: string;
}

/** GET /cases/:id as staff see it: the 办件 behind a task. */
export interface CaseForStaff {
  id: string;
  caseNo: string;
  serviceName: string;
  orgName: string;
  applicantName: string;
  status: 'submitted' | 'handling' | 'completed' | 'refused' | 'withdrawn';
  submittedAt: string;
  promisedDays: number;
  answers: CaseAnswer[];
  exemptMaterials: string[];
  resultName: string | null;
}

/** A workflow business key that names a one-stop case. */
export const isCaseKey = (businessKey: string | null | undefined): businessKey is string => Boolean(businessKey?.startsWith('case_'));

export function useCaseForTask(businessKey: string | null | undefined) {
  return useQuery({
    queryKey: ['one-stop', 'case', businessKey],
    queryFn: ({ signal }) => api.get<CaseForStaff>(`/cases/${encodeURIComponent(businessKey!)}`, undefined, signal),
    enabled: isCaseKey(businessKey),
    staleTime: 10_000,
  });
}

/** An answer as text: dates and numbers as given, anything else as JSON. */
export function answerText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}
