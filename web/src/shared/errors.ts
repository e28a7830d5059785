import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from './api';

/** A message for the user: the server's (already localised) message, or a local one. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === NETWORK_ERROR) return t('errors.network');
    return error.message || t('errors.unknown');
  }
  return t('errors.unknown');
}

const REQUEST_PARTS = ['body', 'query', 'querystring', 'params', 'headers'];

export interface FieldIssue {
  /** the form field the issue belongs to (the first path segment) */
  field: string;
  message: string;
}

/**
 * Splits the issues of a `validation.failed` answer into those of the given form fields
 * and the rest (shown as a general message).
 */
export function splitValidationIssues(error: unknown, fields: readonly string[]): { byField: FieldIssue[]; other: string[] } {
  const byField: FieldIssue[] = [];
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const issue of error.issues) {
    // The server names where the issue is: ['body', 'password'], ['query', 'limit'] …
    const path = REQUEST_PARTS.includes(String(issue.path[0])) ? issue.path.slice(1) : issue.path;
    const head = path[0];
    if (typeof head === 'string' && fields.includes(head)) byField.push({ field: head, message: issue.message });
    else other.push(path.length ? `${path.join('.')}: ${issue.message}` : issue.message);
  }
  return { byField, other };
}
