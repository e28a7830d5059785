import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api';
import { errorMessage, splitValidationIssues } from '../errors';

/**
 * Shows a failed submission on an antd form: field issues of `validation.failed` next to
 * their fields, and returns the message for everything else (null when all were placed).
 */
export function showServerErrors(form: FormInstance, error: unknown, fields: readonly string[], t: TFunction): string | null {
  if (error instanceof ApiError && error.code === 'validation.failed' && error.issues.length) {
    const { byField, other } = splitValidationIssues(error, fields);
    const grouped = new Map<string, string[]>();
    for (const issue of byField) grouped.set(issue.field, [...(grouped.get(issue.field) ?? []), issue.message]);
    form.setFields([...grouped].map(([name, errors]) => ({ name, errors })));
    if (other.length) return other.join('；');
    return byField.length ? null : errorMessage(error, t);
  }
  return errorMessage(error, t);
}
