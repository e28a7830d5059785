import { useState, type FormEvent } from 'react';
import { Button, NoticeBar, Tabs } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { MobileHeaderControls } from '../shared/mobile/mobile-controls';
import { MobileProvider } from '../shared/mobile/mobile-provider';
import { PageFallback } from '../shared/page-fallback';
import { LOGIN_KINDS, useLoginFlow, type LoginKind } from './use-login';

// Plain <input>s styled like antd-mobile's, so the test ids sit on the input elements.
function MobileLoginForm() {
  const { t } = useTranslation();
  const flow = useLoginFlow(true);
  const [kind, setKind] = useState<LoginKind>(flow.initialKind);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ username?: string; password?: string }>({});

  if (flow.status === 'loading') return <PageFallback />;
  if (flow.redirectTo) return <Navigate to={flow.redirectTo} replace />;

  const fieldLabel = t(`login.username.${kind}`);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const errors = {
      username: username.trim() ? undefined : t('login.usernameRequired', { field: fieldLabel }),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setFieldErrors(errors);
    if (errors.username || errors.password) return;
    void flow.submit(username, password);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Tabs
        activeKey={kind}
        onChange={(key) => {
          setKind(key as LoginKind);
          setUsername('');
          setFieldErrors({});
          flow.clearError();
        }}
      >
        {LOGIN_KINDS.map((key) => (
          <Tabs.Tab key={key} title={<span data-testid={`login-kind-${key}`}>{t(`login.tabs.${key}`)}</span>} />
        ))}
      </Tabs>
      {flow.interaction ? <NoticeBar content={t('login.oidcHint')} color="info" wrap style={{ marginTop: 12 }} /> : null}
      {flow.signedOutNotice && !flow.error ? (
        <div data-testid="signed-out" style={{ marginTop: 12 }}>
          <NoticeBar content={flow.signedOutNotice} color="info" wrap />
        </div>
      ) : null}
      <label className="zl-m-field">
        <span className="zl-m-field-label">{fieldLabel}</span>
        <input
          className="zl-m-input"
          value={username}
          onChange={(event) => setUsername(event.target.value)}
          placeholder={t(`login.placeholder.${kind}`)}
          autoComplete="username"
          aria-invalid={Boolean(fieldErrors.username)}
          data-testid="login-username"
        />
        {fieldErrors.username ? <div className="zl-m-field-error">{fieldErrors.username}</div> : null}
      </label>
      <label className="zl-m-field">
        <span className="zl-m-field-label">{t('login.password')}</span>
        <input
          className="zl-m-input"
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          placeholder={t('login.passwordPlaceholder')}
          autoComplete="current-password"
          aria-invalid={Boolean(fieldErrors.password)}
          data-testid="login-password"
        />
        {fieldErrors.password ? <div className="zl-m-field-error">{fieldErrors.password}</div> : null}
      </label>
      {flow.error ? (
        <div role="alert" data-testid="login-error" style={{ marginBottom: 16 }}>
          <NoticeBar content={flow.error} color="error" wrap />
        </div>
      ) : null}
      <Button type="submit" block color="primary" size="large" loading={flow.submitting} data-testid="login-submit">
        {t('login.submit')}
      </Button>
    </form>
  );
}

export function MobileLoginPage() {
  const { t } = useTranslation();
  return (
    <MobileProvider>
      <div className="zl-m-login">
        <div className="zl-m-login-body">
          <MobileHeaderControls />
          <h1>{t('login.title')}</h1>
          <p className="zl-m-subtitle">{t(`login.subtitle`)}</p>
          <MobileLoginForm />
          <p className="zl-m-footer">{t('login.footer')}</p>
        </div>
      </div>
    </MobileProvider>
  );
}
