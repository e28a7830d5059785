import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type {
  CatalogField,
  CatalogResourceDetail,
  ModelNode,
  Page,
  ProcessInstanceDetail,
  SharingGrant,
  SharingRequest,
} from '../../shared/api-types';

/** The server's limits on a request (server/src/platform/sharing/sharing.service.ts). */
export const LIMITS = { purpose: [4, 500], legalBasis: [2, 500] } as const;

export const sharingKeys = {
  all: ['sharing'] as const,
  requests: ['sharing', 'requests'] as const,
  request: (id: string) => ['sharing', 'request', id] as const,
  grants: (orgId: string) => ['sharing', 'grants', orgId] as const,
};

const requestPath = (id: string) => `/sharing/requests/${encodeURIComponent(id)}`;

/** The Console's page of a request. */
export const requestPagePath = (id: string) => `/console/sharing/${encodeURIComponent(id)}`;

/** GET /sharing/requests : asked by or of the viewer's organisations, newest first (all in one page). */
export function useSharingRequests() {
  return useQuery({
    queryKey: sharingKeys.requests,
    queryFn: ({ signal }) => api.get<Page<SharingRequest>>('/sharing/requests', undefined, signal).then((page) => page.items),
  });
}

/** GET /sharing/requests/:id, asked again every 15 s while it waits for the owner's decision. */
export function useSharingRequest(id: string) {
  return useQuery({
    queryKey: sharingKeys.request(id),
    queryFn: ({ signal }) => api.get<SharingRequest>(requestPath(id), undefined, signal),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'pending' && !query.state.error ? 15_000 : false),
  });
}

/** GET /sharing/grants?orgId= : the organisation's active grants. */
export function useSharingGrants(orgId: string | null) {
  return useQuery({
    queryKey: sharingKeys.grants(orgId ?? ''),
    queryFn: ({ signal }) => api.get<{ items: SharingGrant[] }>('/sharing/grants', { orgId }, signal).then((page) => page.items),
    enabled: Boolean(orgId),
  });
}

/**
 * GET /workflow/instances/:id without polling, for names the approval carries (the consumer,
 * its item) where the viewer may read it: the owner's side. Shares its cache with the instance page.
 */
export function useApprovalInstance(id: string | null, enabled = true) {
  return useQuery({
    queryKey: ['workflow', 'instance', id ?? ''],
    queryFn: ({ signal }) => api.get<ProcessInstanceDetail>(`/workflow/instances/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id) && enabled,
  });
}

/** A variable of the approval instance that is a string (`consumer`, `consumerItem` …). */
export function instanceText(instance: ProcessInstanceDetail | undefined, name: string): string | undefined {
  const value = instance?.variables?.[name];
  return typeof value === 'string' && value ? value : undefined;
}

/** An item (业务事项) of a V-model with the path of its parents (core / module / unit). */
export interface ModelItemOption {
  id: string;
  name: string;
  path: string[];
}

/** The items of a V-model tree, depth first, each with its parents' names. */
export function modelItems(nodes: readonly ModelNode[], path: string[] = []): ModelItemOption[] {
  return nodes.flatMap((node) =>
    node.level === 'item' ? [{ id: node.id, name: node.name, path }] : modelItems(node.children, [...path, node.name]),
  );
}

const RANK = { L1: 1, L2: 2, L3: 3, L4: 4 } as const;

/** How a request for these fields will go: the server's rule in sharing.service.ts. */
export function approvalRoute(
  resource: Pick<CatalogResourceDetail, 'shareType'>,
  fields: readonly CatalogField[],
): { automatic: boolean; security: boolean } {
  return {
    automatic: resource.shareType === 'unconditional' && fields.every((field) => RANK[field.grade] <= 2),
    security: fields.some((field) => field.grade === 'L4'),
  };
}
