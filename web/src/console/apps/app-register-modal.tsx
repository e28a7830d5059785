import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Form, Input, InputNumber, Modal, Select, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { OrgSelect } from '../org-select';
import { appLevels, systemCodes, useComponents, type RegisteredApp } from './apps-queries';

const saveProps = (loading: boolean) => ({ loading, 'data-testid': 'app-register-save' }) as ButtonProps;

interface Values {
  code: string;
  name: string;
  description?: string;
  ownerOrgId: string;
  system: string;
  level: string;
  entryUrl: string;
  healthUrl?: string;
  redirectUris: string;
  launchOn: ('workbench' | 'portal')[];
  components: string[];
  expectedUsers: number;
}

/** 应用注册: the app, its owner, where it shows, and its OIDC client — whose secret is shown once. */
export function AppRegisterModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const components = useComponents();
  const [form] = Form.useForm<Values>();
  const [secret, setSecret] = useState<{ clientId: string; clientSecret: string | null } | null>(null);

  const register = useMutation({
    mutationFn: (body: unknown) => api.post<{ app: RegisteredApp; clientSecret: string | null }>('/apps', body, submission.key),
    onSuccess: (created) => {
      submission.renew();
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      setSecret({ clientId: created.app.clientId, clientSecret: created.clientSecret });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const submit = (v: Values) =>
    register.mutate({
      code: v.code.trim(),
      name: v.name.trim(),
      description: v.description?.trim() ?? '',
      ownerOrgId: v.ownerOrgId,
      system: v.system,
      level: v.level,
      entryUrl: v.entryUrl.trim(),
      ...(v.healthUrl?.trim() ? { healthUrl: v.healthUrl.trim() } : {}),
      redirectUris: v.redirectUris
        .split(/\s+/)
        .map((u) => u.trim())
        .filter(Boolean),
      launchOn: v.launchOn,
      components: v.components,
      expectedUsers: v.expectedUsers,
    });

  if (secret) {
    return (
      <Modal open title={t('appsConsole.registered')} onOk={onClose} onCancel={onClose} cancelButtonProps={{ hidden: true }}>
        <Alert type="warning" showIcon message={t('appsConsole.secretOnce')} />
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('appsConsole.clientId')}：
          <Typography.Text copyable code data-testid="app-client-id">
            {secret.clientId}
          </Typography.Text>
        </Typography.Paragraph>
        {secret.clientSecret ? (
          <Typography.Paragraph>
            {t('appsConsole.clientSecret')}：
            <Typography.Text copyable code>
              {secret.clientSecret}
            </Typography.Text>
          </Typography.Paragraph>
        ) : null}
      </Modal>
    );
  }
  const required = { required: true, message: t('forms.required') };
  return (
    <Modal
      open
      width={640}
      title={t('appsConsole.register')}
      okText={t('appsConsole.register')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={saveProps(register.isPending)}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ system: 'S2', level: 'province', launchOn: ['workbench'], components: [], expectedUsers: 100 }}
      >
        <Form.Item name="name" label={t('appsConsole.name')} rules={[required]}>
          <Input maxLength={60} data-testid="app-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('appsConsole.code')}
          rules={[required, { pattern: /^[a-z][a-z0-9-]{2,40}$/, message: t('appsConsole.codeRule') }]}
        >
          <Input maxLength={41} data-testid="app-code" />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('appsConsole.owner')} rules={[required]}>
          <OrgSelect testId="app-owner" />
        </Form.Item>
        <Form.Item name="system" label={t('appsConsole.system')} rules={[required]}>
          <Select options={systemCodes.map((s) => ({ value: s, label: t(`appsConsole.systems.${s}`) }))} />
        </Form.Item>
        <Form.Item name="level" label={t('appsConsole.level')} rules={[required]}>
          <Select options={appLevels.map((l) => ({ value: l, label: t(`appsConsole.levels.${l}`) }))} />
        </Form.Item>
        <Form.Item name="entryUrl" label={t('appsConsole.entryUrl')} rules={[required, { type: 'url', message: t('appsConsole.urlRule') }]}>
          <Input placeholder="https://" data-testid="app-entry" />
        </Form.Item>
        <Form.Item name="redirectUris" label={t('appsConsole.redirectUris')} extra={t('appsConsole.redirectHint')} rules={[required]}>
          <Input.TextArea rows={2} data-testid="app-redirects" />
        </Form.Item>
        <Form.Item name="healthUrl" label={t('appsConsole.healthUrl')} rules={[{ type: 'url', message: t('appsConsole.urlRule') }]}>
          <Input placeholder="https://…/healthz" />
        </Form.Item>
        <Form.Item name="launchOn" label={t('appsConsole.launchOn')}>
          <Checkbox.Group
            options={[
              { value: 'workbench', label: t('appsConsole.workbench') },
              { value: 'portal', label: t('appsConsole.portal') },
            ]}
          />
        </Form.Item>
        <Form.Item name="components" label={t('appsConsole.components')}>
          <Select
            mode="multiple"
            loading={components.isPending}
            options={(components.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
          />
        </Form.Item>
        <Form.Item name="expectedUsers" label={t('appsConsole.expectedUsers')} extra={t('appsConsole.expectedHint')}>
          <InputNumber min={1} max={10_000_000} />
        </Form.Item>
        <Form.Item name="description" label={t('appsConsole.description')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
