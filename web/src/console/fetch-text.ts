import { ApiError, apiUrl, NETWORK_ERROR } from '../shared/api';
import { currentLanguage } from '../shared/i18n';

/**
 * GET an API path that answers text, not JSON (BPMN XML). Errors come back as the same
 * ApiError the JSON client throws, read from the `{"error":…}` body when there is one.
 */
export async function getText(path: string, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      headers: { Accept: 'application/xml, text/plain, application/json', 'Accept-Language': currentLanguage() },
      credentials: 'same-origin',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }
  if (response.ok) return response.text();
  let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
  try {
    error = ((await response.json()) as { error?: typeof error } | null)?.error;
  } catch {
    // not JSON: a proxy answered
  }
  if (error && typeof error.code === 'string')
    throw new ApiError(
      response.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {},
    );
  throw new ApiError(response.status, `http.${response.status}`, response.statusText || `HTTP ${response.status}`);
}
