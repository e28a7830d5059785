import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Account, Clearance } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { useOrgDetail, useRoleDefinitions } from '../console-queries';
import { CLEARANCES, grantsFor } from './role-grants';

interface RolesValues {
  roles: string[];
  clearance: Clearance;
}

/** 角色与密级: PUT /accounts/:id/roles. */
export function AccountRolesModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RolesValues>();
  const roles = useRoleDefinitions();
  const org = useOrgDetail(account?.orgId);

  const save = useMutation({
    mutationFn: (values: RolesValues) =>
      api.put<Account>(`/accounts/${encodeURIComponent(account!.id)}/roles`, {
        roles: grantsFor(
          values.roles,
          roles.data ?? [],
          { orgId: account!.orgId, regionCode: org.data?.regionCode ?? null },
          account!.roles,
        ),
        clearance: values.clearance,
      }),
    onSuccess: () => {
      void message.success(t('console.accounts.rolesSaved'));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (error) => void message.error(showServerErrors(form, error, ['roles', 'clearance'], t) ?? t('errors.fixFields')),
  });

  return (
    <Modal
      open={Boolean(account)}
      title={account ? t('console.accounts.editRolesTitle', { name: account.displayName }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {account ? (
        <Form<RolesValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ roles: [...new Set(account.roles.map((grant) => grant.role))], clearance: account.clearance }}
          onFinish={(values) => save.mutate(values)}
          data-testid="roles-form"
        >
          <Form.Item name="roles" label={t('console.accounts.roles')} extra={t('console.accounts.rolesHint')}>
            <Select
              mode="multiple"
              loading={roles.isPending}
              options={(roles.data ?? []).map((role) => ({ value: role.role, label: `${role.name}（${role.role}）` }))}
            />
          </Form.Item>
          <Form.Item name="clearance" label={t('console.accounts.clearance')} rules={[{ required: true }]}>
            <Select options={CLEARANCES.map((value) => ({ value, label: t(`clearance.${value}`) }))} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
