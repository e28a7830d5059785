import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Empty, Input, Tabs, Tag, Tree } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgDetail } from '../../shared/api-types';
import { addressBookColumns } from '../../shared/desktop/address-book-columns';
import { PagedTable } from '../../shared/desktop/paged-table';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { useAddressBook } from '../../shared/org-queries';
import { useOrgDetail } from '../console-queries';
import { buildUnitTree } from './unit-tree';
import { UnitFormModal } from './unit-form-modal';

function UnitsTab({ org, canManage }: { org: OrgDetail; canManage: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const tree = buildUnitTree(org.units);
  return (
    <div data-testid="org-units">
      {canManage ? (
        <div className="zl-toolbar">
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-unit">
            {t('console.orgs.addUnit')}
          </Button>
        </div>
      ) : null}
      {tree.length ? (
        <Tree treeData={tree} defaultExpandAll showLine blockNode selectable={false} />
      ) : (
        <Empty description={t('console.orgs.noUnits')} />
      )}
      <UnitFormModal org={org} open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

function AddressBookTab({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const book = useAddressBook(orgId, q);
  return (
    <div data-testid="org-address-book">
      <div className="zl-toolbar">
        <Input.Search
          allowClear
          placeholder={t('workbench.contacts.searchPeople')}
          onSearch={(value) => setQ(value.trim())}
          style={{ maxWidth: 320 }}
        />
      </div>
      <PagedTable
        query={book}
        columns={addressBookColumns(t)}
        rowKey="accountId"
        size="small"
        emptyText={t('workbench.contacts.noPeople')}
      />
    </div>
  );
}

/** An organisation: its details, internal units (with 添加内设机构) and address book. */
export function OrgDetailDrawer({ orgId, canManage, onClose }: { orgId: string | null; canManage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useOrgDetail(orgId);
  const org = detail.data;
  const parent = useOrgDetail(org?.parentOrgId);
  return (
    <Drawer
      open={Boolean(orgId)}
      onClose={onClose}
      width={760}
      title={org ? org.name : t('console.orgs.detail')}
      destroyOnHidden
      data-testid="org-detail"
    >
      {detail.isPending ? <LoadingBlock /> : null}
      {detail.isError ? <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {org ? (
        <>
          <Descriptions
            size="small"
            column={2}
            style={{ marginBottom: 16 }}
            items={[
              { key: 'kind', label: t('console.orgs.kind'), children: <Tag color="blue">{org.kindLabel}</Tag> },
              { key: 'region', label: t('console.orgs.region'), children: org.regionName },
              {
                key: 'parent',
                label: t('console.orgs.parentOrg'),
                children: org.parentOrgId ? (parent.data?.name ?? '…') : t('common.none'),
              },
            ]}
          />
          <Tabs
            items={[
              { key: 'units', label: t('console.orgs.units'), children: <UnitsTab org={org} canManage={canManage} /> },
              { key: 'book', label: t('console.orgs.addressBook'), children: <AddressBookTab orgId={org.id} /> },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}
