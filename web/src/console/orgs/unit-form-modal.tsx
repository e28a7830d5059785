import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { OrgDetail, Unit } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { buildUnitTree } from './unit-tree';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';

interface UnitValues {
  name: string;
  parentUnitId?: string;
}

/** 添加内设机构: POST /orgs/:id/units. */
export function UnitFormModal({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<UnitValues>();
  const submission = useIdempotencyKey();

  const add = useMutation({
    mutationFn: (values: UnitValues) =>
      api.post<Unit>(
        `/orgs/${encodeURIComponent(org.id)}/units`,
        { name: values.name.trim(), ...(values.parentUnitId ? { parentUnitId: values.parentUnitId } : {}) },
        submission.key,
      ),
    onSuccess: () => {
      submission.renew();
      void message.success(t('console.orgs.unitAdded'));
      void queryClient.invalidateQueries({ queryKey: ['orgs', 'detail', org.id] });
      onClose();
    },
    onError: (error) => void message.error(showServerErrors(form, error, ['name', 'parentUnitId'], t) ?? t('errors.fixFields')),
  });

  return (
    <Modal
      open={open}
      title={`${t('console.orgs.addUnit')} · ${org.name}`}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<UnitValues> form={form} layout="vertical" preserve={false} onFinish={(values) => add.mutate(values)} data-testid="unit-form">
        <Form.Item
          name="name"
          label={t('console.orgs.unitName')}
          rules={[{ required: true, whitespace: true, message: t('console.orgs.unitNameRequired') }, { max: 100 }]}
        >
          <Input maxLength={100} data-testid="unit-name-input" />
        </Form.Item>
        <Form.Item name="parentUnitId" label={t('console.orgs.parentUnit')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            placeholder={t('console.orgs.parentUnitPlaceholder')}
            treeData={buildUnitTree(org.units)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
