import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Org } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { useOrgDetail, useOrgKinds } from '../console-queries';
import { OrgSelect } from '../org-select';
import type { SelectedRegion } from './region-tree';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';

interface OrgValues {
  name: string;
  kind: string;
  parentOrgId?: string | null;
}

const FIELDS = ['name', 'kind', 'parentOrgId', 'regionCode'] as const;

/** Create an organisation in a region, or edit one (name, kind, parent). */
export function OrgFormModal(props: {
  open: boolean;
  org: Org | null;
  region: SelectedRegion | null;
  onClose: () => void;
  onSaved?: (org: Org) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const kinds = useOrgKinds();
  const [form] = Form.useForm<OrgValues>();
  const editing = props.org;
  const parent = useOrgDetail(editing?.parentOrgId);
  const submission = useIdempotencyKey();

  const save = useMutation({
    mutationFn: (values: OrgValues) =>
      editing
        ? api.patch<Org>(`/orgs/${encodeURIComponent(editing.id)}`, {
            name: values.name.trim(),
            kind: values.kind,
            ...(values.parentOrgId !== (editing.parentOrgId ?? undefined) ? { parentOrgId: values.parentOrgId ?? null } : {}),
          })
        : api.post<Org>(
            '/orgs',
            {
              name: values.name.trim(),
              kind: values.kind,
              regionCode: props.region?.code,
              ...(values.parentOrgId ? { parentOrgId: values.parentOrgId } : {}),
            },
            submission.key,
          ),
    onSuccess: (org) => {
      submission.renew();
      void message.success(editing ? t('console.orgs.updated') : t('console.orgs.created'));
      void queryClient.invalidateQueries({ queryKey: ['orgs'] });
      props.onSaved?.(org);
      props.onClose();
    },
    onError: (error) => {
      void message.error(showServerErrors(form, error, FIELDS, t) ?? t('errors.fixFields'));
    },
  });

  return (
    <Modal
      open={props.open}
      title={editing ? t('console.orgs.editTitle') : t('console.orgs.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<OrgValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={editing ? { name: editing.name, kind: editing.kind, parentOrgId: editing.parentOrgId ?? undefined } : {}}
        onFinish={(values) => save.mutate(values)}
        data-testid="org-form"
      >
        <Form.Item label={t('console.orgs.region')}>
          <Input value={editing ? editing.regionName : (props.region?.name ?? '')} disabled />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('console.orgs.name')}
          rules={[
            { required: true, whitespace: true, message: t('console.orgs.nameRequired') },
            { min: 2, max: 100 },
          ]}
        >
          <Input maxLength={100} data-testid="org-name-input" />
        </Form.Item>
        <Form.Item name="kind" label={t('console.orgs.kind')} rules={[{ required: true, message: t('console.orgs.kindRequired') }]}>
          <Select
            loading={kinds.isPending}
            options={(kinds.data ?? []).map((kind) => ({ value: kind.kind, label: kind.label }))}
            data-testid="org-kind-select"
          />
        </Form.Item>
        <Form.Item name="parentOrgId" label={t('console.orgs.parentOrg')}>
          <OrgSelect
            placeholder={t('console.orgs.parentOrgPlaceholder')}
            excludeId={editing?.id}
            initialOption={parent.data ? { id: parent.data.id, name: parent.data.name } : null}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
