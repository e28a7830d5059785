import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

// The shapes of /api/v1/collection (server/src/platform/collection: loads.ts, sources.ts, quality.ts).

export type FileFormat = 'csv' | 'xlsx' | 'json';
export type LoadMode = 'upsert' | 'replace';
export type OnError = 'reject' | 'skip';
export type LoadStatus = 'created' | 'receiving' | 'published' | 'rejected' | 'failed';

/** One problem of one row: its number in the file (a sheet's header is row 1), the field, why. */
export interface RowProblem {
  row: number;
  field: string | null;
  reason: string;
}

export interface CollectionLoad {
  id: string;
  resourceId: string;
  /** `upload` 上传, `pull` 定时归集 */
  source: 'upload' | 'pull';
  sourceId: string | null;
  format: FileFormat;
  fileName: string;
  mode: LoadMode;
  onError: OnError;
  status: LoadStatus;
  bytes: number;
  rowsRead: number;
  rowsBad: number;
  inserted: number;
  updated: number;
  deleted: number;
  /** empty in a list; a single load carries up to 1000 */
  problems: RowProblem[];
  reasons: Record<string, number>;
  /** the error code a rejected or failed load ended with */
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface CreateLoadInput {
  resourceId: string;
  format: FileFormat;
  fileName?: string;
  mode: LoadMode;
  onError: OnError;
}

/** The details of a 422 `collection.rows_invalid` / `collection.replace_with_nothing`: nothing was written. */
export interface RejectedDetails {
  loadId: string;
  total: number;
  reasons: Record<string, number>;
  problems: RowProblem[];
}

export interface CollectionSource {
  id: string;
  resourceId: string;
  name: string;
  url: string;
  cursorField: string;
  sinceParam: string;
  limitParam: string;
  offsetParam: string;
  pageSize: number;
  intervalMinutes: number;
  hasAuthorization: boolean;
  enabled: boolean;
  /** the newest update time pulled so far */
  cursor: string | null;
  nextRunAt: string;
  running: boolean;
  lastRunAt: string | null;
  lastLoadId: string | null;
  lastError: string | null;
}

export interface CreateSourceInput {
  resourceId: string;
  name: string;
  url: string;
  cursorField: string;
  sinceParam?: string;
  limitParam?: string;
  offsetParam?: string;
  pageSize?: number;
  intervalMinutes: number;
  authorization?: string;
}

export interface DataQuality {
  resourceId: string;
  /** 0–100, null before the first assessment */
  score: number | null;
  /** the share of checked rows that passed every rule */
  validity: number | null;
  fresh: boolean;
  /** how many days records may go unchanged; null for 不定期 */
  freshnessDays: number | null;
  recordsUpdatedAt: string | null;
  checkedRows: number;
  badRows: number;
  reasons: Record<string, number>;
  sample: RowProblem[];
  /** `load:<id>`, `pull:<id>` or `check` */
  basis: string | null;
  checkedAt: string | null;
  /** the open 数据质量整改 process instance */
  rectificationInstanceId: string | null;
}

/** The reasons a value breaks its field's rule (records.service.ts `valueProblem`, and staging's duplicates). */
export const PROBLEM_REASONS = [
  'required',
  'not_text',
  'not_integer',
  'not_number',
  'not_boolean',
  'not_date',
  'not_datetime',
  'bad_id_number',
  'bad_credit_code',
  'bad_phone',
  'not_in_enum',
  'unknown_field',
  'duplicate_key',
  'duplicate_value',
  'not_an_object',
] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];

/** The error codes a load may end with (collection.messages.ts), without their `collection.` prefix. */
export const FAILURES = [
  'rows_invalid',
  'replace_with_nothing',
  'unknown_columns',
  'missing_columns',
  'duplicate_columns',
  'not_what_it_claims',
  'bad_file',
  'empty_file',
  'interrupted',
  'load_not_open',
  'source_unreachable',
  'source_http',
  'source_not_json',
  'source_running',
] as const;
export type Failure = (typeof FAILURES)[number];

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
};

/** The extensions a file may have, for the file picker. */
export const ACCEPTED_FILES = '.csv,.xlsx,.json,.jsonl,.ndjson';

/** A file's format from its extension; null for one the server does not read. */
export function formatOf(fileName: string): FileFormat | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'csv') return 'csv';
  if (extension === 'xlsx') return 'xlsx';
  if (extension === 'json' || extension === 'jsonl' || extension === 'ndjson') return 'json';
  return null;
}

export const collectionKeys = {
  all: ['collection'] as const,
  loads: (resourceId: string) => ['collection', 'loads', resourceId] as const,
  load: (id: string) => ['collection', 'load', id] as const,
  sources: (resourceId: string) => ['collection', 'sources', resourceId] as const,
  quality: (resourceId: string) => ['collection', 'quality', resourceId] as const,
};

export const loadPath = (id: string) => `/collection/loads/${encodeURIComponent(id)}`;
export const sourcePath = (id: string) => `/collection/sources/${encodeURIComponent(id)}`;
export const qualityPath = (resourceId: string) => `/collection/quality/${encodeURIComponent(resourceId)}`;

/** GET /collection/loads?resourceId= : the latest 50 loads, newest first (without their problems). */
export function useLoads(resourceId: string) {
  return useQuery({
    queryKey: collectionKeys.loads(resourceId),
    queryFn: ({ signal }) => api.get<{ items: CollectionLoad[] }>('/collection/loads', { resourceId }, signal),
    select: (answer) => answer.items,
    // a load under way (an upload, a scheduled pull) changes on the server
    refetchInterval: (query) => (query.state.data?.items.some((load) => load.status === 'receiving') ? 2000 : false),
  });
}

/** GET /collection/loads/:id : a load with its problems; asked every second while `poll`. */
export function useLoad(id: string | null, poll = false) {
  return useQuery({
    queryKey: collectionKeys.load(id ?? ''),
    queryFn: ({ signal }) => api.get<CollectionLoad>(loadPath(id ?? ''), undefined, signal),
    enabled: Boolean(id),
    refetchInterval: poll ? 1000 : false,
    staleTime: poll ? 0 : 30_000,
  });
}

/** GET /collection/sources?resourceId= : the resource's scheduled pulls. */
export function useSources(resourceId: string) {
  return useQuery({
    queryKey: collectionKeys.sources(resourceId),
    queryFn: ({ signal }) => api.get<{ items: CollectionSource[] }>('/collection/sources', { resourceId }, signal),
    select: (answer) => answer.items,
    // a pull may be running: its state changes on the server
    refetchInterval: (query) => (query.state.data?.items.some((source) => source.running) ? 2000 : false),
  });
}

/** GET /collection/quality/:resourceId : the latest assessment. */
export function useQuality(resourceId: string) {
  return useQuery({
    queryKey: collectionKeys.quality(resourceId),
    queryFn: ({ signal }) => api.get<DataQuality>(qualityPath(resourceId), undefined, signal),
  });
}
