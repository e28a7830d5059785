import { csrfTokenForWrite, ApiError, NETWORK_ERROR } from '../shared/api';
import { currentLanguage } from '../shared/i18n';

// The open-data Portal talks to three APIs outside /api/v1: CKAN's Action API (/api/3/action),
// the Portal's own (/open/v1) and the downloads and DCAT-AP files its pages link to.

export type OpenType = 'open' | 'conditional';
export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

export interface CkanOrganization {
  id: string;
  name: string;
  title: string;
  package_count?: number;
}

export interface CkanResource {
  id: string;
  name: string;
  format: string;
  url: string;
}

export interface CkanPackage {
  id: string;
  name: string;
  title: string;
  notes: string;
  open_type: OpenType;
  owner_org: string;
  organization: CkanOrganization;
  license_id: string;
  license_title: string;
  license_url: string;
  metadata_created: string;
  metadata_modified: string;
  version: string;
  resources: CkanResource[];
  tags: { name: string }[];
  extras: { key: string; value: string }[];
}

export interface CkanSearchResult {
  count: number;
  results: CkanPackage[];
}

export interface DatasetField {
  name: string;
  label: string;
  type: string;
  key?: boolean;
}

export interface RecordsPage {
  fields: DatasetField[];
  total: number;
  items: Record<string, unknown>[];
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  calls: number;
  lastUsedAt: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface OpenApplication {
  id: string;
  dataset: { id: string; name: string; title: string };
  ownerOrg: { id: string; name: string };
  applicant: { id: string; kind: string; name: string };
  purpose: string;
  scenario: string;
  contact: string;
  status: ApplicationStatus;
  reason: string | null;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface ApplicationInput {
  dataset: string;
  purpose: string;
  scenario: string;
  contact: string;
}

/** The extra of a CKAN package, by key. */
export function extra(pkg: CkanPackage, key: string): string | undefined {
  return pkg.extras.find((e) => e.key === key)?.value;
}

/** The fields a package lists (its `fields` extra). */
export function packageFields(pkg: CkanPackage): DatasetField[] {
  try {
    const parsed = JSON.parse(extra(pkg, 'fields') ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as DatasetField[]) : [];
  } catch {
    return [];
  }
}

export const downloadUrl = (name: string, format: 'csv' | 'json' | 'xlsx') =>
  `/open/v1/datasets/${encodeURIComponent(name)}/download.${format}`;
export const ckanShowUrl = (name: string) => `/api/3/action/package_show?id=${encodeURIComponent(name)}`;
export const dcatUrl = (name: string, format: 'ttl' | 'jsonld') => `/dataset/${encodeURIComponent(name)}.${format}`;

async function send<T>(
  method: string,
  path: string,
  options: { query?: Record<string, string | number | undefined>; body?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  const url = `${path}${search ? `?${search}` : ''}`;
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['X-CSRF-Token'] = await csrfTokenForWrite();
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: a proxy answered
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown; __type?: unknown } } | null)?.error;
    if (error && typeof error.code === 'string')
      throw new ApiError(
        response.status,
        error.code,
        typeof error.message === 'string' ? error.message : error.code,
        (error.details ?? {}) as Record<string, unknown>,
      );
    if (error && typeof error.__type === 'string')
      throw new ApiError(response.status, `ckan.${error.__type}`, typeof error.message === 'string' ? error.message : error.__type);
    throw new ApiError(response.status, `http.${response.status}`, response.statusText || `HTTP ${response.status}`);
  }
  return body as T;
}

/** CKAN's Action API answers `{ success, result }`. */
async function ckan<T>(action: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
  return (await send<{ result: T }>('GET', `/api/3/action/${action}`, { query })).result;
}

export const openApi = {
  search: (query: { q?: string; fq?: string; rows: number; start: number; sort?: string }) =>
    ckan<CkanSearchResult>('package_search', query),
  organizations: () => ckan<CkanOrganization[]>('organization_list', { all_fields: 'true' }),
  tags: () => ckan<string[]>('tag_list'),
  dataset: (name: string) => ckan<CkanPackage>('package_show', { id: name }),
  records: (name: string, limit: number, offset = 0) =>
    send<RecordsPage>('GET', `/open/v1/datasets/${encodeURIComponent(name)}/records`, { query: { limit, offset } }),
  keys: () => send<{ items: ApiKey[]; max: number }>('GET', '/open/v1/api-keys'),
  createKey: (name: string) => send<ApiKey & { secret: string }>('POST', '/open/v1/api-keys', { body: { name } }),
  revokeKey: (id: string) => send<ApiKey>('DELETE', `/open/v1/api-keys/${encodeURIComponent(id)}`),
  applications: (view: 'mine' | 'review', status?: ApplicationStatus) =>
    send<{ items: OpenApplication[]; nextCursor: string | null }>('GET', '/open/v1/applications', { query: { view, status, limit: 200 } }),
  apply: (input: ApplicationInput, idempotencyKey: string) =>
    send<OpenApplication>('POST', '/open/v1/applications', { body: input, idempotencyKey }),
  decide: (id: string, approved: boolean, reason: string) =>
    send<OpenApplication>('POST', `/open/v1/applications/${encodeURIComponent(id)}/decision`, { body: { approved, reason } }),
};
