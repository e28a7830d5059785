import { useEffect, useState, type HTMLAttributes } from 'react';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import type { CatalogDomain, CatalogOpenType, CatalogResourceSummary, CatalogShareType } from '../../shared/api-types';
import { ErrorBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { flattenPages } from '../../shared/query';
import { OrgSelect } from '../org-select';
import { useDebounced } from '../use-debounced';
import { DOMAINS, OPEN_TYPES, SHARE_TYPES, useResources, type CatalogFilter } from './catalog-queries';
import { GradeTag, OpenTypeTag, ShareTypeTag } from './catalog-tags';
import { RegisterModal } from './register-modal';
import './catalog.css';

const ORG_ID = /^org_[0-9a-z]{26}$/;

function pick<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((candidate) => candidate === value);
}

type FilterName = 'q' | 'orgId' | 'domain' | 'shareType' | 'openType';

/** 数据目录: the data resources the viewer may browse, searched and filtered, newest change first. */
export function CatalogPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'data.manage');
  const navigate = useNavigate();
  const location = useLocation();
  const [registering, setRegistering] = useState(false);

  // The filters live in the address, so that coming back from a resource finds them again.
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const q = useDebounced(search.trim());
  const orgParam = params.get('orgId') ?? '';
  const filter: CatalogFilter = {
    q,
    orgId: ORG_ID.test(orgParam) ? orgParam : undefined,
    domain: pick<CatalogDomain>(DOMAINS, params.get('domain')),
    shareType: pick<CatalogShareType>(SHARE_TYPES, params.get('shareType')),
    openType: pick<CatalogOpenType>(OPEN_TYPES, params.get('openType')),
  };
  const resources = useResources(filter);
  const items = flattenPages(resources.data);

  const setFilter = (name: FilterName, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  // The search text reaches the address once the typing pauses (the list asks with it then too);
  // the effect runs for a new text only, not for the other filters' changes of the address.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setFilter('q', q || undefined);
  }, [q]);

  const open = (resource: CatalogResourceSummary) =>
    navigate(`/console/catalog/${encodeURIComponent(resource.id)}`, { state: { back: location.pathname + location.search } });
  const filtered = Boolean(filter.q || filter.orgId || filter.domain || filter.shareType || filter.openType);
  const orgName = items.find((resource) => resource.orgId === filter.orgId)?.orgName;

  const columns: TableColumnsType<CatalogResourceSummary> = [
    {
      title: t('catalog.resource.name'),
      key: 'name',
      width: 240,
      render: (_, resource) => (
        <div>
          <Link
            to={`/console/catalog/${encodeURIComponent(resource.id)}`}
            state={{ back: location.pathname + location.search }}
            onClick={(event) => event.stopPropagation()}
          >
            {resource.name}
          </Link>
          <div>
            <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em', whiteSpace: 'nowrap' }}>
              {resource.code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('catalog.resource.org'), dataIndex: 'orgName', key: 'org' },
    {
      title: t('catalog.resource.domain'),
      dataIndex: 'domain',
      key: 'domain',
      width: 90,
      render: (domain: CatalogDomain) => t(`catalog.domains.${domain}`),
    },
    {
      title: t('catalog.resource.shareType'),
      dataIndex: 'shareType',
      key: 'shareType',
      width: 120,
      render: (value: CatalogShareType) => <ShareTypeTag value={value} />,
    },
    {
      title: t('catalog.resource.openType'),
      dataIndex: 'openType',
      key: 'openType',
      width: 120,
      render: (value: CatalogOpenType) => <OpenTypeTag value={value} />,
    },
    {
      title: t('catalog.resource.updateFrequency'),
      dataIndex: 'updateFrequency',
      key: 'updateFrequency',
      width: 90,
      render: (value: CatalogResourceSummary['updateFrequency']) => t(`catalog.frequencies.${value}`),
    },
    { title: t('catalog.resource.fieldCount'), dataIndex: 'fieldCount', key: 'fieldCount', width: 80, align: 'right' },
    {
      title: t('catalog.resource.maxGrade'),
      dataIndex: 'maxGrade',
      key: 'maxGrade',
      width: 120,
      render: (grade: CatalogResourceSummary['maxGrade']) => <GradeTag grade={grade} />,
    },
    {
      title: t('catalog.resource.version'),
      dataIndex: 'version',
      key: 'version',
      width: 70,
      render: (version: number) => t('catalog.resource.versionNo', { version }),
    },
    {
      title: t('catalog.resource.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 180,
      render: (at: string) => formatDateTime(at),
    },
  ];

  return (
    <Card
      title={t('catalog.nav')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="catalog-register">
            {t('catalog.list.register')}
          </Button>
        ) : null
      }
      data-testid="console-catalog"
    >
      <div className="zl-toolbar">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          value={search}
          placeholder={t('catalog.list.search')}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 320 }}
          data-testid="catalog-search"
        />
        <OrgSelect
          value={filter.orgId}
          initialOption={filter.orgId ? { id: filter.orgId, name: orgName ?? filter.orgId } : null}
          onChange={(orgId) => setFilter('orgId', orgId)}
          placeholder={t('catalog.resource.org')}
          style={{ width: 240 }}
          testId="catalog-org-filter"
        />
        <Select<CatalogDomain>
          allowClear
          placeholder={t('catalog.resource.domain')}
          value={filter.domain}
          onChange={(value) => setFilter('domain', value)}
          options={DOMAINS.map((value) => ({ value, label: t(`catalog.domains.${value}`) }))}
          style={{ width: 130 }}
          data-testid="catalog-domain-filter"
        />
        <Select<CatalogShareType>
          allowClear
          placeholder={t('catalog.resource.shareType')}
          value={filter.shareType}
          onChange={(value) => setFilter('shareType', value)}
          options={SHARE_TYPES.map((value) => ({ value, label: t(`catalog.shareTypes.${value}`) }))}
          style={{ width: 150 }}
          data-testid="catalog-share-filter"
        />
        <Select<CatalogOpenType>
          allowClear
          placeholder={t('catalog.resource.openType')}
          value={filter.openType}
          onChange={(value) => setFilter('openType', value)}
          options={OPEN_TYPES.map((value) => ({ value, label: t(`catalog.openTypes.${value}`) }))}
          style={{ width: 150 }}
          data-testid="catalog-open-filter"
        />
      </div>
      {/* PagedTable takes no onRow, and a row here opens its resource: the same table, with row clicks. */}
      {resources.isError ? (
        <ErrorBlock error={resources.error} onRetry={() => void resources.refetch()} />
      ) : (
        <Table<CatalogResourceSummary>
          dataSource={items}
          columns={columns}
          rowKey="id"
          size="middle"
          loading={resources.isPending}
          pagination={false}
          scroll={{ x: 1400 }}
          rowClassName="zl-catalog-row"
          locale={{ emptyText: filtered ? t('catalog.list.emptyFiltered') : t('catalog.list.empty') }}
          onRow={(resource) =>
            ({ onClick: () => open(resource), 'data-testid': `catalog-row-${resource.id}` }) as HTMLAttributes<HTMLElement>
          }
          data-testid="catalog-table"
          footer={
            resources.hasNextPage
              ? () => (
                  <div className="zl-load-more">
                    <Button
                      onClick={() => void resources.fetchNextPage()}
                      loading={resources.isFetchingNextPage}
                      data-testid="catalog-load-more"
                    >
                      {t('common.loadMore')}
                    </Button>
                  </div>
                )
              : undefined
          }
        />
      )}
      {registering ? <RegisterModal onClose={() => setRegistering(false)} /> : null}
    </Card>
  );
}
