import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { ShareTypeTag } from '../catalog/catalog-tags';
import { ItemPicker } from '../sharing/request-pickers';
import { KindTag, ServiceContent } from './collaboration-cells';
import { collabKeys, LIMITS, type CollabRequest, type CollabService, type CreateCollabRequestInput } from './collaboration-queries';

type RequestValues = Pick<CreateCollabRequestInput, 'itemId' | 'purpose' | 'legalBasis'>;

const FORM_FIELDS = ['itemId', 'purpose', 'legalBasis'] as const;
const submitProps = { 'data-testid': 'collab-request-submit' } as ButtonProps;

/**
 * 申请调用: a service of another organisation, for an item of the user's own; POST
 * /collaboration/requests. An unconditional service is granted at once, a conditional one goes
 * to the provider's data stewards. Mount it to open it.
 */
export function RequestServiceModal({
  service,
  onClose,
  onDone,
}: {
  service: CollabService;
  onClose: () => void;
  onDone: (request: CollabRequest) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<RequestValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const automatic = service.shareType === 'unconditional';

  const create = useMutation({
    mutationFn: (body: CreateCollabRequestInput) => api.post<CollabRequest>('/collaboration/requests', body, submission.key),
    onSuccess: (request) => {
      submission.renew();
      void message.success(
        request.status === 'approved'
          ? t('collaboration.request.granted', { service: service.name })
          : t('collaboration.request.submitted', { owner: service.orgName }),
      );
      void queryClient.invalidateQueries({ queryKey: collabKeys.all });
      onDone(request);
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'items.node_not_found')
        form.setFields([{ name: 'itemId', errors: [errorMessage(error, t)] }]);
      setFailure(showServerErrors(form, error, FORM_FIELDS, t) ?? t('errors.fixFields'));
    },
  });

  const submit = async () => {
    setFailure(null);
    let values: RequestValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error(t('errors.fixFields'));
      return;
    }
    create.mutate({ serviceId: service.id, itemId: values.itemId, purpose: values.purpose.trim(), legalBasis: values.legalBasis.trim() });
  };

  const length = (range: readonly [number, number], text: string) => ({
    validator: (_: unknown, value: string | undefined) => {
      const size = (value ?? '').trim().length;
      return size === 0 || (size >= range[0] && size <= range[1]) ? Promise.resolve() : Promise.reject(new Error(text));
    },
  });

  return (
    <Modal
      open
      title={t('collaboration.request.title', { service: service.name })}
      okText={t('collaboration.request.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={submitProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={720}
      modalRender={(node) => <div data-testid="collab-request-modal">{node}</div>}
    >
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'service', label: t('collaboration.column.service'), children: `${service.name}（${service.code}）` },
          { key: 'owner', label: t('collaboration.column.owner'), children: service.orgName },
          {
            key: 'kind',
            label: t('collaboration.column.kind'),
            children: (
              <>
                <KindTag kind={service.kind} /> <ShareTypeTag value={service.shareType} />
              </>
            ),
          },
          { key: 'content', label: t('collaboration.column.content'), children: <ServiceContent service={service} /> },
        ]}
      />
      <Alert
        type={automatic ? 'success' : 'info'}
        showIcon
        message={automatic ? t('collaboration.request.autoHint') : t('collaboration.request.reviewHint', { owner: service.orgName })}
        style={{ marginBottom: 16 }}
        data-testid="collab-request-hint"
        data-automatic={String(automatic)}
      />
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={t('collaboration.request.failed')}
          description={failure}
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
          data-testid="collab-request-error"
        />
      ) : null}
      <Form<RequestValues> form={form} layout="vertical" disabled={create.isPending} data-testid="collab-request-form">
        <Form.Item
          name="itemId"
          label={t('collaboration.request.item')}
          extra={t('collaboration.request.itemHint')}
          rules={[{ required: true, message: t('sharing.form.itemRequired') }]}
        >
          <ItemPicker />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('sharing.form.purpose')}
          rules={[
            { required: true, whitespace: true, message: t('sharing.form.purposeRequired') },
            length(LIMITS.purpose, t('sharing.form.purposeLength')),
          ]}
        >
          <Input.TextArea
            rows={2}
            maxLength={LIMITS.purpose[1]}
            showCount
            placeholder={t('collaboration.request.purposePlaceholder')}
            data-testid="collab-purpose"
          />
        </Form.Item>
        <Form.Item
          name="legalBasis"
          label={t('sharing.form.legalBasis')}
          rules={[
            { required: true, whitespace: true, message: t('sharing.form.legalBasisRequired') },
            length(LIMITS.legalBasis, t('sharing.form.legalBasisLength')),
          ]}
        >
          <Input.TextArea
            rows={2}
            maxLength={LIMITS.legalBasis[1]}
            showCount
            placeholder={t('sharing.form.legalBasisPlaceholder')}
            data-testid="collab-legal-basis"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
