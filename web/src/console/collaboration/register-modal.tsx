import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Radio, Row, type ButtonProps } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import { useMe } from '../../shared/auth';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { useResource } from '../catalog/catalog-queries';
import { OrgSelect } from '../org-select';
import {
  collabKeys,
  LIMITS,
  type CollabAnswer,
  type CollabAnswerType,
  type CollabService,
  type CollabServiceKind,
  type CollabShareType,
  type CreateCollabServiceInput,
} from './collaboration-queries';
import { OwnResourcePicker, ResourceFieldPicker } from './register-fields';

interface RegisterValues {
  orgId: string;
  kind: CollabServiceKind;
  code: string;
  name: string;
  description?: string;
  shareType: CollabShareType;
  rateLimit: number;
  resourceId?: string;
  keyField?: string;
  answerType: CollabAnswerType;
  answerField?: string;
  answerValue?: string;
  url?: string;
  authorization?: string;
  timeoutMs: number;
}

const FORM_FIELDS = [
  'orgId',
  'code',
  'name',
  'description',
  'shareType',
  'rateLimit',
  'resourceId',
  'keyField',
  'url',
  'timeoutMs',
] as const;
const submitProps = { 'data-testid': 'collab-register-submit' } as ButtonProps;

/** Server refusals that belong to one input. */
function placeError(error: unknown, t: TFunction): { name: keyof RegisterValues; errors: string[] } | null {
  if (!isApiError(error)) return null;
  const errors = [errorMessage(error, t)];
  if (error.code === 'catalog.code_taken') return { name: 'code', errors };
  if (error.code === 'identity.org_not_found') return { name: 'orgId', errors };
  if (error.code === 'collab.not_own_resource' || error.code === 'catalog.resource_not_found') return { name: 'resourceId', errors };
  if (error.code === 'catalog.not_a_key') return { name: 'keyField', errors };
  if (error.code === 'gateway.unknown_field') return { name: 'answerField', errors };
  return null;
}

function answerOf(values: RegisterValues): CollabAnswer {
  if (values.answerType === 'equals') return { type: 'equals', field: values.answerField ?? '', value: (values.answerValue ?? '').trim() };
  if (values.answerType === 'value') return { type: 'value', field: values.answerField ?? '' };
  return { type: 'exists' };
}

function toInput(values: RegisterValues): CreateCollabServiceInput {
  const common = {
    orgId: values.orgId,
    code: values.code.trim(),
    name: values.name.trim(),
    description: (values.description ?? '').trim(),
    shareType: values.shareType,
    rateLimit: values.rateLimit,
  };
  if (values.kind === 'query')
    return { ...common, kind: 'query', resourceId: values.resourceId ?? '', keyField: values.keyField ?? '', answer: answerOf(values) };
  const authorization = values.authorization?.trim();
  return {
    ...common,
    kind: 'http',
    url: (values.url ?? '').trim(),
    timeoutMs: values.timeoutMs,
    ...(authorization ? { authorization } : {}),
  };
}

/**
 * 登记服务: a question over one of the organisation's own resources (数据查询核验) or its own
 * endpoint (部门接口); POST /collaboration/services. Mount it to open it.
 */
export function RegisterServiceModal({ onClose, onDone }: { onClose: () => void; onDone: (service: CollabService) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<RegisterValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const orgId = Form.useWatch('orgId', form);
  const kind = Form.useWatch('kind', form) ?? 'query';
  const resourceId = Form.useWatch('resourceId', form);
  const answerType = Form.useWatch('answerType', form) ?? 'exists';
  const shareType = Form.useWatch('shareType', form) ?? 'conditional';
  const resource = useResource(kind === 'query' ? (resourceId ?? '') : '');
  const resourceData = resourceId ? resource.data : undefined;

  // A resource with a single key field: take it.
  const onlyKey = resourceData?.fields.filter((field) => field.key);
  const single = onlyKey?.length === 1 ? onlyKey[0]?.name : undefined;
  const loadedId = resourceData?.id;
  useEffect(() => {
    if (single && loadedId && !form.getFieldValue('keyField')) form.setFieldValue('keyField', single);
  }, [single, loadedId, form]);

  const create = useMutation({
    mutationFn: (body: CreateCollabServiceInput) => api.post<CollabService>('/collaboration/services', body, submission.key),
    onSuccess: (service) => {
      submission.renew();
      void message.success(t('collaboration.form.registered', { name: service.name }));
      void queryClient.invalidateQueries({ queryKey: collabKeys.all });
      onDone(service);
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
    let values: RegisterValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error(t('errors.fixFields'));
      return;
    }
    create.mutate(toInput(values));
  };

  const required = (text: string) => ({ required: true, whitespace: true, message: text });

  return (
    <Modal
      open
      title={t('collaboration.form.registerTitle')}
      okText={t('collaboration.form.register')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={submitProps}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={840}
      modalRender={(node) => <div data-testid="collab-register-modal">{node}</div>}
    >
      {failure ? (
        <Alert
          type="error"
          showIcon
          message={t('collaboration.form.failed')}
          description={failure}
          closable
          onClose={() => setFailure(null)}
          style={{ marginBottom: 16 }}
          data-testid="collab-register-error"
        />
      ) : null}
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        disabled={create.isPending}
        initialValues={{
          orgId: me.orgId ?? undefined,
          kind: 'query',
          shareType: 'conditional',
          rateLimit: 600,
          answerType: 'exists',
          timeoutMs: 5000,
        }}
        onValuesChange={(changed: Partial<RegisterValues>) => {
          if ('orgId' in changed) form.setFieldsValue({ resourceId: undefined, keyField: undefined, answerField: undefined });
          if ('resourceId' in changed) form.setFieldsValue({ keyField: undefined, answerField: undefined });
        }}
        data-testid="collab-register-form"
      >
        <Form.Item name="kind" label={t('collaboration.form.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="collab-form-kind">
            {(['query', 'http'] as const).map((value) => (
              <Radio.Button key={value} value={value}>
                <span data-testid={`collab-kind-${value}`}>{t(`collaboration.kinds.${value}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Alert type="info" showIcon message={t(`collaboration.form.kindHint.${kind}`)} style={{ marginBottom: 16 }} />
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="orgId"
              label={t('collaboration.form.org')}
              rules={[{ required: true, message: t('collaboration.form.orgRequired') }]}
            >
              <OrgSelect
                allowClear={false}
                initialOption={me.orgId ? { id: me.orgId, name: me.orgName ?? me.orgId } : null}
                testId="collab-form-org"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('collaboration.form.code')}
              extra={t('collaboration.form.codeHint')}
              rules={[
                required(t('collaboration.form.codeRequired')),
                { pattern: LIMITS.code, message: t('collaboration.form.codeFormat') },
              ]}
            >
              <Input maxLength={40} className="zl-mono" placeholder="HZ-MZ-MARRIED" data-testid="collab-form-code" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('collaboration.form.name')} rules={[required(t('collaboration.form.nameRequired'))]}>
              <Input maxLength={LIMITS.name} placeholder={t('collaboration.form.namePlaceholder')} data-testid="collab-form-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="shareType" label={t('collaboration.form.shareType')} extra={t(`collaboration.form.shareHint.${shareType}`)}>
              <Radio.Group optionType="button" data-testid="collab-form-share-type">
                {(['unconditional', 'conditional'] as const).map((value) => (
                  <Radio.Button key={value} value={value}>
                    <span data-testid={`collab-share-${value}`}>{t(`catalog.shareTypes.${value}`)}</span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label={t('collaboration.form.description')}>
          <Input.TextArea rows={2} maxLength={LIMITS.description} data-testid="collab-form-description" />
        </Form.Item>
        {kind === 'query' ? (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="resourceId"
                label={t('collaboration.form.resource')}
                extra={t('collaboration.form.resourceHint')}
                rules={[{ required: true, message: t('collaboration.form.resourceRequired') }]}
              >
                <OwnResourcePicker orgId={orgId} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="keyField"
                label={t('collaboration.form.keyField')}
                rules={[{ required: true, message: t('collaboration.form.keyFieldRequired') }]}
              >
                <ResourceFieldPicker
                  resource={resourceData}
                  keys
                  loading={Boolean(resourceId) && resource.isPending}
                  testId="collab-form-key-field"
                />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="answerType" label={t('collaboration.form.answerType')}>
                <Radio.Group data-testid="collab-form-answer-type">
                  {(['exists', 'equals', 'value'] as const).map((value) => (
                    <Radio key={value} value={value}>
                      <span data-testid={`collab-answer-${value}`}>{t(`collaboration.answer.${value}`)}</span>
                    </Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
            </Col>
            {answerType === 'exists' ? null : (
              <Col xs={24} md={12}>
                <Form.Item
                  name="answerField"
                  label={t('collaboration.form.answerField')}
                  extra={answerType === 'value' ? t('collaboration.form.valueHint') : undefined}
                  rules={[{ required: true, message: t('collaboration.form.answerFieldRequired') }]}
                >
                  <ResourceFieldPicker
                    resource={resourceData}
                    loading={Boolean(resourceId) && resource.isPending}
                    testId="collab-form-answer-field"
                  />
                </Form.Item>
              </Col>
            )}
            {answerType === 'equals' ? (
              <Col xs={24} md={12}>
                <Form.Item
                  name="answerValue"
                  label={t('collaboration.form.answerValue')}
                  rules={[required(t('collaboration.form.answerValueRequired'))]}
                >
                  <Input
                    maxLength={LIMITS.answerValue}
                    placeholder={t('collaboration.form.answerValuePlaceholder')}
                    data-testid="collab-form-answer-value"
                  />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
        ) : (
          <Row gutter={16}>
            <Col span={24}>
              <Form.Item
                name="url"
                label={t('collaboration.form.url')}
                extra={t('collaboration.form.urlHint')}
                rules={[
                  required(t('collaboration.form.urlRequired')),
                  { pattern: /^https?:\/\/\S+$/, message: t('collaboration.form.urlFormat') },
                ]}
              >
                <Input maxLength={LIMITS.url} className="zl-mono" placeholder="https://" data-testid="collab-form-url" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="authorization"
                label={t('collaboration.form.authorization')}
                extra={t('collaboration.form.authorizationHint')}
              >
                <Input.Password maxLength={LIMITS.authorization} autoComplete="off" data-testid="collab-form-authorization" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="timeoutMs"
                label={t('collaboration.form.timeoutMs')}
                rules={[{ required: true, message: t('collaboration.form.timeoutRequired') }]}
              >
                <InputNumber
                  min={LIMITS.timeoutMs[0]}
                  max={LIMITS.timeoutMs[1]}
                  step={500}
                  precision={0}
                  style={{ width: '100%' }}
                  addonAfter="ms"
                  data-testid="collab-form-timeout"
                />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item
          name="rateLimit"
          label={t('collaboration.form.rateLimit')}
          extra={t('collaboration.form.rateLimitHint')}
          rules={[{ required: true, message: t('collaboration.form.rateLimitRequired') }]}
        >
          <InputNumber
            min={LIMITS.rateLimit[0]}
            max={LIMITS.rateLimit[1]}
            precision={0}
            style={{ width: 220 }}
            addonAfter={t('collaboration.form.perMinute')}
            data-testid="collab-form-rate-limit"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
