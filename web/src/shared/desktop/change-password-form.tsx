import { useRef, useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, type FormRule, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth';
import {
  CHANGE_PASSWORD_ANCHOR,
  changePasswordServerErrors,
  checkConfirmPassword,
  checkCurrentPassword,
  checkNewPassword,
  useChangePasswordAnchor,
  type ChangePasswordValues,
} from '../change-password';
import { PASSWORD_MAX_LENGTH } from '../validators';

type RuleObject = Exclude<FormRule, (...args: never[]) => unknown>;

function checked(check: (value: string) => string | undefined): RuleObject {
  return {
    validator: (_, value: string | undefined) => {
      const problem = check(value ?? '');
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  };
}

/** 修改密码: POST /auth/password; on success the form clears and /auth/me is read again. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { changePassword } = useAuth();
  const [form] = Form.useForm<ChangePasswordValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const section = useRef<HTMLDivElement>(null);
  const currentInput = useRef<InputRef>(null);
  useChangePasswordAnchor(section, currentInput);

  const submit = async (values: ChangePasswordValues) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      void message.success(t('password.changed'));
    } catch (cause) {
      const { fields, message: general } = changePasswordServerErrors(cause, t);
      form.setFields(Object.entries(fields).map(([name, text]) => ({ name: name as keyof ChangePasswordValues, errors: [text] })));
      setError(general);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div id={CHANGE_PASSWORD_ANCHOR} ref={section} className="zl-change-password">
      <h3 className="zl-change-password-title">{t('password.title')}</h3>
      <p className="zl-change-password-hint">{t('password.hint')}</p>
      <Form<ChangePasswordValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        onValuesChange={() => setError(null)}
        style={{ maxWidth: 420 }}
        data-testid="change-password-form"
      >
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          required
          rules={[checked((value) => checkCurrentPassword(value, t))]}
        >
          <Input.Password
            ref={currentInput}
            prefix={<LockOutlined />}
            maxLength={PASSWORD_MAX_LENGTH}
            autoComplete="current-password"
            data-testid="current-password"
          />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          required
          extra={t('password.rule')}
          rules={[checked((value) => checkNewPassword(value, t))]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            maxLength={PASSWORD_MAX_LENGTH}
            autoComplete="new-password"
            data-testid="new-password"
          />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          required
          dependencies={['newPassword']}
          rules={[({ getFieldValue }) => checked((value) => checkConfirmPassword(value, String(getFieldValue('newPassword') ?? ''), t))]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            maxLength={PASSWORD_MAX_LENGTH}
            autoComplete="new-password"
            data-testid="confirm-password"
          />
        </Form.Item>
        {error ? (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" data-testid="change-password-error" />
        ) : null}
        <Button type="primary" htmlType="submit" loading={submitting} data-testid="change-password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </div>
  );
}
