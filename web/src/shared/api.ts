import { currentLanguage } from './i18n';
import type { Session, ValidationIssue } from './api-types';

export const API_BASE = '/api/v1';

/** An error answered by the server as `{"error":{"code","message","details"}}`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field issues of a `validation.failed` answer; empty for any other error. */
  get issues(): ValidationIssue[] {
    const issues = this.details['issues'];
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
  }
}

/** Status 0: the request never got an answer (offline, server down, proxy error). */
export const NETWORK_ERROR = 'network';

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

// The CSRF token of the current session, from the latest /auth/me or /auth/login answer.
// Held in memory only: the auth context sets it, every non-GET request sends it.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The CSRF token for a write made outside `api` (an upload, the open-data client): the one held, or asked afresh. */
export async function csrfTokenForWrite(): Promise<string> {
  return csrfToken ?? (await api.get<Session>('/auth/me')).csrfToken;
}

let onUnauthenticated: (() => void) | null = null;

/** Called when an API call answers 401 (the session ended); the auth context sends the user to login. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** a file sent as it is (an upload), with its content type, instead of a JSON body */
  raw?: { body: Blob | ArrayBuffer; contentType: string };
  signal?: AbortSignal;
  /** for submissions: a retry with the same key is answered once, not done twice */
  idempotencyKey?: string;
  /** more request headers (an upload's X-File-Name …) */
  headers?: Record<string, string>;
}

/** A fresh Idempotency-Key (works on plain-http hosts too, where crypto.randomUUID is missing). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

// Endpoints whose 401 is an answer, not the end of a session.
const AUTH_PROBES = ['/auth/me', '/auth/login'];

async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy or gateway answered
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {},
    );
  }
  return new ApiError(response.status, `http.${response.status}`, response.statusText || `HTTP ${response.status}`);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    ...options.headers,
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  if (options.raw) headers['Content-Type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ? options.raw.body : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }

  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !AUTH_PROBES.includes(path)) onUnauthenticated?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>('POST', path, { body: body ?? {}, idempotencyKey }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POST a file as the raw request body (with the session's CSRF token, like every other call). */
  upload: <T>(path: string, file: Blob | ArrayBuffer, contentType: string, query?: Query, headers?: Record<string, string>) =>
    request<T>('POST', path, { raw: { body: file, contentType }, query, headers }),
};

/** The URL of an API path, for links (downloads) that the browser follows itself. */
export function apiUrl(path: string, query?: Query): string {
  return buildUrl(path, query);
}
