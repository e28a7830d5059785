import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api';
import type { OrgDetail, OrgKind, Region, RoleDefinition } from '../shared/api-types';

export function regionsQuery(parentCode: string | null) {
  return {
    queryKey: ['regions', parentCode ?? 'root'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get<{ items: Region[] }>('/regions', { parentCode: parentCode ?? undefined }, signal).then((page) => page.items),
    staleTime: 10 * 60_000,
  };
}

export function useOrgKinds() {
  return useQuery({
    queryKey: ['org-kinds'],
    queryFn: ({ signal }) => api.get<{ items: OrgKind[] }>('/org-kinds', undefined, signal).then((page) => page.items),
    staleTime: 10 * 60_000,
  });
}

export function useOrgDetail(orgId: string | null | undefined) {
  return useQuery({
    queryKey: ['orgs', 'detail', orgId],
    queryFn: ({ signal }) => api.get<OrgDetail>(`/orgs/${encodeURIComponent(orgId ?? '')}`, undefined, signal),
    enabled: Boolean(orgId),
  });
}

export function useRoleDefinitions() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: ({ signal }) => api.get<{ items: RoleDefinition[] }>('/roles', undefined, signal).then((page) => page.items),
    staleTime: 5 * 60_000,
  });
}
