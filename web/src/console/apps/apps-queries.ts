import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

export const systemCodes = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'P'] as const;
export const appLevels = ['province', 'city', 'county'] as const;

export interface RegisteredApp {
  id: string;
  code: string;
  name: string;
  description: string;
  ownerOrgId: string;
  ownerOrgName: string | null;
  regionCode: string;
  system: string;
  level: (typeof appLevels)[number];
  clientId: string;
  entryUrl: string;
  healthUrl: string | null;
  launchOn: ('workbench' | 'portal')[];
  components: string[];
  resources: string[];
  expectedUsers: number;
  status: 'active' | 'retired';
}

export interface AppStats {
  checks: number;
  availability: number | null;
  avgLatencyMs: number | null;
  p95LatencyMs: number | null;
  failedChecks: number;
  platformCalls: number;
  platformErrors: number;
  activeUsers: { day: number; week: number; month: number };
  recentChecks: { at: string; ok: boolean; status: number | null; latencyMs: number | null; error: string | null }[];
}

export interface EfficacyRow {
  appId: string;
  name: string;
  system: string;
  month: string;
  score: number;
  poor: boolean;
  parts: { usage: number | null; satisfaction: number | null; completion: number | null; availability: number | null };
}

export interface Component {
  code: string;
  name: string;
  description: string;
  ownerOrgName: string;
  version: string;
  docs: string;
  docsUrl: string | null;
  kind: 'builtin' | 'registered';
  obligation: 'mandatory' | 'recommended';
  usage: { calls: number; errors: number; appsCalling: number; appsDeclaring: string[] };
}

export function useApps() {
  return useQuery({ queryKey: ['apps'], queryFn: ({ signal }) => api.get<{ items: RegisteredApp[] }>('/apps', undefined, signal) });
}

export function useAppStats(id: string | null) {
  return useQuery({
    queryKey: ['apps', id, 'monitoring'],
    queryFn: ({ signal }) => api.get<AppStats>(`/apps/${encodeURIComponent(id ?? '')}/monitoring`, undefined, signal),
    enabled: Boolean(id),
    refetchInterval: 30_000,
  });
}

export function useEfficacy(month: string) {
  return useQuery({
    queryKey: ['apps', 'efficacy', month],
    queryFn: ({ signal }) => api.get<{ month: string; poorBelow: number; items: EfficacyRow[] }>('/apps/efficacy', { month }, signal),
  });
}

export function useComponents() {
  return useQuery({
    queryKey: ['components'],
    queryFn: ({ signal }) => api.get<{ items: Component[]; days: number }>('/components', undefined, signal),
  });
}

export const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 1000) / 10}%`);
