import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Divider, Form, Input, Modal, Row, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../shared/api';
import { useMe } from '../../shared/auth';
import type { CatalogOpenType, CatalogResourceDetail, CreateCatalogResourceInput } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { OrgSelect } from '../org-select';
import { catalogKeys } from './catalog-queries';
import { FieldEditor } from './field-editor';
import {
  blankRow,
  checkFields,
  countProblems,
  fieldProblemsFromError,
  mergeProblems,
  noProblems,
  toFields,
  type EditorRow,
  type FieldProblems,
} from './field-rules';
import { MetadataItems, metadataInput, METADATA_FIELDS, type MetadataValues } from './metadata-items';

interface RegisterValues extends MetadataValues {
  orgId: string;
  code: string;
}

/** the server's rule for a resource code, like 330106-SCJG-0001 */
const CODE = /^[A-Za-z0-9-]{3,40}$/;
const FORM_FIELDS = ['orgId', 'code', ...METADATA_FIELDS] as const;
const saveProps = { 'data-testid': 'catalog-save' } as ButtonProps;

/** 登记资源: a resource's metadata and its field list, POST /catalog/resources. Mount it to open it (its state starts afresh). */
export function RegisterModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const submission = useIdempotencyKey();
  const [form] = Form.useForm<RegisterValues>();
  const openType = Form.useWatch('openType', form) as CatalogOpenType | undefined;
  // A first row to fill in, marked as the key (a resource needs one).
  const [rows, setRows] = useState<EditorRow[]>(() => [{ ...blankRow('L2'), key: true, required: true }]);
  // The checks run once a save was tried, then on every change.
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<FieldProblems>(noProblems);
  const clientProblems = useMemo(() => (attempted ? checkFields(rows, openType, t) : noProblems()), [attempted, rows, openType, t]);

  const create = useMutation({
    mutationFn: (body: CreateCatalogResourceInput) => api.post<CatalogResourceDetail>('/catalog/resources', body, submission.key),
    onSuccess: (resource) => {
      submission.renew();
      void message.success(t('catalog.form.registered', { name: resource.name }));
      queryClient.setQueryData(catalogKeys.detail(resource.id), resource);
      void queryClient.invalidateQueries({ queryKey: catalogKeys.all, refetchType: 'active' });
      onClose();
      navigate(`/console/catalog/${encodeURIComponent(resource.id)}`);
    },
    onError: (error) => {
      const problems = fieldProblemsFromError(error, rows);
      setServerProblems(problems ?? noProblems());
      if (isApiError(error) && error.code === 'catalog.code_taken') form.setFields([{ name: 'code', errors: [error.message] }]);
      const placed = showServerErrors(form, error, FORM_FIELDS, t);
      void message.error(problems ? errorMessage(error, t) : (placed ?? t('errors.fixFields')));
    },
  });

  const save = async () => {
    setAttempted(true);
    setServerProblems(noProblems());
    const problems = checkFields(rows, openType, t);
    let values: RegisterValues;
    try {
      values = await form.validateFields();
    } catch {
      void message.error(t('errors.fixFields'));
      return;
    }
    if (countProblems(problems)) {
      void message.error(t('catalog.rules.problems', { n: countProblems(problems) }));
      return;
    }
    create.mutate({ orgId: values.orgId, code: values.code.trim(), ...metadataInput(values), fields: toFields(rows) });
  };

  const initialValues: Partial<RegisterValues> = {
    orgId: me.orgId ?? undefined,
    domain: 'shared',
    shareType: 'conditional',
    openType: 'none',
    updateFrequency: 'daily',
  };

  return (
    <Modal
      open
      title={t('catalog.form.registerTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      okButtonProps={saveProps}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      maskClosable={false}
      width={1200}
    >
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={create.isPending}
        data-testid="catalog-register-form"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="orgId" label={t('catalog.resource.org')} rules={[{ required: true, message: t('catalog.form.orgRequired') }]}>
              <OrgSelect
                allowClear={false}
                placeholder={t('catalog.form.orgPlaceholder')}
                initialOption={me.orgId ? { id: me.orgId, name: me.orgName ?? me.orgId } : null}
                testId="catalog-form-org"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('catalog.resource.code')}
              extra={t('catalog.form.codeHint')}
              rules={[
                { required: true, whitespace: true, message: t('catalog.form.codeRequired') },
                { pattern: CODE, message: t('catalog.form.codeFormat') },
              ]}
            >
              <Input maxLength={40} className="zl-mono" placeholder="330106-SCJG-0001" data-testid="catalog-form-code" />
            </Form.Item>
          </Col>
        </Row>
        <MetadataItems />
      </Form>
      <Divider orientation="left" plain>
        {t('catalog.form.fields')}
      </Divider>
      <FieldEditor
        rows={rows}
        onChange={(next) => {
          setRows(next);
          setServerProblems(noProblems());
        }}
        openType={openType}
        problems={mergeProblems(clientProblems, serverProblems)}
        disabled={create.isPending}
      />
    </Modal>
  );
}
