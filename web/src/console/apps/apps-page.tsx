import { lazy, Suspense, useState } from 'react';
import { Button, Card, Col, Descriptions, Drawer, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import { useMe } from '../../shared/auth';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { percent, useAppStats, useApps, type RegisteredApp } from './apps-queries';

const AppRegisterModal = lazy(() => import('./app-register-modal').then((m) => ({ default: m.AppRegisterModal })));
const LatencyChart = lazy(() => import('./apps-charts').then((m) => ({ default: m.LatencyChart })));

function Monitoring({ app }: { app: RegisteredApp }) {
  const { t } = useTranslation();
  const stats = useAppStats(app.id);
  if (stats.isError) return <ErrorBlock error={stats.error} onRetry={() => void stats.refetch()} />;
  if (!stats.data) return <LoadingBlock />;
  const s = stats.data;
  return (
    <div data-testid="app-monitoring">
      <Row gutter={[12, 12]}>
        <Col span={8}>
          <Statistic title={t('appsConsole.availability')} value={percent(s.availability)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('appsConsole.latency')} value={s.avgLatencyMs === null ? '—' : `${s.avgLatencyMs} / ${s.p95LatencyMs} ms`} />
        </Col>
        <Col span={8}>
          <Statistic title={t('appsConsole.activeUsers')} value={`${s.activeUsers.day} / ${s.activeUsers.week} / ${s.activeUsers.month}`} />
        </Col>
        <Col span={8}>
          <Statistic title={t('appsConsole.failedChecks')} value={s.failedChecks} suffix={`/ ${s.checks}`} />
        </Col>
        <Col span={8}>
          <Statistic title={t('appsConsole.platformCalls')} value={s.platformCalls} />
        </Col>
        <Col span={8}>
          <Statistic title={t('appsConsole.platformErrors')} value={s.platformErrors} />
        </Col>
      </Row>
      <Typography.Text type="secondary">{t('appsConsole.windowNote')}</Typography.Text>
      <Suspense fallback={<LoadingBlock />}>
        <LatencyChart checks={s.recentChecks} />
      </Suspense>
      <Table
        size="small"
        rowKey="at"
        pagination={false}
        dataSource={s.recentChecks.slice(0, 8)}
        columns={[
          { key: 'at', title: t('appsConsole.checkedAt'), render: (_, c) => formatDateTime(c.at) },
          {
            key: 'ok',
            title: t('appsConsole.result'),
            render: (_, c) => (c.ok ? <Tag color="green">{t('appsConsole.up')}</Tag> : <Tag color="red">{t('appsConsole.down')}</Tag>),
          },
          { key: 'latency', title: t('appsConsole.latencyMs'), render: (_, c) => c.latencyMs ?? '—' },
          { key: 'error', title: t('appsConsole.error'), render: (_, c) => c.error ?? '' },
        ]}
      />
    </div>
  );
}

/** 应用管理 (P7): the registered apps, their owners and where they show; monitoring per app. */
export function AppsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const apps = useApps();
  const [registering, setRegistering] = useState(false);
  const [open, setOpen] = useState<RegisteredApp | null>(null);
  if (apps.isError && isApiError(apps.error) && apps.error.status === 403) return <ForbiddenResult />;
  return (
    <div data-testid="console-apps">
      <Typography.Title level={3}>{t('appsConsole.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('appsConsole.intro')}</Typography.Paragraph>
      <Card
        size="small"
        extra={
          me.permissions.includes('app.manage') ? (
            <Button type="primary" onClick={() => setRegistering(true)} data-testid="app-register">
              {t('appsConsole.register')}
            </Button>
          ) : null
        }
      >
        {apps.isError ? (
          <ErrorBlock error={apps.error} onRetry={() => void apps.refetch()} />
        ) : (
          <Table<RegisteredApp>
            size="small"
            rowKey="id"
            loading={apps.isPending}
            dataSource={apps.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            onRow={(app) => ({ onClick: () => setOpen(app), style: { cursor: 'pointer' } })}
            columns={[
              { key: 'name', title: t('appsConsole.name'), render: (_, a) => <a data-testid="app-row">{a.name}</a> },
              {
                key: 'system',
                title: t('appsConsole.system'),
                render: (_, a) => <Tag>{t(`appsConsole.systems.${a.system}` as 'appsConsole.systems.P')}</Tag>,
              },
              { key: 'level', title: t('appsConsole.level'), render: (_, a) => t(`appsConsole.levels.${a.level}`) },
              { key: 'owner', title: t('appsConsole.owner'), render: (_, a) => a.ownerOrgName },
              {
                key: 'launch',
                title: t('appsConsole.launchOn'),
                render: (_, a) => a.launchOn.map((l) => <Tag key={l}>{t(`appsConsole.${l}`)}</Tag>),
              },
              {
                key: 'status',
                title: t('appsConsole.status'),
                render: (_, a) =>
                  a.status === 'active' ? <Tag color="green">{t('appsConsole.active')}</Tag> : <Tag>{t('appsConsole.retired')}</Tag>,
              },
            ]}
          />
        )}
      </Card>
      {registering ? (
        <Suspense fallback={null}>
          <AppRegisterModal onClose={() => setRegistering(false)} />
        </Suspense>
      ) : null}
      <Drawer open={open !== null} width={720} title={open?.name} onClose={() => setOpen(null)} destroyOnHidden>
        {open ? (
          <>
            <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('appsConsole.clientId')}>
                <Typography.Text code>{open.clientId}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('appsConsole.entryUrl')}>{open.entryUrl}</Descriptions.Item>
              <Descriptions.Item label={t('appsConsole.healthUrl')}>{open.healthUrl ?? t('appsConsole.entryChecked')}</Descriptions.Item>
              <Descriptions.Item label={t('appsConsole.components')}>{open.components.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('appsConsole.resources')}>{open.resources.join('、') || '—'}</Descriptions.Item>
            </Descriptions>
            <Monitoring app={open} />
          </>
        ) : null}
      </Drawer>
    </div>
  );
}
