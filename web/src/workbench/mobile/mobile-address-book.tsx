import { useState } from 'react';
import { LeftOutlined, MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, InfiniteScroll, List, Popup, SearchBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../shared/auth';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useAddressBook } from '../../shared/org-queries';
import { flattenPages } from '../../shared/query';
import {
  findRegion,
  messagePath,
  regionPath,
  useAddressTree,
  useDebounced,
  usePeopleSearch,
  usePersonCard,
  type RegionNode,
} from '../address-book';
import '../workbench.css';

interface PickedOrg {
  id: string;
  name: string;
  regionCode: string | null;
}

function Phone({ phone, masked }: { phone: string | null; masked: boolean }) {
  const { t } = useTranslation();
  if (!phone) return null;
  return masked ? <span aria-label={t('workbench.contacts.phoneMasked')}>{phone}</span> : <a href={`tel:${phone}`}>{phone}</a>;
}

/** 名片 in a bottom sheet: position, organisation, unit, region, phone (masked as given), e-mail, 拨打 and 发消息. */
function PersonSheet({ accountId, onClose }: { accountId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const card = usePersonCard(accountId);
  const person = card.data;
  return (
    <Popup
      visible={Boolean(accountId)}
      onMaskClick={onClose}
      onClose={onClose}
      showCloseButton
      bodyStyle={{ borderTopLeftRadius: 12, borderTopRightRadius: 12, maxHeight: '80vh', overflowY: 'auto' }}
    >
      <div className="zl-m-sheet">
        {card.isPending ? <MobileLoading /> : null}
        {card.isError ? <MobileError error={card.error} onRetry={() => void card.refetch()} /> : null}
        {person ? (
          <div data-testid="person-card" data-account-id={person.accountId}>
            <h3 data-testid="person-name">
              {person.displayName}{' '}
              {person.publicContact ? (
                <Tag color="success" fill="outline">
                  {t('workbench.contacts.publicContact')}
                </Tag>
              ) : null}
            </h3>
            <List>
              <List.Item extra={person.position ?? '—'}>{t('workbench.contacts.position')}</List.Item>
              <List.Item extra={person.orgName}>{t('workbench.contacts.org')}</List.Item>
              <List.Item extra={person.unitName ?? '—'}>{t('workbench.contacts.unit')}</List.Item>
              <List.Item extra={person.regionName}>{t('workbench.contacts.region')}</List.Item>
              <List.Item
                extra={
                  <span data-testid="person-phone">{person.phone ? <Phone phone={person.phone} masked={person.phoneMasked} /> : '—'}</span>
                }
              >
                {t('workbench.contacts.phone')}
              </List.Item>
              <List.Item extra={person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—'}>
                {t('workbench.contacts.email')}
              </List.Item>
            </List>
            <div style={{ display: 'grid', gap: 12, marginTop: 16 }}>
              {person.phone && !person.phoneMasked ? (
                <Button block size="large" onClick={() => window.location.assign(`tel:${person.phone}`)}>
                  <PhoneOutlined /> {t('workbench.contacts.call')}
                </Button>
              ) : null}
              {person.accountId !== me.id ? (
                <Button
                  block
                  size="large"
                  color="primary"
                  onClick={() => navigate(messagePath(person.accountId, true))}
                  data-testid="person-message"
                >
                  <MessageOutlined /> {t('workbench.contacts.message')}
                </Button>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </Popup>
  );
}

/** The people of one organisation (asked when it is opened). */
function OrgPeople({ org, onOpen }: { org: PickedOrg; onOpen: (accountId: string) => void }) {
  const { t } = useTranslation();
  const book = useAddressBook(org.id, '');
  const entries = flattenPages(book.data);
  return (
    <>
      <List header={org.name} data-testid="address-book-table">
        {entries.map((entry) => (
          <List.Item
            key={entry.accountId}
            clickable
            onClick={() => onOpen(entry.accountId)}
            description={[entry.unitName, entry.position].filter(Boolean).join(' · ') || undefined}
            extra={<Phone phone={entry.phone} masked={entry.phoneMasked} />}
            data-testid={`person-${entry.accountId}`}
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
  );
}

/** One region: its organisations (with how many people each shows) and the regions below it. */
function RegionView({
  items,
  code,
  onRegion,
  onOrg,
}: {
  items: RegionNode[];
  code: string | null;
  onRegion: (code: string | null) => void;
  onOrg: (org: PickedOrg) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const node = code ? findRegion(items, code) : null;
  const path = code
    ? regionPath(code)
        .map((c) => findRegion(items, c))
        .filter((n): n is RegionNode => Boolean(n))
    : [];
  const orgs = node?.orgs ?? [];
  const children = node ? node.children : items;
  return (
    <>
      <div className="zl-m-crumbs" data-testid="region-path">
        <button type="button" className="zl-m-crumb" onClick={() => onRegion(null)}>
          {t('workbench.contacts.tree')}
        </button>
        {path.map((region) => (
          <button key={region.code} type="button" className="zl-m-crumb" onClick={() => onRegion(region.code)}>
            {region.name}
          </button>
        ))}
      </div>
      {orgs.length ? (
        <List header={t('workbench.contacts.orgsHere')} data-testid="org-list">
          {orgs.map((org) => (
            <List.Item
              key={org.id}
              clickable
              onClick={() => onOrg({ id: org.id, name: org.name, regionCode: node?.code ?? null })}
              extra={
                <span>
                  {org.id === me.orgId ? <Tag color="primary">{t('workbench.contacts.myOrg')}</Tag> : null}{' '}
                  {t('workbench.contacts.count', { count: org.people })}
                </span>
              }
            >
              {org.name}
            </List.Item>
          ))}
        </List>
      ) : null}
      {children.length ? (
        <List header={t('workbench.contacts.subRegions')}>
          {children.map((child) => (
            <List.Item key={child.code} clickable onClick={() => onRegion(child.code)}>
              {child.name}
            </List.Item>
          ))}
        </List>
      ) : null}
    </>
  );
}

/**
 * 通讯录 on a phone: my organisation first; 上一级 walks the regions (province down) and their
 * organisations; the search finds anyone the reader may see across levels (pinyin works);
 * a tap opens the person's card.
 */
export function MobileAddressBook() {
  const { t } = useTranslation();
  const me = useMe();
  const tree = useAddressTree();
  const [org, setOrg] = useState<PickedOrg | null>(me.orgId ? { id: me.orgId, name: me.orgName ?? '', regionCode: me.regionCode } : null);
  const [region, setRegion] = useState<string | null>(me.regionCode);
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const found = usePeopleSearch(q);
  const [person, setPerson] = useState<string | null>(null);

  let body;
  if (q)
    body = (
      <>
        {found.isPending ? <MobileLoading /> : null}
        {found.isError ? <MobileError error={found.error} onRetry={() => void found.refetch()} /> : null}
        {found.isSuccess && !found.data.length ? <div className="zl-m-center">{t('workbench.contacts.noResults')}</div> : null}
        {found.data?.length ? (
          <List header={t('workbench.contacts.results', { q })} data-testid="people-results">
            {found.data.map((p) => (
              <List.Item
                key={p.accountId}
                clickable
                onClick={() => setPerson(p.accountId)}
                description={[p.position, p.unitName, p.orgName].filter(Boolean).join(' · ')}
                extra={<Phone phone={p.phone} masked={p.phoneMasked} />}
                data-testid={`person-${p.accountId}`}
              >
                {p.displayName}
              </List.Item>
            ))}
          </List>
        ) : null}
      </>
    );
  else if (org)
    body = (
      <>
        <Button
          fill="none"
          size="small"
          className="zl-m-back"
          onClick={() => {
            setRegion(org.regionCode ?? tree.data?.ownRegionCode ?? null);
            setOrg(null);
          }}
          data-testid="switch-org"
        >
          <LeftOutlined /> {t('workbench.contacts.up')}
        </Button>
        <OrgPeople org={org} onOpen={setPerson} />
      </>
    );
  else if (tree.isPending) body = <MobileLoading />;
  else if (tree.isError) body = <MobileError error={tree.error} onRetry={() => void tree.refetch()} />;
  else body = <RegionView items={tree.data.items} code={region} onRegion={setRegion} onOrg={setOrg} />;

  return (
    <div data-testid="address-book">
      <div style={{ padding: 12 }}>
        <SearchBar
          placeholder={t('workbench.contacts.searchAll')}
          value={typed}
          onChange={setTyped}
          onClear={() => setTyped('')}
          data-testid="people-search"
        />
      </div>
      {body}
      <PersonSheet accountId={person} onClose={() => setPerson(null)} />
    </div>
  );
}
