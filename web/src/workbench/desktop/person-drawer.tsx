import { LockOutlined, MessageOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { messagePath, usePersonCard, type PersonCard } from '../address-book';

function CardBody({ person }: { person: PersonCard }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <div data-testid="person-card" data-account-id={person.accountId}>
      <Space size={8} wrap style={{ marginBottom: 16 }}>
        <span className="zl-person-name" data-testid="person-name">
          {person.displayName}
        </span>
        {person.position ? <Tag color="blue">{person.position}</Tag> : null}
        {person.publicContact ? <Tag color="green">{t('workbench.contacts.publicContact')}</Tag> : null}
        {person.accountId === me.id ? <Tag>{t('workbench.contacts.self')}</Tag> : null}
      </Space>
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'position', label: t('workbench.contacts.position'), children: person.position ?? '—' },
          { key: 'org', label: t('workbench.contacts.org'), children: person.orgName },
          { key: 'unit', label: t('workbench.contacts.unit'), children: person.unitName ?? '—' },
          { key: 'region', label: t('workbench.contacts.region'), children: person.regionName },
          {
            key: 'phone',
            label: t('workbench.contacts.phone'),
            children: person.phone ? (
              <span data-testid="person-phone">
                {person.phoneMasked ? (
                  <>
                    {person.phone}{' '}
                    <Tooltip title={t('workbench.contacts.phoneMasked')}>
                      <LockOutlined aria-label={t('workbench.contacts.phoneMasked')} />
                    </Tooltip>
                  </>
                ) : (
                  <a href={`tel:${person.phone}`}>{person.phone}</a>
                )}
              </span>
            ) : (
              '—'
            ),
          },
          {
            key: 'email',
            label: t('workbench.contacts.email'),
            children: person.email ? <a href={`mailto:${person.email}`}>{person.email}</a> : '—',
          },
        ]}
      />
      {person.accountId !== me.id ? (
        <Button
          type="primary"
          icon={<MessageOutlined />}
          style={{ marginTop: 16 }}
          onClick={() => navigate(messagePath(person.accountId, false))}
          data-testid="person-message"
        >
          {t('workbench.contacts.message')}
        </Button>
      ) : null}
    </div>
  );
}

/** 名片 in a drawer: position, organisation, unit, region, phone (masked as the server gives it), e-mail, and 发消息. */
export function PersonDrawer({ accountId, onClose }: { accountId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const card = usePersonCard(accountId);
  return (
    <Drawer open={Boolean(accountId)} onClose={onClose} title={t('workbench.contacts.card')} width={420} destroyOnHidden>
      {card.isPending ? (
        <LoadingBlock />
      ) : card.isError ? (
        <ErrorBlock error={card.error} onRetry={() => void card.refetch()} />
      ) : (
        <CardBody person={card.data} />
      )}
    </Drawer>
  );
}
