import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Segmented, Select, TreeSelect, type FormRule as Rule } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { Account, AccountKind, Clearance, CreateAccountInput, Org } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { isStrongPassword, isValidIdNumber, isValidMobile, isValidUscc } from '../../shared/validators';
import { useOrgDetail, useRoleDefinitions } from '../console-queries';
import { OrgSelect } from '../org-select';
import { buildUnitTree } from '../orgs/unit-tree';
import { CLEARANCES, grantsFor } from './role-grants';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';

interface AccountValues {
  username?: string;
  idNumber?: string;
  uscc?: string;
  displayName: string;
  orgId?: string;
  unitId?: string;
  position?: string;
  phone?: string;
  roles?: string[];
  clearance?: Clearance;
  password: string;
}

const FIELDS = [
  'kind',
  'username',
  'idNumber',
  'uscc',
  'displayName',
  'orgId',
  'unitId',
  'position',
  'phone',
  'roles',
  'clearance',
  'password',
] as const;
const KINDS: AccountKind[] = ['staff', 'citizen', 'enterprise'];
/** the server's rule for staff usernames */
const STAFF_USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** 新建账号: a kind-specific form for POST /accounts. */
export function AccountCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AccountValues>();
  const submission = useIdempotencyKey();
  const [kind, setKind] = useState<AccountKind>('staff');
  const [org, setOrg] = useState<Org | undefined>();
  const roles = useRoleDefinitions();
  const orgDetail = useOrgDetail(kind === 'staff' ? org?.id : null);

  const required = (field: string): Rule => ({ required: true, whitespace: true, message: t('console.accounts.required', { field }) });
  const checked = (test: (value: string) => boolean, text: string): Rule => ({
    validator: (_, value: string | undefined) => (!value || test(value) ? Promise.resolve() : Promise.reject(new Error(text))),
  });

  const create = useMutation({
    mutationFn: (values: AccountValues) => {
      let body: CreateAccountInput;
      if (kind === 'staff') {
        body = {
          kind,
          username: values.username!.trim(),
          displayName: values.displayName.trim(),
          orgId: values.orgId!,
          unitId: values.unitId,
          position: optional(values.position),
          phone: optional(values.phone),
          password: values.password,
          roles: grantsFor(values.roles ?? [], roles.data ?? [], { orgId: values.orgId ?? null, regionCode: org?.regionCode ?? null }),
          clearance: values.clearance ?? 'L1',
        };
      } else if (kind === 'citizen') {
        body = {
          kind,
          idNumber: values.idNumber!.trim().toUpperCase(),
          displayName: values.displayName.trim(),
          phone: optional(values.phone),
          password: values.password,
        };
      } else {
        body = { kind, uscc: values.uscc!.trim().toUpperCase(), displayName: values.displayName.trim(), password: values.password };
      }
      return api.post<Account>('/accounts', body, submission.key);
    },
    onSuccess: () => {
      submission.renew();
      void message.success(t('console.accounts.created'));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
    onError: (error) => void message.error(showServerErrors(form, error, FIELDS, t) ?? t('errors.fixFields')),
  });

  const passwordItem = (
    <Form.Item
      name="password"
      label={t('console.accounts.password')}
      rules={[required(t('console.accounts.password')), checked(isStrongPassword, t('console.accounts.passwordTooShort'))]}
    >
      <Input.Password autoComplete="new-password" data-testid="account-password" />
    </Form.Item>
  );
  const phoneItem = (
    <Form.Item name="phone" label={t('console.accounts.phone')} rules={[checked(isValidMobile, t('console.accounts.phoneInvalid'))]}>
      <Input inputMode="tel" maxLength={11} data-testid="account-phone" />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={t('console.accounts.createTitle')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      afterClose={() => {
        setKind('staff');
        setOrg(undefined);
      }}
    >
      <Segmented<AccountKind>
        block
        value={kind}
        onChange={(next) => {
          setKind(next);
          form.resetFields();
        }}
        options={KINDS.map((value) => ({ value, label: <span data-testid={`account-kind-${value}`}>{t(`kinds.${value}`)}</span> }))}
        style={{ marginBottom: 16 }}
      />
      <Form<AccountValues>
        key={kind}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ clearance: 'L1', roles: [] }}
        onFinish={(values) => create.mutate(values)}
        data-testid="account-form"
      >
        {kind === 'staff' ? (
          <>
            <Form.Item
              name="username"
              label={t('console.accounts.username')}
              rules={[
                required(t('console.accounts.username')),
                checked((value) => STAFF_USERNAME.test(value), t('console.accounts.usernameInvalid')),
              ]}
            >
              <Input autoComplete="off" data-testid="account-username" />
            </Form.Item>
            <Form.Item name="displayName" label={t('profile.name')} rules={[required(t('profile.name'))]}>
              <Input data-testid="account-display-name" />
            </Form.Item>
            <Form.Item
              name="orgId"
              label={t('console.accounts.org')}
              rules={[{ required: true, message: t('console.accounts.required', { field: t('console.accounts.org') }) }]}
            >
              <OrgSelect
                testId="account-org"
                onOrgChange={(next) => {
                  setOrg(next);
                  form.setFieldValue('unitId', undefined);
                }}
              />
            </Form.Item>
            <Form.Item name="unitId" label={t('console.accounts.unit')}>
              <TreeSelect
                allowClear
                treeDefaultExpandAll
                disabled={!org}
                placeholder={org ? undefined : t('console.accounts.selectOrgFirst')}
                loading={orgDetail.isFetching}
                treeData={buildUnitTree(orgDetail.data?.units ?? [])}
              />
            </Form.Item>
            <Form.Item name="position" label={t('console.accounts.position')}>
              <Input />
            </Form.Item>
            {phoneItem}
            <Form.Item name="roles" label={t('console.accounts.roles')} extra={t('console.accounts.rolesHint')}>
              <Select
                mode="multiple"
                loading={roles.isPending}
                options={(roles.data ?? []).map((role) => ({ value: role.role, label: `${role.name}（${role.role}）` }))}
                data-testid="account-roles"
              />
            </Form.Item>
            <Form.Item name="clearance" label={t('console.accounts.clearance')} rules={[{ required: true }]}>
              <Select options={CLEARANCES.map((value) => ({ value, label: t(`clearance.${value}`) }))} />
            </Form.Item>
            {passwordItem}
          </>
        ) : null}
        {kind === 'citizen' ? (
          <>
            <Form.Item
              name="idNumber"
              label={t('console.accounts.idNumber')}
              rules={[required(t('console.accounts.idNumber')), checked(isValidIdNumber, t('console.accounts.idNumberInvalid'))]}
            >
              <Input maxLength={18} autoComplete="off" data-testid="account-id-number" />
            </Form.Item>
            <Form.Item name="displayName" label={t('profile.name')} rules={[required(t('profile.name'))]}>
              <Input data-testid="account-display-name" />
            </Form.Item>
            {phoneItem}
            {passwordItem}
          </>
        ) : null}
        {kind === 'enterprise' ? (
          <>
            <Form.Item
              name="uscc"
              label={t('console.accounts.uscc')}
              rules={[required(t('console.accounts.uscc')), checked(isValidUscc, t('console.accounts.usccInvalid'))]}
            >
              <Input maxLength={18} autoComplete="off" data-testid="account-uscc" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('console.accounts.enterpriseName')}
              rules={[required(t('console.accounts.enterpriseName'))]}
            >
              <Input data-testid="account-display-name" />
            </Form.Item>
            {passwordItem}
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
