import { csrfTokenForWrite, API_BASE, ApiError, NETWORK_ERROR } from './api';
import { currentLanguage } from './i18n';

export interface UploadOptions {
  method?: 'PUT' | 'POST';
  contentType: string;
  /** called as the body goes out: bytes sent so far and in all */
  onProgress?: (sent: number, total: number) => void;
  /** called once the whole body has been sent (the server may still be working on it) */
  onSent?: () => void;
  signal?: AbortSignal;
}

function answerError(xhr: XMLHttpRequest): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // not JSON: a proxy or gateway answered
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (error && typeof error.code === 'string')
    return new ApiError(
      xhr.status,
      error.code,
      typeof error.message === 'string' ? error.message : error.code,
      error.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {},
    );
  return new ApiError(xhr.status, `http.${xhr.status}`, xhr.statusText || `HTTP ${xhr.status}`);
}

/**
 * Sends a file as the raw request body with XMLHttpRequest, which (unlike fetch) reports how
 * much of the body has gone out. Answers the JSON reply, or throws the {@link ApiError} the
 * server answered, like `api.*` does.
 */
export async function uploadFile<T>(path: string, file: Blob, options: UploadOptions): Promise<T> {
  const token = await csrfTokenForWrite();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'PUT', `${API_BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    xhr.setRequestHeader('Content-Type', options.contentType);
    xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (event) => options.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.upload.onload = () => {
      options.onProgress?.(file.size, file.size);
      options.onSent?.();
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(answerError(xhr));
        return;
      }
      try {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } catch {
        reject(new ApiError(xhr.status, 'http.bad_json', xhr.statusText || 'Bad JSON'));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'network error'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('Aborted', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(file);
  });
}
