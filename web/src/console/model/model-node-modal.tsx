import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { CreateModelNodeInput, ModelItemType, ModelLevel, ModelNode, UpdateModelNodeInput } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { CollaboratorSelect } from './collaborator-select';
import { modelTreeKey } from './model-queries';

/** What the modal is doing: adding a node of a level under a parent (null for a core business), or editing one. */
export type NodeEditing = { mode: 'create'; level: ModelLevel; parent: ModelNode | null } | { mode: 'edit'; node: ModelNode };

interface NodeValues {
  name: string;
  itemType?: ModelItemType;
  collaboratorOrgIds?: string[];
}

const FIELDS = ['name', 'itemType', 'collaboratorOrgIds'] as const;
export const NAME_MAX = 100;

/** 新增 / 编辑 a node of the business model: POST /model/nodes, PATCH /model/nodes/:id. */
export function ModelNodeModal({
  orgId,
  editing,
  onClose,
  onSaved,
}: {
  orgId: string;
  editing: NodeEditing | null;
  onClose: () => void;
  onSaved?: (node: ModelNode) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NodeValues>();
  const submission = useIdempotencyKey();

  const level = editing ? (editing.mode === 'create' ? editing.level : editing.node.level) : 'core';
  const isItem = level === 'item';
  const levelName = t(`console.model.levels.${level}`);

  const save = useMutation({
    mutationFn: (values: NodeValues) => {
      const name = values.name.trim();
      if (editing?.mode === 'edit') {
        const body: UpdateModelNodeInput = isItem
          ? { name, itemType: values.itemType, collaboratorOrgIds: values.collaboratorOrgIds ?? [] }
          : { name };
        return api.patch<ModelNode>(`/model/nodes/${encodeURIComponent(editing.node.id)}`, body);
      }
      const body: CreateModelNodeInput = {
        orgId,
        parentId: editing?.mode === 'create' && editing.parent ? editing.parent.id : null,
        level,
        name,
        ...(isItem ? { itemType: values.itemType, collaboratorOrgIds: values.collaboratorOrgIds ?? [] } : {}),
      };
      return api.post<ModelNode>('/model/nodes', body, submission.key);
    },
    onSuccess: (node) => {
      if (editing?.mode === 'create') submission.renew();
      void message.success(editing?.mode === 'edit' ? t('console.model.updated') : t('console.model.created', { level: levelName }));
      void queryClient.invalidateQueries({ queryKey: modelTreeKey(orgId) });
      onSaved?.(node);
      onClose();
    },
    onError: (error) => void message.error(showServerErrors(form, error, FIELDS, t) ?? t('errors.fixFields')),
  });

  const title =
    editing?.mode === 'edit' ? t('console.model.editTitle', { level: levelName }) : t('console.model.createTitle', { level: levelName });
  const parent = editing?.mode === 'create' ? editing.parent : null;
  const initialValues: Partial<NodeValues> =
    editing?.mode === 'edit'
      ? {
          name: editing.node.name,
          itemType: editing.node.itemType ?? undefined,
          collaboratorOrgIds: editing.node.collaboratorOrgs.map((org) => org.id),
        }
      : { collaboratorOrgIds: [] };

  return (
    <Modal
      open={editing !== null}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {parent ? (
        <Typography.Paragraph type="secondary">
          {t('console.model.parentIs', { level: t(`console.model.levels.${parent.level}`), name: parent.name })}
        </Typography.Paragraph>
      ) : null}
      <Form<NodeValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
        data-testid="model-node-form"
      >
        <Form.Item
          name="name"
          label={t('console.model.nameOf', { level: levelName })}
          rules={[
            { required: true, whitespace: true, message: t('console.model.nameRequired', { level: levelName }) },
            { max: NAME_MAX, message: t('console.model.nameTooLong', { max: NAME_MAX }) },
          ]}
        >
          <Input maxLength={NAME_MAX} autoFocus data-testid="model-node-name" />
        </Form.Item>
        {isItem ? (
          <>
            <Form.Item
              name="itemType"
              label={t('console.model.itemType')}
              extra={t('console.model.itemTypeHint')}
              rules={[{ required: true, message: t('console.model.itemTypeRequired') }]}
            >
              <Radio.Group data-testid="model-item-type">
                <Radio value="governance" data-testid="model-item-type-governance">
                  {t('console.model.itemTypes.governance')}
                </Radio>
                <Radio value="service" data-testid="model-item-type-service">
                  {t('console.model.itemTypes.service')}
                </Radio>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="collaboratorOrgIds" label={t('console.model.collaborators')} extra={t('console.model.collaboratorsHint')}>
              <CollaboratorSelect
                initial={editing?.mode === 'edit' ? editing.node.collaboratorOrgs : []}
                excludeId={orgId}
                testId="model-collaborators"
              />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
