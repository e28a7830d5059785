import { useState } from 'react';
import { Button, Card, Col, Input, List, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Org } from '../../shared/api-types';
import { useMe } from '../../shared/auth';
import { addressBookColumns } from '../../shared/desktop/address-book-columns';
import { PagedTable } from '../../shared/desktop/paged-table';
import { ErrorBlock } from '../../shared/desktop/states';
import { flattenPages } from '../../shared/query';
import { useAddressBook, useRegionOrgs } from '../../shared/org-queries';

function OrgPicker({ selectedId, onSelect }: { selectedId: string | null; onSelect: (org: Pick<Org, 'id' | 'name'>) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const orgs = useRegionOrgs(me.regionCode, q);
  const items = flattenPages(orgs.data);
  return (
    <Card title={`${t('workbench.contacts.orgs')}${me.regionName ? ` · ${me.regionName}` : ''}`} styles={{ body: { paddingTop: 12 } }}>
      <Input.Search
        allowClear
        placeholder={t('workbench.contacts.searchOrgs')}
        onSearch={(value) => setQ(value.trim())}
        style={{ marginBottom: 12 }}
        data-testid="org-search"
      />
      {orgs.isError ? (
        <ErrorBlock error={orgs.error} onRetry={() => void orgs.refetch()} />
      ) : (
        <List<Org>
          loading={orgs.isPending}
          dataSource={items}
          locale={{ emptyText: t('common.empty') }}
          data-testid="org-list"
          renderItem={(org) => (
            <List.Item
              className={`zl-org-list-item${org.id === selectedId ? ' is-selected' : ''}`}
              onClick={() => onSelect(org)}
              role="button"
              tabIndex={0}
              onKeyDown={(event) => (event.key === 'Enter' ? onSelect(org) : undefined)}
            >
              <List.Item.Meta title={org.name} description={`${org.kindLabel} · ${org.regionName}`} />
              {org.id === me.orgId ? <Tag color="blue">{t('workbench.contacts.myOrg')}</Tag> : null}
            </List.Item>
          )}
          loadMore={
            orgs.hasNextPage ? (
              <div className="zl-load-more">
                <Button onClick={() => void orgs.fetchNextPage()} loading={orgs.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              </div>
            ) : null
          }
        />
      )}
    </Card>
  );
}

export function AddressBookPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [org, setOrg] = useState<{ id: string; name: string } | null>(me.orgId ? { id: me.orgId, name: me.orgName ?? '' } : null);
  const [q, setQ] = useState('');
  const book = useAddressBook(org?.id ?? null, q);
  return (
    <Row gutter={[24, 24]} data-testid="address-book">
      <Col xs={24} lg={9} xl={8}>
        <OrgPicker
          selectedId={org?.id ?? null}
          onSelect={(next) => {
            setOrg({ id: next.id, name: next.name });
            setQ('');
          }}
        />
      </Col>
      <Col xs={24} lg={15} xl={16}>
        <Card
          title={
            <span>
              {t('workbench.nav.contacts')}
              {org ? <Typography.Text type="secondary"> · {org.name}</Typography.Text> : null}
            </span>
          }
        >
          {!org ? (
            <Typography.Text type="secondary">{t('workbench.contacts.selectOrg')}</Typography.Text>
          ) : (
            <>
              <div className="zl-toolbar">
                <Input.Search
                  key={org.id}
                  allowClear
                  placeholder={t('workbench.contacts.searchPeople')}
                  onSearch={(value) => setQ(value.trim())}
                  style={{ maxWidth: 360 }}
                  data-testid="people-search"
                />
              </div>
              <PagedTable
                query={book}
                columns={addressBookColumns(t)}
                rowKey="accountId"
                emptyText={t('workbench.contacts.noPeople')}
                testId="address-book-table"
              />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
