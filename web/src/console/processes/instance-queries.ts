import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { Page, ProcessInstanceDetail, ProcessInstanceStatus, ProcessInstanceSummary } from '../../shared/api-types';
import { cursorPaging } from '../../shared/query';
import { getText } from '../fetch-text';

export const INSTANCE_STATUSES: readonly ProcessInstanceStatus[] = ['running', 'completed', 'failed', 'cancelled'];

const instancePath = (id: string) => `/workflow/instances/${encodeURIComponent(id)}`;

/** GET /workflow/instances?itemId=&status=&cursor= : newest first (the contract names no `limit`, so none is sent). */
export function useInstances(filters: { itemId: string; status: ProcessInstanceStatus | undefined }) {
  return useInfiniteQuery({
    queryKey: ['workflow', 'instances', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ProcessInstanceSummary>>(
        '/workflow/instances',
        { itemId: filters.itemId, status: filters.status, cursor: pageParam },
        signal,
      ),
    ...cursorPaging,
  });
}

/** GET /workflow/instances/:id, asked again every 15 s while it runs. */
export function useInstance(id: string) {
  return useQuery({
    queryKey: ['workflow', 'instance', id],
    queryFn: ({ signal }) => api.get<ProcessInstanceDetail>(instancePath(id), undefined, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'running' && !query.state.error ? 15_000 : false),
  });
}

/** GET /workflow/instances/:id/diagram : the BPMN XML of the version the instance runs (it never changes). */
export function useInstanceDiagram(id: string) {
  return useQuery({
    queryKey: ['workflow', 'instance', id, 'diagram'],
    queryFn: ({ signal }) => getText(`${instancePath(id)}/diagram`, signal),
    enabled: Boolean(id),
    staleTime: Infinity,
  });
}
