import { useState } from 'react';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Select, Space, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../shared/api-types';
import { hasPermission, useMe } from '../../shared/auth';
import { PagedTable } from '../../shared/desktop/paged-table';
import { useOrgList } from '../../shared/org-queries';
import { useOrgKinds } from '../console-queries';
import { OrgDetailDrawer } from './org-detail-drawer';
import { OrgFormModal } from './org-form-modal';
import { RegionTree, type SelectedRegion } from './region-tree';

/** 组织机构: regions on the left, the selected region's organisations on the right. */
export function OrgsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'org.manage');
  const kinds = useOrgKinds();
  // Start where the administrator works: a county's org admin sees the county, the platform the province.
  const [home] = useState<SelectedRegion | null>(() =>
    me.regionCode ? { code: me.regionCode, name: me.regionName ?? me.regionCode } : null,
  );
  const [region, setRegion] = useState<SelectedRegion | null>(home);
  const [includeSub, setIncludeSub] = useState(false);
  const [kind, setKind] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<Org | 'new' | null>(null);
  const [openOrgId, setOpenOrgId] = useState<string | null>(null);

  const orgs = useOrgList({ regionCode: region?.code, includeSubRegions: includeSub, kind, q }, Boolean(region));

  const columns: TableColumnsType<Org> = [
    {
      title: t('console.orgs.kind'),
      dataIndex: 'kindLabel',
      key: 'kind',
      width: 160,
      render: (label: string) => <Tag color="blue">{label}</Tag>,
    },
    {
      title: t('console.orgs.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string, org) => (
        <Typography.Link onClick={() => setOpenOrgId(org.id)} data-testid={`org-row-${org.id}`}>
          {name}
        </Typography.Link>
      ),
    },
    { title: t('console.orgs.region'), dataIndex: 'regionName', key: 'region', width: 180 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 160,
      render: (_, org) => (
        <Space>
          <Button size="small" type="link" onClick={() => setOpenOrgId(org.id)}>
            {t('console.orgs.detail')}
          </Button>
          {canManage ? (
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(org)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Row gutter={[16, 16]} data-testid="console-orgs">
      <Col xs={24} lg={7} xl={6}>
        <Card title={t('console.orgs.regions')} styles={{ body: { padding: 12 } }}>
          <RegionTree selected={region?.code ?? null} initial={home} onSelect={setRegion} />
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card
          title={region ? t('console.orgs.orgsOf', { region: region.name }) : t('console.nav.orgs')}
          extra={
            canManage ? (
              <Button type="primary" icon={<PlusOutlined />} disabled={!region} onClick={() => setEditing('new')} data-testid="create-org">
                {t('console.orgs.create')}
              </Button>
            ) : null
          }
        >
          {!region ? (
            <Typography.Text type="secondary">{t('console.orgs.selectRegion')}</Typography.Text>
          ) : (
            <>
              <div className="zl-toolbar">
                <Input.Search
                  allowClear
                  placeholder={t('console.orgs.search')}
                  onSearch={(value) => setQ(value.trim())}
                  style={{ width: 260 }}
                />
                <Select
                  allowClear
                  placeholder={t('console.orgs.kind')}
                  value={kind ?? undefined}
                  onChange={(value: string | undefined) => setKind(value ?? null)}
                  options={(kinds.data ?? []).map((item) => ({ value: item.kind, label: item.label }))}
                  style={{ width: 200 }}
                />
                <Space>
                  <Switch checked={includeSub} onChange={setIncludeSub} />
                  <span>{t('console.orgs.includeSub')}</span>
                </Space>
              </div>
              <PagedTable query={orgs} columns={columns} rowKey="id" testId="orgs-table" />
            </>
          )}
        </Card>
      </Col>
      <OrgFormModal
        open={editing !== null}
        org={editing === 'new' ? null : editing}
        region={region}
        onClose={() => setEditing(null)}
        onSaved={(org) => (editing === 'new' ? setOpenOrgId(org.id) : undefined)}
      />
      <OrgDetailDrawer orgId={openOrgId} canManage={canManage} onClose={() => setOpenOrgId(null)} />
    </Row>
  );
}
