// 修改密码: what the desktop and the phone change-password forms share (checks, server
// errors, the #change-password anchor the must-change warning links to).
import { useEffect, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useLocation } from 'react-router';
import { ApiError } from './api';
import { errorMessage, splitValidationIssues } from './errors';
import { isStrongPassword } from './validators';

export interface ChangePasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type ChangePasswordField = keyof ChangePasswordValues;
export type ChangePasswordErrors = Partial<Record<ChangePasswordField, string>>;

/** The body fields of POST /auth/password (the confirmation stays in the browser). */
export const CHANGE_PASSWORD_FIELDS = ['currentPassword', 'newPassword'] as const;

/** The element id of the change-password form on every profile page. */
export const CHANGE_PASSWORD_ANCHOR = 'change-password';

/** Where the change-password form of a front end is: its profile page, scrolled to the form. */
export function changePasswordPath(profilePath: string): string {
  return `${profilePath}#${CHANGE_PASSWORD_ANCHOR}`;
}

export function checkCurrentPassword(value: string, t: TFunction): string | undefined {
  return value ? undefined : t('password.currentRequired');
}

/** The server's rule (at least 8 characters, letters and digits), checked before sending. */
export function checkNewPassword(value: string, t: TFunction): string | undefined {
  if (!value) return t('password.newRequired');
  return isStrongPassword(value) ? undefined : t('password.weak');
}

export function checkConfirmPassword(value: string, newPassword: string, t: TFunction): string | undefined {
  if (!value) return t('password.confirmRequired');
  return value === newPassword ? undefined : t('password.mismatch');
}

/** All client-side checks of the form; empty when it may be sent. */
export function checkChangePassword(values: ChangePasswordValues, t: TFunction): ChangePasswordErrors {
  const errors: ChangePasswordErrors = {
    currentPassword: checkCurrentPassword(values.currentPassword, t),
    newPassword: checkNewPassword(values.newPassword, t),
    confirmPassword: checkConfirmPassword(values.confirmPassword, values.newPassword, t),
  };
  for (const key of Object.keys(errors) as ChangePasswordField[]) if (!errors[key]) delete errors[key];
  return errors;
}

/**
 * A failed POST /auth/password: the (already localised) server messages that belong to a
 * field — a wrong current password, a weak new one — and a general message for the rest.
 */
export function changePasswordServerErrors(error: unknown, t: TFunction): { fields: ChangePasswordErrors; message: string | null } {
  const fields: ChangePasswordErrors = {};
  if (error instanceof ApiError && error.code === 'auth.wrong_current_password') {
    fields.currentPassword = error.message || t('password.wrongCurrent');
    return { fields, message: null };
  }
  if (error instanceof ApiError && error.code === 'validation.failed' && error.issues.length) {
    const { byField, other } = splitValidationIssues(error, CHANGE_PASSWORD_FIELDS);
    for (const issue of byField) {
      const field = issue.field as ChangePasswordField;
      fields[field] = fields[field] ? `${fields[field]}；${issue.message}` : issue.message;
    }
    if (other.length) return { fields, message: other.join('；') };
    return { fields, message: byField.length ? null : errorMessage(error, t) };
  }
  return { fields, message: errorMessage(error, t) };
}

/**
 * When the page is opened at #change-password (the must-change warning's link), scrolls
 * the form into view and focuses its first input.
 */
export function useChangePasswordAnchor(
  section: RefObject<HTMLElement | null>,
  input: RefObject<{ focus: (options?: FocusOptions) => void } | null>,
): void {
  const location = useLocation();
  const arrived = location.hash === `#${CHANGE_PASSWORD_ANCHOR}`;
  useEffect(() => {
    if (!arrived) return;
    section.current?.scrollIntoView({ block: 'start' });
    input.current?.focus({ preventScroll: true });
    // location.key: again on every visit, also when the hash is already there
  }, [arrived, location.key, section, input]);
}
