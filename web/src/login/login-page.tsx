import { useState } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { DesktopProvider } from '../shared/desktop/desktop-provider';
import { ElderToggle, LanguageSwitch } from '../shared/desktop/header-controls';
import { PageFallback } from '../shared/page-fallback';
import { LOGIN_KINDS, useLoginFlow, type LoginKind } from './use-login';
import './login.css';

interface LoginValues {
  username: string;
  password: string;
}

function LoginForm() {
  const { t } = useTranslation();
  const flow = useLoginFlow(false);
  const [kind, setKind] = useState<LoginKind>(flow.initialKind);
  const [form] = Form.useForm<LoginValues>();

  if (flow.status === 'loading') return <PageFallback />;
  if (flow.redirectTo) return <Navigate to={flow.redirectTo} replace />;

  const fieldLabel = t(`login.username.${kind}`);
  const switchKind = (next: string) => {
    setKind(next as LoginKind);
    form.resetFields(['username']);
    flow.clearError();
  };

  return (
    <Card className="zl-login-card" title={t('login.title')}>
      <Tabs
        activeKey={kind}
        onChange={switchKind}
        centered
        items={LOGIN_KINDS.map((key) => ({ key, label: <span data-testid={`login-kind-${key}`}>{t(`login.tabs.${key}`)}</span> }))}
      />
      <Typography.Paragraph type="secondary">{t(`login.tabHints.${kind}`)}</Typography.Paragraph>
      {flow.interaction ? <Alert type="info" showIcon message={t('login.oidcHint')} style={{ marginBottom: 16 }} /> : null}
      {flow.signedOutNotice && !flow.error ? (
        <Alert type="success" showIcon message={flow.signedOutNotice} style={{ marginBottom: 16 }} data-testid="signed-out" />
      ) : null}
      <Form<LoginValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void flow.submit(values.username, values.password)}
      >
        <Form.Item
          name="username"
          label={fieldLabel}
          rules={[{ required: true, whitespace: true, message: t('login.usernameRequired', { field: fieldLabel }) }]}
        >
          <Input
            size="large"
            prefix={<UserOutlined />}
            placeholder={t(`login.placeholder.${kind}`)}
            autoComplete="username"
            data-testid="login-username"
          />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password
            size="large"
            prefix={<LockOutlined />}
            placeholder={t('login.passwordPlaceholder')}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        {flow.error ? (
          <Alert type="error" showIcon message={flow.error} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
        ) : null}
        <Button type="primary" htmlType="submit" size="large" block loading={flow.submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function LoginPage() {
  const { t } = useTranslation();
  return (
    <DesktopProvider>
      <div className="zl-login">
        <header className="zl-login-top">
          <span className="zl-brand">
            <span className="zl-brand-mark">治</span>
            <span>
              {t('common.appName')} · {t('common.appFullName')}
            </span>
          </span>
          <Space>
            <LanguageSwitch />
            <ElderToggle />
          </Space>
        </header>
        <main className="zl-login-main">
          <section className="zl-login-intro zl-hide-in-elder">
            <h1>{t('login.title')}</h1>
            <p>{t('login.subtitle')}</p>
          </section>
          <LoginForm />
        </main>
        <footer className="zl-login-footer">{t('login.footer')}</footer>
      </div>
    </DesktopProvider>
  );
}
