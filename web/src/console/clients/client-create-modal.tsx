import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Checkbox, Form, Input, Modal, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { CreatedOidcClient, GrantType } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';

interface ClientValues {
  name: string;
  redirectUris?: string;
  grantTypes: GrantType[];
  public: boolean;
}

export const GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'refresh_token', 'client_credentials'];

function parseUris(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

function isValidRedirectUri(uri: string): boolean {
  try {
    const url = new URL(uri);
    return !url.hash && (url.protocol === 'https:' || url.protocol === 'http:' || /^[a-z][a-z0-9+.-]*:$/.test(url.protocol));
  } catch {
    return false;
  }
}

/** 注册应用: POST /oidc-clients; the secret comes back once and is handed to onCreated. */
export function ClientCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedOidcClient) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ClientValues>();
  const submission = useIdempotencyKey();

  const create = useMutation({
    mutationFn: (values: ClientValues) =>
      api.post<CreatedOidcClient>(
        '/oidc-clients',
        { name: values.name.trim(), redirectUris: parseUris(values.redirectUris), grantTypes: values.grantTypes, public: values.public },
        submission.key,
      ),
    onSuccess: (created) => {
      submission.renew();
      void queryClient.invalidateQueries({ queryKey: ['oidc-clients'] });
      onClose();
      onCreated(created);
    },
    onError: (error) =>
      void message.error(showServerErrors(form, error, ['name', 'redirectUris', 'grantTypes', 'public'], t) ?? t('errors.fixFields')),
  });

  return (
    <Modal
      open={open}
      title={t('console.clients.registerTitle')}
      okText={t('console.clients.register')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form<ClientValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ grantTypes: ['authorization_code', 'refresh_token'], public: false }}
        onFinish={(values) => create.mutate(values)}
        data-testid="client-form"
      >
        <Form.Item
          name="name"
          label={t('console.clients.name')}
          rules={[{ required: true, whitespace: true, message: t('console.clients.nameRequired') }, { max: 100 }]}
        >
          <Input maxLength={100} data-testid="client-name" />
        </Form.Item>
        <Form.Item
          name="grantTypes"
          label={t('console.clients.grantTypes')}
          dependencies={['public']}
          rules={[
            { required: true, type: 'array', min: 1, message: t('console.clients.grantRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: GrantType[] | undefined) =>
                getFieldValue('public') && value?.includes('client_credentials')
                  ? Promise.reject(new Error(t('console.clients.publicNoClientCredentials')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Checkbox.Group
            options={GRANT_TYPES.map((grant) => ({ value: grant, label: t(`console.clients.grants.${grant}`) }))}
            data-testid="client-grants"
          />
        </Form.Item>
        <Form.Item
          name="redirectUris"
          label={t('console.clients.redirectUris')}
          extra={t('console.clients.redirectUrisHint')}
          dependencies={['grantTypes']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) => {
                const uris = parseUris(value);
                const grants = (getFieldValue('grantTypes') as GrantType[] | undefined) ?? [];
                if (grants.includes('authorization_code') && uris.length === 0)
                  return Promise.reject(new Error(t('console.clients.redirectRequired')));
                const bad = uris.find((uri) => !isValidRedirectUri(uri));
                return bad ? Promise.reject(new Error(t('console.clients.redirectInvalid', { uri: bad }))) : Promise.resolve();
              },
            }),
          ]}
        >
          <Input.TextArea rows={3} placeholder="https://app.example.gov.cn/callback" data-testid="client-redirect-uris" />
        </Form.Item>
        <Form.Item name="public" label={t('console.clients.public')} valuePropName="checked" extra={t('console.clients.publicHint')}>
          <Switch data-testid="client-public" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
