import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, Modal, Row, type ButtonProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { useMe } from '../../shared/auth';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { useResource } from '../catalog/catalog-queries';
import { ResourceFieldPicker } from '../collaboration/register-fields';
import { useSharingGrants } from '../sharing/sharing-queries';
import { GrantedResourcePicker, grantedFields } from './granted-resource-picker';
import { LIMITS, objectionKeys, type CreateObjectionInput, type Objection } from './objections-queries';

type RaiseValues = CreateObjectionInput;

const FORM_FIELDS = ['resourceId', 'keyField', 'keyValue', 'field', 'description'] as const;
const submitProps = { 'data-testid': 'objection-submit' } as ButtonProps;

/** Server refusals that belong to one input. */
function placeError(error: unknown, t: TFunction): { name: (typeof FORM_FIELDS)[number]; errors: string[] } | null {
  if (!isApiError(error)) return null;
  const errors = [errorMessage(error, t)];
  if (error.code === 'sharing.objection_needs_grant' || error.code === 'catalog.resource_not_found') return { name: 'resourceId', errors };
  if (error.code === 'catalog.not_a_key' || error.code === 'gateway.key_not_granted') return { name: 'keyField', errors };
  if (error.code === 'catalog.record_not_found') return { name: 'keyValue', errors };
  if (error.code === 'sharing.objection_field_not_granted') return { name: 'field', errors };
  return null;
}

/**
 * 提出异议: a record of a resource the organisation holds a grant on, found by a key field
 * within the grant, optionally the field believed wrong, and what is wrong; POST
 * /sharing/objections. The provider's data stewards answer in the Workbench. Mount it to open it.
 */
export function RaiseObjectionModal({ onClose, onDone }: { onClose: () => void; onDone: (objection: Objection) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<RaiseValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const grants = useSharingGrants(me.orgId);
  const granted = grantedFields(grants.data ?? []);
  const resourceId = Form.useWatch('resourceId', form);
  const resource = useResource(resourceId ?? '');
  const resourceData = resourceId ? resource.data : undefined;
  const allowed = resourceId ? (granted.get(resourceId) ?? []) : [];

  // A single key field within the grant: take it.
  const keys = resourceData?.fields.filter((field) => field.key && allowed.includes(field.name)) ?? [];
  const single = keys.length === 1 ? keys[0]?.name : undefined;
  const loadedId = resourceData?.id;
  useEffect(() => {
    if (single && loadedId && !form.getFieldValue('keyField')) form.setFieldValue('keyField', single);
  }, [single, loadedId, form]);

  const raise = useMutation({
    mutationFn: (body: CreateObjectionInput) => api.post<Objection>('/sharing/objections', body, submission.key),
    onSuccess: (objection) => {
      submission.renew();
      void message.success(t('objections.form.raised', { owner: resourceData?.orgName ?? objection.ownerOrgId }));
      void queryClient.invalidateQueries({ queryKey: objectionKeys.all });
      onDone(objection);
    },
    onError: (error) => {
      const placed = placeError(error, t);
      if (placed) form.setFields([placed]);
      const rest = showServerErrors(form, error, FORM_FIELDS, t);
      setFailure(placed ? errorMessage(error, t) : (rest ?? t('errors.fixFields')));
    },
  });

  const submit = async () => {
    setFailure(null);
    let values: RaiseValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error(t('errors.fixFields'));
      return;
    }
    raise.mutate({
      resourceId: values.resourceId,
      keyField: values.keyField,
      keyValue: values.keyValue.trim(),
      ...(values.field ? { field: values.field } : {}),
      description: values.description.trim(),
    });
  };

  const describe = {
    validator: (_: unknown, value: string | undefined) => {
      const size = (value ?? '').trim().length;
      return size === 0 || (size >= LIMITS.description[0] && size <= LIMITS.description[1])
        ? Promise.resolve()
        : Promise.reject(new Error(t('objections.form.descriptionLength')));
    },
  };

  return (
    <Modal
      open
      title={t('objections.form.title')}
      okText={t('objections.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={raise.isPending}
      okButtonProps={submitProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={760}
      modalRender={(node) => <div data-testid="objection-raise-modal">{node}</div>}
    >
      <Alert type="info" showIcon message={t('objections.form.intro')} style={{ marginBottom: 16 }} />
      {grants.isSuccess && granted.size === 0 ? (
        <Alert
          type="warning"
          showIcon
          message={t('objections.form.noGrants')}
          style={{ marginBottom: 16 }}
          data-testid="objection-no-grants"
        />
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={t('objections.form.failed')}
          description={failure}
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
          data-testid="objection-error"
        />
      ) : null}
      <Form<RaiseValues>
        form={form}
        layout="vertical"
        disabled={raise.isPending}
        onValuesChange={(changed: Partial<RaiseValues>) => {
          if ('resourceId' in changed) form.setFieldsValue({ keyField: undefined, field: undefined });
        }}
        data-testid="objection-form"
      >
        <Form.Item
          name="resourceId"
          label={t('objections.form.resource')}
          extra={t('objections.form.resourceHint')}
          rules={[{ required: true, message: t('objections.form.resourceRequired') }]}
        >
          <GrantedResourcePicker granted={granted} loading={grants.isPending && Boolean(me.orgId)} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="keyField"
              label={t('objections.form.keyField')}
              rules={[{ required: true, message: t('objections.form.keyFieldRequired') }]}
            >
              <ResourceFieldPicker
                resource={resourceData}
                keys
                allowed={allowed}
                loading={Boolean(resourceId) && resource.isPending}
                testId="objection-key-field"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="keyValue"
              label={t('objections.form.keyValue')}
              rules={[{ required: true, whitespace: true, message: t('objections.form.keyValueRequired') }]}
            >
              <Input maxLength={LIMITS.keyValue} className="zl-mono" autoComplete="off" data-testid="objection-key-value" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="field" label={t('objections.form.field')} extra={t('objections.form.fieldHint')}>
          <ResourceFieldPicker
            resource={resourceData}
            allowed={allowed}
            allowClear
            loading={Boolean(resourceId) && resource.isPending}
            testId="objection-field"
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('objections.form.description')}
          rules={[{ required: true, whitespace: true, message: t('objections.form.descriptionRequired') }, describe]}
        >
          <Input.TextArea
            rows={3}
            maxLength={LIMITS.description[1]}
            showCount
            placeholder={t('objections.form.descriptionPlaceholder')}
            data-testid="objection-description"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
