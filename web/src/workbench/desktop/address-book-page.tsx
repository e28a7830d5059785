import { useMemo, useState, type Key } from 'react';
import { ApartmentOutlined, BankOutlined, LockOutlined } from '@ant-design/icons';
import { Button, Card, Col, Input, Row, Table, Tag, Tooltip, Tree, Typography, type TableColumnsType } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AddressBookEntry } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { addressBookColumns } from '../../shared/desktop/address-book-columns';
import { PagedTable } from '../../shared/desktop/paged-table';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { useAddressBook } from '../../shared/org-queries';
import { regionPath, useAddressTree, useDebounced, usePeopleSearch, type PersonCard, type RegionNode } from '../address-book';
import { PersonDrawer } from './person-drawer';
import '../workbench.css';

interface PickedOrg {
  id: string;
  name: string;
}

const regionKey = (code: string) => `region:${code}`;

/** The tree with only the organisations whose name holds `filter` (and the regions above them). */
function filterTree(nodes: readonly RegionNode[], filter: string): RegionNode[] {
  if (!filter) return [...nodes];
  return nodes
    .map((node) => ({ ...node, orgs: node.orgs.filter((org) => org.name.includes(filter)), children: filterTree(node.children, filter) }))
    .filter((node) => node.orgs.length || node.children.length);
}

function allRegionKeys(nodes: readonly RegionNode[]): string[] {
  return nodes.flatMap((node) => [regionKey(node.code), ...allRegionKeys(node.children)]);
}

function toTreeData(nodes: readonly RegionNode[], myOrgId: string | null, t: TFunction): DataNode[] {
  return nodes.map((node) => ({
    key: regionKey(node.code),
    selectable: false,
    title: (
      <span className="zl-tree-region">
        <ApartmentOutlined /> {node.name}
      </span>
    ),
    children: [
      ...node.orgs.map((org) => ({
        key: org.id,
        isLeaf: true,
        title: (
          <span className="zl-tree-org" data-org-id={org.id}>
            <BankOutlined className="zl-tree-icon" />
            <span>{org.name}</span>
            <span className="zl-tree-count">{t('workbench.contacts.count', { count: org.people })}</span>
            {org.id === myOrgId ? <Tag color="blue">{t('workbench.contacts.myOrg')}</Tag> : null}
          </span>
        ),
        orgName: org.name,
      })),
      ...toTreeData(node.children, myOrgId, t),
    ],
  }));
}

/** 地区与单位: the address book's regions (province down) and their organisations, each with how many people it shows. */
function OrgTree({ selectedId, onSelect }: { selectedId: string | null; onSelect: (org: PickedOrg) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const tree = useAddressTree();
  const [filter, setFilter] = useState('');
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const nodes = useMemo(() => filterTree(tree.data?.items ?? [], filter.trim()), [tree.data, filter]);
  const data = useMemo(() => toTreeData(nodes, me.orgId, t), [nodes, me.orgId, t]);
  const own = regionPath(tree.data?.ownRegionCode ?? me.regionCode).map(regionKey);
  // While filtering every region that is left is opened; otherwise the reader's own region is, until they choose.
  const expandedKeys = filter.trim() ? allRegionKeys(nodes) : (expanded ?? own);

  return (
    <Card title={t('workbench.contacts.tree')} styles={{ body: { paddingTop: 12 } }}>
      <Input.Search
        allowClear
        placeholder={t('workbench.contacts.filterOrgs')}
        onChange={(event) => setFilter(event.target.value)}
        onSearch={setFilter}
        style={{ marginBottom: 12 }}
        data-testid="org-search"
      />
      {tree.isPending ? (
        <LoadingBlock />
      ) : tree.isError ? (
        <ErrorBlock error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <div className="zl-org-tree" data-testid="org-list">
          {data.length ? (
            <Tree
              blockNode
              treeData={data}
              expandedKeys={expandedKeys}
              onExpand={(keys) => setExpanded(keys)}
              selectedKeys={selectedId ? [selectedId] : []}
              onSelect={(_, info) => {
                const node = info.node as DataNode & { orgName?: string };
                if (node.orgName) onSelect({ id: String(node.key), name: node.orgName });
              }}
            />
          ) : (
            <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

function Phone({ phone, masked }: { phone: string | null; masked: boolean }) {
  const { t } = useTranslation();
  if (!phone) return <>—</>;
  return (
    <span>
      {phone}{' '}
      {masked ? (
        <Tooltip title={t('workbench.contacts.phoneMasked')}>
          <LockOutlined aria-label={t('workbench.contacts.phoneMasked')} />
        </Tooltip>
      ) : null}
    </span>
  );
}

function resultColumns(t: TFunction, open: (id: string) => void): TableColumnsType<PersonCard> {
  return [
    {
      title: t('workbench.contacts.name'),
      key: 'name',
      render: (_, person) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => open(person.accountId)} data-testid={`person-${person.accountId}`}>
          {person.displayName}
        </Button>
      ),
    },
    { title: t('workbench.contacts.position'), dataIndex: 'position', key: 'position', render: (value: string | null) => value ?? '—' },
    { title: t('workbench.contacts.org'), dataIndex: 'orgName', key: 'org' },
    { title: t('workbench.contacts.unit'), dataIndex: 'unitName', key: 'unit', render: (value: string | null) => value ?? '—' },
    { title: t('workbench.contacts.region'), dataIndex: 'regionName', key: 'region' },
    {
      title: t('workbench.contacts.phone'),
      key: 'phone',
      render: (_, person) => <Phone phone={person.phone} masked={person.phoneMasked} />,
    },
  ];
}

/** An organisation's address book, its names opening the person's card. */
function orgColumns(t: TFunction, open: (id: string) => void): TableColumnsType<AddressBookEntry> {
  const [name, ...rest] = addressBookColumns(t);
  return [
    {
      ...name,
      render: (_: unknown, entry: AddressBookEntry) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => open(entry.accountId)} data-testid={`person-${entry.accountId}`}>
          {entry.displayName}
        </Button>
      ),
    },
    ...rest,
  ];
}

/**
 * 通讯录 (`/workbench/contacts`): the region → organisation tree on the left, the chosen
 * organisation's people (asked when it is chosen) on the right, a search over everyone the
 * reader may see across levels (pinyin and initials work: `zw` finds 张伟), and each person's
 * card in a drawer.
 */
export function AddressBookPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [org, setOrg] = useState<PickedOrg | null>(me.orgId ? { id: me.orgId, name: me.orgName ?? '' } : null);
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [person, setPerson] = useState<string | null>(null);
  const book = useAddressBook(q ? null : (org?.id ?? null), '');
  const found = usePeopleSearch(q);

  let body;
  if (q)
    body = found.isError ? (
      <ErrorBlock error={found.error} onRetry={() => void found.refetch()} />
    ) : (
      <Table<PersonCard>
        rowKey="accountId"
        columns={resultColumns(t, setPerson)}
        dataSource={found.data ?? []}
        loading={found.isPending}
        pagination={false}
        locale={{ emptyText: t('workbench.contacts.noResults') }}
        data-testid="people-results"
      />
    );
  else if (!org) body = <Typography.Text type="secondary">{t('workbench.contacts.selectOrg')}</Typography.Text>;
  else
    body = (
      <PagedTable
        query={book}
        columns={orgColumns(t, setPerson)}
        rowKey="accountId"
        emptyText={t('workbench.contacts.noPeople')}
        testId="address-book-table"
      />
    );

  return (
    <Row gutter={[24, 24]} data-testid="address-book">
      <Col xs={24} lg={9} xl={8}>
        <OrgTree
          selectedId={org?.id ?? null}
          onSelect={(next) => {
            setOrg(next);
            setTyped('');
          }}
        />
      </Col>
      <Col xs={24} lg={15} xl={16}>
        <Card
          title={
            q ? (
              t('workbench.contacts.results', { q })
            ) : (
              <span>
                {t('workbench.nav.contacts')}
                {org ? <Typography.Text type="secondary"> · {org.name}</Typography.Text> : null}
              </span>
            )
          }
          extra={
            q ? (
              <Button type="link" onClick={() => setTyped('')}>
                {t('workbench.contacts.clearSearch')}
              </Button>
            ) : null
          }
        >
          <div className="zl-toolbar">
            <Input.Search
              allowClear
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              onSearch={setTyped}
              placeholder={t('workbench.contacts.searchAll')}
              style={{ maxWidth: 440 }}
              data-testid="people-search"
            />
          </div>
          {body}
        </Card>
      </Col>
      <PersonDrawer accountId={person} onClose={() => setPerson(null)} />
    </Row>
  );
}
