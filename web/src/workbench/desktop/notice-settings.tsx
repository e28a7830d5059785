import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { CHANNELS, toggledChannels, useNoticePreferences, usePreferenceActions, type Channel, type NoticePreferences } from '../notices';

interface Row {
  topic: string;
  label: string;
  channels: Channel[];
  alwaysAll: boolean;
}

function rowsOf(prefs: NoticePreferences, defaultLabel: string): Row[] {
  return [
    { topic: '*', label: defaultLabel, channels: prefs.default, alwaysAll: false },
    ...prefs.topics.map((topic) => ({ topic: topic.topic, label: topic.label, channels: topic.channels, alwaysAll: topic.alwaysAll })),
  ];
}

/** 电子邮箱 for notices by e-mail: PUT /auth/me/email (an empty box removes it). */
function EmailForm({ email }: { email: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const { setEmail } = usePreferenceActions();
  const save = (value: string | null) =>
    setEmail.mutate(value, {
      onSuccess: () => void message.success(t(value ? 'workbench.notices.settings.emailSaved' : 'workbench.notices.settings.emailRemoved')),
      onError: (error) => {
        const rest = showServerErrors(form, error, ['email'], t);
        if (rest) void message.error(rest);
      },
    });
  return (
    <Form<{ email: string }>
      form={form}
      layout="inline"
      initialValues={{ email: email ?? '' }}
      onFinish={(values) => save(values.email.trim() || null)}
      disabled={setEmail.isPending}
      style={{ rowGap: 8 }}
      data-testid="notice-email-form"
    >
      <Form.Item
        name="email"
        label={t('workbench.notices.settings.email')}
        rules={[{ type: 'email', message: t('workbench.notices.settings.emailInvalid') }]}
      >
        <Input
          type="email"
          style={{ width: 300 }}
          maxLength={200}
          placeholder={t('workbench.notices.settings.emailPlaceholder')}
          data-testid="notice-email"
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={setEmail.isPending} data-testid="notice-email-save">
            {t('workbench.notices.settings.emailSave')}
          </Button>
          {email ? (
            <Button
              onClick={() => {
                form.setFieldValue('email', '');
                save(null);
              }}
            >
              {t('workbench.notices.settings.emailRemove')}
            </Button>
          ) : null}
        </Space>
      </Form.Item>
    </Form>
  );
}

/**
 * 通知设置: the e-mail address, and per kind of notice the channels it goes out on — in-app
 * always; e-mail and SMS where this node offers them. Each change is saved at once; a
 * refusal (no e-mail address yet, no phone number) is shown as the server words it.
 */
export function NoticeSettings() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const prefs = useNoticePreferences();
  const { choose } = usePreferenceActions();
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = (row: Row, channel: Channel, on: boolean) => {
    setProblem(null);
    choose.mutate(
      { topic: row.topic, channels: toggledChannels(row.channels, channel, on) },
      {
        onSuccess: () => void message.success(t('workbench.notices.settings.saved')),
        onError: (error) => setProblem(errorMessage(error, t)),
      },
    );
  };

  const columns = (data: NoticePreferences): TableColumnsType<Row> => [
    { title: t('workbench.notices.settings.topic'), dataIndex: 'label', key: 'label' },
    ...CHANNELS.map((channel) => ({
      title: t(`workbench.notices.settings.channels.${channel}`),
      key: channel,
      width: 90,
      align: 'center' as const,
      render: (_: unknown, row: Row) => {
        const offered = data.available.includes(channel);
        const box = (
          <Checkbox
            checked={row.alwaysAll || row.channels.includes(channel)}
            disabled={channel === 'inapp' || row.alwaysAll || !offered || choose.isPending}
            onChange={(event) => toggle(row, channel, event.target.checked)}
            aria-label={`${row.label} · ${t(`workbench.notices.settings.channels.${channel}`)}`}
            data-testid={`channel-${row.topic}-${channel}`}
          />
        );
        if (row.alwaysAll) return <Tooltip title={t('workbench.notices.settings.alwaysAll')}>{box}</Tooltip>;
        return offered ? box : <Tooltip title={t('workbench.notices.settings.unavailable')}>{box}</Tooltip>;
      },
    })),
  ];

  let body;
  if (prefs.isPending) body = <LoadingBlock />;
  else if (prefs.isError) body = <ErrorBlock error={prefs.error} onRetry={() => void prefs.refetch()} />;
  else
    body = (
      <>
        <EmailForm key={prefs.data.email ?? ''} email={prefs.data.email} />
        {problem ? (
          <Alert
            type="error"
            showIcon
            message={problem}
            closable
            onClose={() => setProblem(null)}
            style={{ margin: '16px 0 0' }}
            data-testid="notice-settings-error"
          />
        ) : null}
        <Table<Row>
          style={{ marginTop: 16 }}
          rowKey="topic"
          size="small"
          pagination={false}
          columns={columns(prefs.data)}
          dataSource={rowsOf(prefs.data, t('workbench.notices.settings.default'))}
          data-testid="notice-channels"
        />
      </>
    );

  return (
    <Panel title={t('workbench.notices.settings.title')} testId="notice-settings">
      <Typography.Paragraph type="secondary">{t('workbench.notices.settings.hint')}</Typography.Paragraph>
      {body}
    </Panel>
  );
}
