import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type {
  CatalogDomain,
  CatalogFieldType,
  CatalogOpenType,
  CatalogResourceDetail,
  CatalogResourceSummary,
  CatalogShareType,
  CatalogUpdateFrequency,
  CatalogVersionDetail,
  DataGrade,
  Page,
} from '../../shared/api-types';
import { cursorPaging, PAGE_SIZE } from '../../shared/query';

export const DOMAINS: readonly CatalogDomain[] = ['basic', 'shared', 'open'];
export const SHARE_TYPES: readonly CatalogShareType[] = ['unconditional', 'conditional', 'none'];
export const OPEN_TYPES: readonly CatalogOpenType[] = ['open', 'conditional', 'none'];
export const UPDATE_FREQUENCIES: readonly CatalogUpdateFrequency[] = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
  'irregular',
];
export const FIELD_TYPES: readonly CatalogFieldType[] = [
  'string',
  'integer',
  'number',
  'boolean',
  'date',
  'datetime',
  'id_number',
  'credit_code',
  'phone',
];
export const GRADES: readonly DataGrade[] = ['L1', 'L2', 'L3', 'L4'];

/** The server's limits on a resource (server/src/platform/catalog/catalog.schemas.ts). */
export const LIMITS = {
  name: 100,
  description: 2000,
  sourceSystem: 100,
  fieldLabel: 50,
  fieldDescription: 500,
  fields: 300,
  note: 500,
} as const;

export interface CatalogFilter {
  q: string;
  orgId?: string;
  domain?: CatalogDomain;
  shareType?: CatalogShareType;
  openType?: CatalogOpenType;
}

export const catalogKeys = {
  all: ['catalog'] as const,
  list: (filter: CatalogFilter) => ['catalog', 'resources', filter] as const,
  detail: (id: string) => ['catalog', 'resource', id] as const,
  version: (id: string, version: number) => ['catalog', 'resource', id, 'version', version] as const,
};

export const resourcePath = (id: string) => `/catalog/resources/${encodeURIComponent(id)}`;

/** GET /catalog/resources?q=&orgId=&domain=&shareType=&openType= */
export function useResources(filter: CatalogFilter) {
  return useInfiniteQuery({
    queryKey: catalogKeys.list(filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<CatalogResourceSummary>>('/catalog/resources', { ...filter, cursor: pageParam, limit: PAGE_SIZE }, signal),
    ...cursorPaging,
  });
}

/** GET /catalog/resources/:id : the metadata, the current fields and the versions. */
export function useResource(id: string) {
  return useQuery({
    queryKey: catalogKeys.detail(id),
    queryFn: ({ signal }) => api.get<CatalogResourceDetail>(resourcePath(id), undefined, signal),
    enabled: Boolean(id),
  });
}

/** GET /catalog/resources/:id/versions/:version : a version never changes once written. */
export function useResourceVersion(id: string, version: number | null) {
  return useQuery({
    queryKey: catalogKeys.version(id, version ?? 0),
    queryFn: ({ signal }) => api.get<CatalogVersionDetail>(`${resourcePath(id)}/versions/${version ?? 0}`, undefined, signal),
    enabled: Boolean(id) && version !== null,
    staleTime: Infinity,
  });
}
