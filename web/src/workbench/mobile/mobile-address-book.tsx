import { useState } from 'react';
import { Button, InfiniteScroll, List, Popup, SearchBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { flattenPages } from '../../shared/query';
import { useAddressBook, useRegionOrgs } from '../../shared/org-queries';

interface PickedOrg {
  id: string;
  name: string;
}

function MobileOrgPicker({ onPick }: { onPick: (org: PickedOrg) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const orgs = useRegionOrgs(me.regionCode, q);
  const items = flattenPages(orgs.data);
  return (
    <div style={{ height: '70vh', overflowY: 'auto' }}>
      <div style={{ padding: 12 }}>
        <SearchBar placeholder={t('workbench.contacts.searchOrgs')} onSearch={(value) => setQ(value.trim())} onClear={() => setQ('')} />
      </div>
      {orgs.isError ? <MobileError error={orgs.error} onRetry={() => void orgs.refetch()} /> : null}
      {orgs.isPending ? <MobileLoading /> : null}
      <List header={t('workbench.contacts.orgs')}>
        {items.map((org) => (
          <List.Item
            key={org.id}
            clickable
            description={`${org.kindLabel} · ${org.regionName}`}
            extra={org.id === me.orgId ? <Tag color="primary">{t('workbench.contacts.myOrg')}</Tag> : null}
            onClick={() => onPick({ id: org.id, name: org.name })}
          >
            {org.name}
          </List.Item>
        ))}
      </List>
      {orgs.hasNextPage ? <InfiniteScroll loadMore={async () => void (await orgs.fetchNextPage())} hasMore={orgs.hasNextPage} /> : null}
    </div>
  );
}

export function MobileAddressBook() {
  const { t } = useTranslation();
  const me = useMe();
  const [org, setOrg] = useState<PickedOrg | null>(me.orgId ? { id: me.orgId, name: me.orgName ?? '' } : null);
  const [picking, setPicking] = useState(false);
  const [q, setQ] = useState('');
  const book = useAddressBook(org?.id ?? null, q);
  const entries = flattenPages(book.data);

  return (
    <div data-testid="address-book">
      <div style={{ padding: 12, display: 'flex', gap: 8, alignItems: 'center' }}>
        <div style={{ flex: 1 }}>
          <SearchBar
            key={org?.id ?? 'none'}
            placeholder={t('workbench.contacts.searchPeople')}
            onSearch={(value) => setQ(value.trim())}
            onClear={() => setQ('')}
            data-testid="people-search"
          />
        </div>
        <Button size="small" onClick={() => setPicking(true)} data-testid="switch-org">
          {t('workbench.contacts.backToOrgs')}
        </Button>
      </div>
      {!org ? (
        <div className="zl-m-center">{t('workbench.contacts.selectOrg')}</div>
      ) : (
        <>
          <List header={org.name}>
            {entries.map((entry) => (
              <List.Item
                key={entry.accountId}
                description={[entry.unitName, entry.position].filter(Boolean).join(' · ') || undefined}
                extra={
                  entry.phone ? (
                    entry.phoneMasked ? (
                      <span aria-label={t('workbench.contacts.phoneMasked')}>{entry.phone}</span>
                    ) : (
                      <a href={`tel:${entry.phone}`}>{entry.phone}</a>
                    )
                  ) : null
                }
              >
                {entry.displayName}
              </List.Item>
            ))}
          </List>
          {book.isPending ? <MobileLoading /> : null}
          {book.isError ? <MobileError error={book.error} onRetry={() => void book.refetch()} /> : null}
          {book.isSuccess && entries.length === 0 ? <div className="zl-m-center">{t('workbench.contacts.noPeople')}</div> : null}
          {book.hasNextPage ? <InfiniteScroll loadMore={async () => void (await book.fetchNextPage())} hasMore={book.hasNextPage} /> : null}
        </>
      )}
      <Popup
        visible={picking}
        onMaskClick={() => setPicking(false)}
        onClose={() => setPicking(false)}
        bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12 }}
      >
        <MobileOrgPicker
          onPick={(next) => {
            setOrg(next);
            setQ('');
            setPicking(false);
          }}
        />
      </Popup>
    </div>
  );
}
