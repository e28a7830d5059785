import { useState } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { ErrorBlock } from '../../shared/desktop/states';
import { useCollabRequests, useCollabServices, type CollabService } from './collaboration-queries';
import { RegisterServiceModal } from './register-modal';
import { RequestServiceModal } from './request-modal';
import { RequestsTable } from './requests-table';
import { ServicesTable } from './services-table';

type CollabTab = 'services' | 'requests';

function matches(service: CollabService, q: string): boolean {
  if (!q) return true;
  const text = `${service.name} ${service.code} ${service.orgName} ${service.description}`.toLowerCase();
  return text.includes(q.toLowerCase());
}

/**
 * 业务协同 (P3.4): the services departments offer instead of raw data — 服务目录 for every civil
 * servant with the catalog; 登记服务, 申请调用 and 协同申请 for data officers (data.manage).
 */
export function CollaborationPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = hasPermission(me, 'data.manage');
  const [params, setParams] = useSearchParams();
  const tab: CollabTab = canManage && params.get('tab') === 'requests' ? 'requests' : 'services';
  const [search, setSearch] = useState('');
  const [registering, setRegistering] = useState(false);
  const [requesting, setRequesting] = useState<CollabService | null>(null);
  const services = useCollabServices();
  const requests = useCollabRequests(canManage);

  const setTab = (next: CollabTab) => setParams({ tab: next }, { replace: true });
  const allServices = services.data ?? [];
  const allRequests = requests.data ?? [];
  const toReview = allRequests.filter((request) => request.status === 'pending' && request.ownerOrgId === me.orgId).length;

  const servicesPane = services.isError ? (
    <ErrorBlock error={services.error} onRetry={() => void services.refetch()} />
  ) : (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('collaboration.list.searchPlaceholder')}
        onChange={(event) => setSearch(event.target.value.trim())}
        style={{ maxWidth: 360 }}
        data-testid="collab-search"
      />
      <ServicesTable
        rows={allServices.filter((service) => matches(service, search))}
        loading={services.isPending}
        orgId={me.orgId}
        canManage={canManage}
        requests={allRequests}
        onRequest={setRequesting}
      />
    </Space>
  );

  const requestsPane = requests.isError ? (
    <ErrorBlock error={requests.error} onRetry={() => void requests.refetch()} />
  ) : (
    <RequestsTable rows={allRequests} services={allServices} orgId={me.orgId} loading={requests.isPending} />
  );

  return (
    <Card
      title={t('collaboration.nav')}
      extra={
        <Space wrap>
          <Button
            icon={<ReloadOutlined />}
            loading={services.isFetching || requests.isFetching}
            onClick={() => {
              void services.refetch();
              if (canManage) void requests.refetch();
            }}
            data-testid="collab-refresh"
          >
            {t('common.refresh')}
          </Button>
          {canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="collab-register">
              {t('collaboration.list.register')}
            </Button>
          ) : null}
        </Space>
      }
      data-testid="console-collaboration"
    >
      {canManage && !me.orgId ? (
        <Alert type="warning" showIcon message={t('collaboration.list.noOrg')} style={{ marginBottom: 12 }} />
      ) : null}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as CollabTab)}
        items={[
          {
            key: 'services',
            label: <span data-testid="collab-tab-services">{t('collaboration.tabs.services')}</span>,
            children: servicesPane,
          },
          ...(canManage
            ? [
                {
                  key: 'requests',
                  label: (
                    <span data-testid="collab-tab-requests">
                      {t('collaboration.tabs.requests')}{' '}
                      <Badge count={toReview} size="small" title={t('collaboration.list.pendingCount', { n: toReview })} />
                    </span>
                  ),
                  children: requestsPane,
                },
              ]
            : []),
        ]}
      />
      {registering ? (
        <RegisterServiceModal
          onClose={() => setRegistering(false)}
          onDone={() => {
            setRegistering(false);
            setTab('services');
          }}
        />
      ) : null}
      {requesting ? (
        <RequestServiceModal
          service={requesting}
          onClose={() => setRequesting(null)}
          onDone={() => {
            setRequesting(null);
            setTab('requests');
          }}
        />
      ) : null}
    </Card>
  );
}
