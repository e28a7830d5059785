import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

/** One organisation's (or a region's, or everyone's) 一网通办 figures; rates in percent, null when nothing to count. */
export interface KpiFigures {
  services: number;
  onlineRate: number | null;
  zeroTripRate: number | null;
  finished: number;
  averageDays: number | null;
  averagePromisedDays: number | null;
  onTimeRate: number | null;
  ratings: number;
  goodRate: number | null;
}

export interface OneStopKpis {
  total: KpiFigures;
  organisations: (KpiFigures & { orgId: string; orgName: string; regionCode: string })[];
  regions: (KpiFigures & { regionCode: string })[];
}

/** GET /one-stop/kpis: the figures of the organisations the viewer monitors. */
export function useOneStopKpis() {
  return useQuery({
    queryKey: ['one-stop', 'kpis'],
    queryFn: ({ signal }) => api.get<OneStopKpis>('/one-stop/kpis', undefined, signal),
    staleTime: 30_000,
  });
}

export const formatPercent = (rate: number | null) => (rate === null ? '—' : `${rate}%`);
