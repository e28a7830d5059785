import { useState } from 'react';
import { Button, Checkbox, List, Space, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { CHANNELS, toggledChannels, useNoticePreferences, usePreferenceActions, type Channel, type NoticePreferences } from '../notices';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function EmailField({ email }: { email: string | null }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(email ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const { setEmail } = usePreferenceActions();
  const save = () => {
    const next = value.trim() || null;
    if (next && !EMAIL.test(next)) return setProblem(t('workbench.notices.settings.emailInvalid'));
    setProblem(null);
    setEmail.mutate(next, {
      onSuccess: () =>
        Toast.show({
          icon: 'success',
          content: t(next ? 'workbench.notices.settings.emailSaved' : 'workbench.notices.settings.emailRemoved'),
        }),
      onError: (error) => setProblem(errorMessage(error, t)),
    });
  };
  return (
    <div className="zl-m-field">
      <span className="zl-m-field-label">{t('workbench.notices.settings.email')}</span>
      <input
        className="zl-m-input"
        type="email"
        inputMode="email"
        value={value}
        maxLength={200}
        placeholder={t('workbench.notices.settings.emailPlaceholder')}
        onChange={(event) => setValue(event.target.value)}
        data-testid="notice-email"
      />
      {problem ? <div className="zl-m-field-error">{problem}</div> : null}
      <Button
        size="small"
        color="primary"
        style={{ marginTop: 8 }}
        loading={setEmail.isPending}
        onClick={save}
        data-testid="notice-email-save"
      >
        {t('workbench.notices.settings.emailSave')}
      </Button>
    </div>
  );
}

/** 通知设置 on the phone's 我的 tab: the e-mail address, and per kind of notice its channels (in-app always on). */
export function MobileNoticeSettings() {
  const { t } = useTranslation();
  const prefs = useNoticePreferences();
  const { choose } = usePreferenceActions();
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = (topic: string, current: Channel[], channel: Channel, on: boolean) => {
    setProblem(null);
    choose.mutate(
      { topic, channels: toggledChannels(current, channel, on) },
      {
        onSuccess: () => Toast.show({ icon: 'success', content: t('workbench.notices.settings.saved') }),
        onError: (error) => setProblem(errorMessage(error, t)),
      },
    );
  };

  const row = (data: NoticePreferences, topic: string, label: string, channels: Channel[], alwaysAll: boolean) => (
    <List.Item key={topic} description={alwaysAll ? t('workbench.notices.settings.alwaysAll') : undefined}>
      <div>{label}</div>
      <Space wrap style={{ '--gap-horizontal': '16px', marginTop: 6 }}>
        {CHANNELS.map((channel) => (
          <Checkbox
            key={channel}
            checked={alwaysAll || channels.includes(channel)}
            disabled={channel === 'inapp' || alwaysAll || !data.available.includes(channel) || choose.isPending}
            onChange={(on) => toggle(topic, channels, channel, on)}
            data-testid={`channel-${topic}-${channel}`}
          >
            {t(`workbench.notices.settings.channels.${channel}`)}
          </Checkbox>
        ))}
      </Space>
    </List.Item>
  );

  return (
    <section className="zl-m-section" data-testid="notice-settings">
      <h2 className="zl-m-section-title">{t('workbench.notices.settings.title')}</h2>
      <p className="zl-m-section-hint">{t('workbench.notices.settings.hint')}</p>
      {prefs.isPending ? <MobileLoading /> : null}
      {prefs.isError ? <MobileError error={prefs.error} onRetry={() => void prefs.refetch()} /> : null}
      {prefs.isSuccess ? (
        <>
          <EmailField key={prefs.data.email ?? ''} email={prefs.data.email} />
          {problem ? (
            <div className="zl-m-form-error" role="alert" data-testid="notice-settings-error">
              {problem}
            </div>
          ) : null}
          <List>
            {row(prefs.data, '*', t('workbench.notices.settings.default'), prefs.data.default, false)}
            {prefs.data.topics.map((topic) => row(prefs.data, topic.topic, topic.label, topic.channels, topic.alwaysAll))}
          </List>
          {prefs.data.available.length < CHANNELS.length ? (
            <p className="zl-m-field-hint">
              {CHANNELS.filter((c) => !prefs.data.available.includes(c))
                .map((c) => t(`workbench.notices.settings.channels.${c}`))
                .join('、')}
              ：{t('workbench.notices.settings.unavailable')}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
