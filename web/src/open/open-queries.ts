import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { openApi, type ApplicationInput, type ApplicationStatus } from './open-api';

export const SEARCH_PAGE_SIZE = 10;
/** Rows the dataset page reads: the first 20 are previewed, all of them charted. */
export const SAMPLE_ROWS = 100;
export const PREVIEW_ROWS = 20;

export interface SearchFilter {
  q: string;
  org?: string;
  tag?: string;
  format?: string;
  openType?: string;
  page: number;
}

export const openKeys = {
  all: ['open'] as const,
  search: (filter: SearchFilter) => ['open', 'search', filter] as const,
  organizations: ['open', 'organizations'] as const,
  tags: ['open', 'tags'] as const,
  dataset: (name: string) => ['open', 'dataset', name] as const,
  records: (name: string, signedIn: boolean) => ['open', 'records', name, signedIn] as const,
  keys: ['open', 'keys'] as const,
  applications: (view: 'mine' | 'review', status?: ApplicationStatus) => ['open', 'applications', view, status ?? 'all'] as const,
};

/** CKAN `fq` from the filters: `organization:… tags:… res_format:… open_type:…`. */
function filterQuery(filter: SearchFilter): string | undefined {
  const clauses: string[] = [];
  if (filter.org) clauses.push(`organization:${filter.org}`);
  if (filter.tag) clauses.push(`tags:"${filter.tag}"`);
  if (filter.format) clauses.push(`res_format:${filter.format}`);
  if (filter.openType) clauses.push(`open_type:${filter.openType}`);
  return clauses.length ? clauses.join(' AND ') : undefined;
}

export function useDatasetSearch(filter: SearchFilter) {
  return useQuery({
    queryKey: openKeys.search(filter),
    queryFn: () =>
      openApi.search({
        q: filter.q || undefined,
        fq: filterQuery(filter),
        rows: SEARCH_PAGE_SIZE,
        start: (filter.page - 1) * SEARCH_PAGE_SIZE,
        sort: filter.q ? undefined : 'metadata_modified desc',
      }),
    placeholderData: keepPreviousData,
  });
}

export function useOrganizations() {
  return useQuery({ queryKey: openKeys.organizations, queryFn: openApi.organizations, staleTime: 300_000 });
}

export function useTags() {
  return useQuery({ queryKey: openKeys.tags, queryFn: openApi.tags, staleTime: 300_000 });
}

export function useDataset(name: string) {
  return useQuery({ queryKey: openKeys.dataset(name), queryFn: () => openApi.dataset(name) });
}

/** The first rows of a dataset (a conditional one's only for an approved applicant: 403 otherwise). */
export function useRecords(name: string, signedIn: boolean, enabled: boolean) {
  return useQuery({ queryKey: openKeys.records(name, signedIn), queryFn: () => openApi.records(name, SAMPLE_ROWS), enabled });
}

export function useApiKeys() {
  return useQuery({ queryKey: openKeys.keys, queryFn: openApi.keys });
}

export function useApplications(view: 'mine' | 'review', status?: ApplicationStatus, enabled = true) {
  return useQuery({ queryKey: openKeys.applications(view, status), queryFn: () => openApi.applications(view, status), enabled });
}

export function useCreateKey() {
  const client = useQueryClient();
  return useMutation({ mutationFn: openApi.createKey, onSuccess: () => client.invalidateQueries({ queryKey: openKeys.keys }) });
}

export function useRevokeKey() {
  const client = useQueryClient();
  return useMutation({ mutationFn: openApi.revokeKey, onSuccess: () => client.invalidateQueries({ queryKey: openKeys.keys }) });
}

export function useApply() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ApplicationInput; idempotencyKey: string }) => openApi.apply(input, idempotencyKey),
    onSuccess: () => client.invalidateQueries({ queryKey: ['open', 'applications'] }),
  });
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, approved, reason }: { id: string; approved: boolean; reason: string }) => openApi.decide(id, approved, reason),
    onSuccess: () => client.invalidateQueries({ queryKey: ['open', 'applications'] }),
  });
}
