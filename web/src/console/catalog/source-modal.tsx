import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Collapse, Form, Input, InputNumber, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { collectionKeys, type CollectionSource, type CreateSourceInput } from './collection-queries';

interface SourceValues {
  name: string;
  url: string;
  cursorField: string;
  intervalMinutes: number;
  authorization?: string;
  sinceParam: string;
  limitParam: string;
  offsetParam: string;
  pageSize: number;
}

const FORM_FIELDS = [
  'name',
  'url',
  'cursorField',
  'intervalMinutes',
  'authorization',
  'sinceParam',
  'limitParam',
  'offsetParam',
  'pageSize',
] as const;
/** the server's rule for a field or parameter name (sources.ts) */
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const MAX_INTERVAL = 60 * 24 * 31;
const saveProps = { 'data-testid': 'source-save' } as ButtonProps;

/** 添加归集源: a department's HTTP JSON API pulled on a schedule, POST /collection/sources. Mount it to open it. */
export function SourceModal({ resourceId, onClose }: { resourceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<SourceValues>();

  const create = useMutation({
    mutationFn: (body: CreateSourceInput) => api.post<CollectionSource>('/collection/sources', body, submission.key),
    onSuccess: (source) => {
      submission.renew();
      void message.success(t('collection.sources.created', { name: source.name }));
      void queryClient.invalidateQueries({ queryKey: collectionKeys.sources(resourceId) });
      onClose();
    },
    onError: (error) => void message.error(showServerErrors(form, error, FORM_FIELDS, t) ?? t('errors.fixFields')),
  });

  const submit = (values: SourceValues) => {
    const authorization = values.authorization?.trim();
    create.mutate({
      resourceId,
      name: values.name.trim(),
      url: values.url.trim(),
      cursorField: values.cursorField.trim(),
      intervalMinutes: values.intervalMinutes,
      sinceParam: values.sinceParam.trim(),
      limitParam: values.limitParam.trim(),
      offsetParam: values.offsetParam.trim(),
      pageSize: values.pageSize,
      ...(authorization ? { authorization } : {}),
    });
  };

  const required = (text: string) => ({ required: true, whitespace: true, message: text });
  const paramRule = { pattern: NAME, message: t('collection.sources.nameFormat') };

  return (
    <Modal
      open
      title={t('collection.sources.add')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={saveProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<SourceValues>
        form={form}
        layout="vertical"
        initialValues={{ intervalMinutes: 60, sinceParam: 'since', limitParam: 'limit', offsetParam: 'offset', pageSize: 500 }}
        onFinish={submit}
        disabled={create.isPending}
        autoComplete="off"
        data-testid="source-form"
      >
        <Form.Item name="name" label={t('collection.sources.name')} rules={[required(t('collection.sources.nameRequired'))]}>
          <Input maxLength={100} data-testid="source-name" />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('collection.sources.url')}
          extra={t('collection.sources.help')}
          rules={[
            required(t('collection.sources.urlRequired')),
            { pattern: /^https?:\/\/\S+$/, message: t('collection.sources.urlFormat') },
          ]}
        >
          <Input maxLength={1000} placeholder="https://" className="zl-mono" data-testid="source-url" />
        </Form.Item>
        <Form.Item
          name="cursorField"
          label={t('collection.sources.cursorField')}
          extra={t('collection.sources.cursorHint')}
          rules={[required(t('collection.sources.cursorFieldRequired')), paramRule]}
        >
          <Input maxLength={63} placeholder="updated_at" className="zl-mono" data-testid="source-cursor-field" />
        </Form.Item>
        <Form.Item
          name="intervalMinutes"
          label={t('collection.sources.interval')}
          rules={[{ required: true, message: t('collection.sources.intervalRequired') }]}
        >
          <InputNumber<number>
            min={1}
            max={MAX_INTERVAL}
            precision={0}
            addonAfter={t('collection.sources.minutes')}
            data-testid="source-interval"
          />
        </Form.Item>
        <Form.Item name="authorization" label={t('collection.sources.authorization')} extra={t('collection.sources.authorizationHint')}>
          <Input.Password maxLength={2000} autoComplete="new-password" data-testid="source-authorization" />
        </Form.Item>
        <Collapse
          size="small"
          items={[
            {
              key: 'paging',
              label: t('collection.sources.paging'),
              forceRender: true,
              children: (
                <>
                  <Form.Item
                    name="sinceParam"
                    label={t('collection.sources.sinceParam')}
                    rules={[required(t('collection.sources.nameFormat')), paramRule]}
                  >
                    <Input className="zl-mono" />
                  </Form.Item>
                  <Form.Item
                    name="limitParam"
                    label={t('collection.sources.limitParam')}
                    rules={[required(t('collection.sources.nameFormat')), paramRule]}
                  >
                    <Input className="zl-mono" />
                  </Form.Item>
                  <Form.Item
                    name="offsetParam"
                    label={t('collection.sources.offsetParam')}
                    rules={[required(t('collection.sources.nameFormat')), paramRule]}
                  >
                    <Input className="zl-mono" />
                  </Form.Item>
                  <Form.Item
                    name="pageSize"
                    label={t('collection.sources.pageSize')}
                    rules={[{ required: true }]}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber<number> min={1} max={5000} precision={0} />
                  </Form.Item>
                </>
              ),
            },
          ]}
        />
      </Form>
    </Modal>
  );
}
