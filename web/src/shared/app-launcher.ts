import { useMutation, useQuery } from '@tanstack/react-query';
import { api, request } from './api';

// 应用入口 (P7, server/src/platform/apps: app-registry.ts): the apps a person may open from
// the Workbench or the Portal. Opening one asks the server where to go (the use is counted
// there); the app then signs the person in by single sign-on through Zhili's OIDC provider.

export type Launcher = 'workbench' | 'portal';
export type AppSystem = 'S1' | 'S2' | 'S3' | 'S4' | 'S5' | 'S6' | 'S7' | 'P';
export const isSystemCode = (system: string): system is Exclude<AppSystem, 'P'> => /^S[1-7]$/.test(system);

export interface LauncherApp {
  id: string;
  code: string;
  name: string;
  description: string;
  system: AppSystem;
  level: 'province' | 'city' | 'county';
  ownerOrgName: string;
}

export function useLauncherApps(on: Launcher) {
  return useQuery({
    queryKey: ['apps', 'launcher', on],
    queryFn: ({ signal }) => api.get<{ items: LauncherApp[] }>('/apps/launcher', { on }, signal),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
  });
}

/** POST /apps/:id/launch?on=…, then the browser goes there (the app signs the person in by SSO). */
export function useLaunchApp(on: Launcher) {
  return useMutation({
    mutationFn: (appId: string) =>
      request<{ url: string }>('POST', `/apps/${encodeURIComponent(appId)}/launch`, { query: { on }, body: {} }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

/** PUT /apps/:id/rating: 满意度 1–5, changeable. */
export function useRateApp() {
  return useMutation({
    mutationFn: ({ appId, score }: { appId: string; score: number }) =>
      api.put<{ appId: string; score: number }>(`/apps/${encodeURIComponent(appId)}/rating`, { score }),
  });
}
