import { useRef, useState, type ChangeEvent, type FormEvent, type RefObject } from 'react';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import {
  CHANGE_PASSWORD_ANCHOR,
  changePasswordServerErrors,
  checkChangePassword,
  useChangePasswordAnchor,
  type ChangePasswordErrors,
  type ChangePasswordField,
  type ChangePasswordValues,
} from '../change-password';
import { PASSWORD_MAX_LENGTH } from '../validators';

const EMPTY: ChangePasswordValues = { currentPassword: '', newPassword: '', confirmPassword: '' };

function PasswordField(props: {
  label: string;
  value: string;
  error: string | undefined;
  hint?: string;
  autoComplete: string;
  testId: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <label className="zl-m-field">
      <span className="zl-m-field-label">{props.label}</span>
      <input
        ref={props.inputRef}
        className="zl-m-input"
        type="password"
        value={props.value}
        onChange={props.onChange}
        maxLength={PASSWORD_MAX_LENGTH}
        autoComplete={props.autoComplete}
        aria-invalid={Boolean(props.error)}
        data-testid={props.testId}
      />
      {props.hint && !props.error ? <div className="zl-m-field-hint">{props.hint}</div> : null}
      {props.error ? <div className="zl-m-field-error">{props.error}</div> : null}
    </label>
  );
}

// Plain <input>s styled like antd-mobile's (as on the login page), so the test ids sit on the inputs.
/** 修改密码 (phones): POST /auth/password; on success the form clears and /auth/me is read again. */
export function MobileChangePasswordForm() {
  const { t } = useTranslation();
  const { changePassword } = useAuth();
  const [values, setValues] = useState<ChangePasswordValues>(EMPTY);
  const [errors, setErrors] = useState<ChangePasswordErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const section = useRef<HTMLElement>(null);
  const currentInput = useRef<HTMLInputElement>(null);
  useChangePasswordAnchor(section, currentInput);

  const onChange = (field: ChangePasswordField) => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setGeneral(null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkChangePassword(values, t);
    setErrors(found);
    setGeneral(null);
    if (Object.keys(found).length) return;
    setSubmitting(true);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      setValues(EMPTY);
      Toast.show({ icon: 'success', content: t('password.changed') });
    } catch (cause) {
      const { fields, message } = changePasswordServerErrors(cause, t);
      setErrors(fields);
      setGeneral(message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <section id={CHANGE_PASSWORD_ANCHOR} ref={section} className="zl-m-section zl-m-change-password">
      <h2 className="zl-m-section-title">{t('password.title')}</h2>
      <p className="zl-m-section-hint">{t('password.hint')}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate data-testid="change-password-form">
        <PasswordField
          label={t('password.current')}
          value={values.currentPassword}
          error={errors.currentPassword}
          autoComplete="current-password"
          testId="current-password"
          inputRef={currentInput}
          onChange={onChange('currentPassword')}
        />
        <PasswordField
          label={t('password.new')}
          value={values.newPassword}
          error={errors.newPassword}
          hint={t('password.rule')}
          autoComplete="new-password"
          testId="new-password"
          onChange={onChange('newPassword')}
        />
        <PasswordField
          label={t('password.confirm')}
          value={values.confirmPassword}
          error={errors.confirmPassword}
          autoComplete="new-password"
          testId="confirm-password"
          onChange={onChange('confirmPassword')}
        />
        {general ? (
          <div role="alert" className="zl-m-form-error" data-testid="change-password-error">
            {general}
          </div>
        ) : null}
        <Button type="submit" block color="primary" size="large" loading={submitting} data-testid="change-password-submit">
          {t('password.submit')}
        </Button>
      </form>
    </section>
  );
}
