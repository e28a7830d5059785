import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, type ButtonProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import type { CatalogResourceDetail, CreateSharingRequestInput, SharingRequest } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { catalogKeys, useResource } from '../catalog/catalog-queries';
import { FieldPicker, ItemPicker, ResourcePicker } from './request-pickers';
import { approvalRoute, LIMITS, sharingKeys } from './sharing-queries';

type RequestValues = CreateSharingRequestInput;

const FORM_FIELDS = ['resourceId', 'itemId', 'fields', 'purpose', 'legalBasis'] as const;
const submitProps = { 'data-testid': 'sharing-submit' } as ButtonProps;

/** 提交后自动授权, or who will review: the server's rule, shown before submitting. */
function RouteHint({ resource, fields }: { resource: CatalogResourceDetail; fields: readonly string[] }) {
  const { t } = useTranslation();
  const chosen = resource.fields.filter((field) => fields.includes(field.name));
  const { automatic, security } = approvalRoute(resource, chosen);
  const vars = { resource: resource.name, owner: resource.orgName };
  let description: string;
  if (automatic) description = t('sharing.form.autoHintDetail', vars);
  else if (security) description = t('sharing.form.reviewSecurity', vars);
  else if (resource.shareType === 'unconditional') description = t('sharing.form.reviewGraded', vars);
  else description = t('sharing.form.reviewConditional', vars);
  return (
    <Alert
      type={automatic ? 'success' : security ? 'warning' : 'info'}
      showIcon
      message={automatic ? t('sharing.form.autoHint') : t('sharing.form.reviewHint')}
      description={description}
      style={{ marginBottom: 16 }}
      data-testid="sharing-auto-hint"
      data-automatic={String(automatic)}
      data-security={String(security)}
    />
  );
}

/** Server refusals that belong to one input: shown beside it as well as above the form. */
function placeError(error: unknown, t: TFunction): { name: (typeof FORM_FIELDS)[number]; errors: string[] } | null {
  if (!isApiError(error)) return null;
  const message = errorMessage(error, t);
  if (error.code === 'sharing.unknown_fields') return { name: 'fields', errors: [message] };
  if (error.code === 'sharing.not_shareable' || error.code === 'sharing.own_resource' || error.code === 'catalog.resource_not_found')
    return { name: 'resourceId', errors: [message] };
  if (error.code === 'items.node_not_found') return { name: 'itemId', errors: [message] };
  return null;
}

/**
 * 申请共享: a resource from the catalog, its fields, the item of the user's organisation they
 * are for, the purpose and the legal basis; POST /sharing/requests. Mount it to open it.
 */
export function RequestModal({
  resourceId: preset,
  onClose,
  onDone,
}: {
  /** a resource chosen beforehand (from its catalog page) */
  resourceId?: string;
  onClose: () => void;
  onDone: (request: SharingRequest) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<RequestValues>();
  const resourceId = Form.useWatch('resourceId', form);
  const fields = Form.useWatch('fields', form) ?? [];
  const resource = useResource(resourceId ?? '');
  const presetResource = useResource(preset ?? '');
  const [failure, setFailure] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (body: CreateSharingRequestInput) => api.post<SharingRequest>('/sharing/requests', body, submission.key),
    onSuccess: (request) => {
      submission.renew();
      const name = resource.data?.name ?? request.resourceId;
      void message.success(
        request.status === 'approved'
          ? t('sharing.form.granted', { resource: name })
          : t('sharing.form.submitted', { owner: resource.data?.orgName ?? request.ownerOrgId }),
      );
      queryClient.setQueryData(sharingKeys.request(request.id), request);
      void queryClient.invalidateQueries({ queryKey: sharingKeys.all });
      onDone(request);
    },
    onError: (error) => {
      const placed = placeError(error, t);
      if (placed) form.setFields([placed]);
      showServerErrors(form, error, FORM_FIELDS, t);
      // The resource changed since it was read (a field gone, no longer shared): read it again.
      if (isApiError(error) && ['sharing.unknown_fields', 'sharing.not_shareable'].includes(error.code))
        void queryClient.invalidateQueries({ queryKey: catalogKeys.all });
      setFailure(errorMessage(error, t));
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
    create.mutate({
      resourceId: values.resourceId,
      itemId: values.itemId,
      fields: values.fields,
      purpose: values.purpose.trim(),
      legalBasis: values.legalBasis.trim(),
    });
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
      title={t('sharing.form.title')}
      okText={t('sharing.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={submitProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={880}
      modalRender={(node) => <div data-testid="sharing-request-modal">{node}</div>}
    >
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={t('sharing.form.failed')}
          description={failure}
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
          data-testid="sharing-error"
        />
      ) : null}
      <Form<RequestValues>
        form={form}
        layout="vertical"
        initialValues={{ resourceId: preset, fields: [] }}
        disabled={create.isPending}
        data-testid="sharing-request-form"
      >
        <Form.Item
          name="resourceId"
          label={t('sharing.form.resource')}
          rules={[{ required: true, message: t('sharing.form.resourceRequired') }]}
        >
          <ResourcePicker
            initial={presetResource.data ?? null}
            onChange={() => form.setFields([{ name: 'fields', value: [], errors: [] }])}
          />
        </Form.Item>
        <Form.Item
          name="fields"
          label={t('sharing.form.fields')}
          rules={[{ type: 'array', required: true, min: 1, message: t('sharing.form.fieldsRequired') }]}
        >
          <FieldPicker resource={resourceId ? resource.data : undefined} loading={Boolean(resourceId) && resource.isPending} />
        </Form.Item>
        {resource.data && resourceId && fields.length ? <RouteHint resource={resource.data} fields={fields} /> : null}
        <Form.Item
          name="itemId"
          label={t('sharing.form.item')}
          extra={t('sharing.form.itemHint')}
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
            placeholder={t('sharing.form.purposePlaceholder')}
            data-testid="sharing-purpose"
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
            data-testid="sharing-legal-basis"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
