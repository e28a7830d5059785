import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, type ButtonProps, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../shared/api';
import type { CatalogResourceDetail, UpdateCatalogResourceInput } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { catalogKeys, resourcePath } from './catalog-queries';
import { MetadataItems, metadataInput, METADATA_FIELDS, type MetadataValues } from './metadata-items';

const saveProps = { 'data-testid': 'catalog-save' } as ButtonProps;

/** 编辑信息: a resource's metadata, PATCH /catalog/resources/:id with what changed. Mount it to open it. */
export function InfoModal({ resource, onClose }: { resource: CatalogResourceDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<MetadataValues>();

  const save = useMutation({
    mutationFn: (body: UpdateCatalogResourceInput) => api.patch<CatalogResourceDetail>(resourcePath(resource.id), body),
    onSuccess: (saved) => {
      void message.success(t('catalog.form.updated'));
      queryClient.setQueryData(catalogKeys.detail(resource.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['catalog', 'resources'] });
      onClose();
    },
    onError: (error) => {
      if (isApiError(error) && error.code === 'catalog.open_needs_l1') form.setFields([{ name: 'openType', errors: [error.message] }]);
      void message.error(showServerErrors(form, error, METADATA_FIELDS, t) ?? t('errors.fixFields'));
    },
  });

  // An open (无条件开放) resource holds only L1 fields: the server refuses the change otherwise.
  const openNeedsL1: FormRule = {
    validator: (_, value: string | undefined) =>
      value === 'open' && resource.fields.some((field) => field.grade !== 'L1')
        ? Promise.reject(new Error(t('catalog.form.openNeedsL1')))
        : Promise.resolve(),
  };

  const submit = (values: MetadataValues) => {
    const next = metadataInput(values);
    const changed = Object.fromEntries(
      Object.entries(next).filter(([key, value]) => resource[key as keyof typeof next] !== value),
    ) as UpdateCatalogResourceInput;
    if (Object.keys(changed).length === 0) {
      void message.info(t('catalog.form.noChange'));
      onClose();
      return;
    }
    save.mutate(changed);
  };

  const initialValues: MetadataValues = {
    name: resource.name,
    description: resource.description,
    domain: resource.domain,
    shareType: resource.shareType,
    openType: resource.openType,
    updateFrequency: resource.updateFrequency,
    sourceSystem: resource.sourceSystem,
  };

  return (
    <Modal
      open
      title={t('catalog.form.editTitle', { name: resource.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={saveProps}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={820}
    >
      <Form<MetadataValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        disabled={save.isPending}
        data-testid="catalog-info-form"
      >
        <MetadataItems openTypeRules={[openNeedsL1]} />
      </Form>
    </Modal>
  );
}
