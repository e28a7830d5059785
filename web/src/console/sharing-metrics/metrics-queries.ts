import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

/** GET /sharing/metrics (server/src/platform/sharing/metrics.ts): P3.5 共享指标 over a period. */
export interface SharingMetrics {
  period: { from: string; to: string; days: number };
  /** `all`: every organisation of the region (a platform admin); `orgs`: the organisations the viewer manages data for */
  scope: 'all' | 'orgs';
  needs: { total: number; matched: number };
  requests: { total: number; approved: number; rejected: number; pending: number; overdue: number; automatic: number };
  /** 共享需求满足率, 0..1; null when no request was decided or overdue */
  demandSatisfactionRate: number | null;
  /** 分钟级满足率, 0..1; null when nothing was granted */
  minuteLevelRate: number | null;
  definitions: { minuteLevelMinutes: number; pendingOverdueDays: number };
  calls: {
    total: number;
    perDay: { day: string; calls: number; refused: number }[];
    latencyMs: { p50: number | null; p95: number | null; p99: number | null };
    topConsumers: { orgId: string; orgName: string; calls: number }[];
    /** refusals name no organisation: only a viewer of every organisation sees them (`visible`) */
    refused: { total: number; byCode: Record<string, number>; visible: boolean };
  };
}

/** The periods offered, in days. */
export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

/** SPEC P3.5 targets: 共享需求满足率 ≥ 99%, 分钟级满足率 ≥ 90%. */
export const TARGETS = { satisfaction: 0.99, minuteLevel: 0.9 } as const;

/** The gateway's refusal codes with a label of their own; any other code is shown as it is. */
export const KNOWN_REFUSALS = [
  'gateway.no_grant',
  'gateway.rate_limited',
  'gateway.app_token_required',
  'gateway.key_not_granted',
  'gateway.too_many_keys',
] as const;
export type KnownRefusal = (typeof KNOWN_REFUSALS)[number];

export function isKnownRefusal(code: string): code is KnownRefusal {
  return (KNOWN_REFUSALS as readonly string[]).includes(code);
}

/** A rate as a percentage with at most one decimal ("100", "66.7"); "—" when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : String(Math.round(rate * 1000) / 10);
}

export function useSharingMetrics(days: Period) {
  return useQuery({
    queryKey: ['sharing', 'metrics', days],
    queryFn: ({ signal }) => api.get<SharingMetrics>('/sharing/metrics', { days }, signal),
    // a switch of period keeps the figures on screen until the new ones come
    placeholderData: keepPreviousData,
  });
}
