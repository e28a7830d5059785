import { lazy, Suspense } from 'react';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatPercent, useOneStopKpis, type OneStopKpis } from './kpis-queries';

// echarts comes with the charts, after the figures are on screen.
const KpiCharts = lazy(() => import('./kpis-charts').then((module) => ({ default: module.KpiCharts })));

function Totals({ kpis }: { kpis: OneStopKpis }) {
  const { t } = useTranslation();
  const total = kpis.total;
  const cards = [
    { key: 'online', title: t('oneStopKpis.online'), value: formatPercent(total.onlineRate) },
    { key: 'zeroTrip', title: t('oneStopKpis.zeroTrip'), value: formatPercent(total.zeroTripRate) },
    {
      key: 'handling',
      title: t('oneStopKpis.handling'),
      value:
        total.averageDays === null ? '—' : t('oneStopKpis.daysAgainst', { days: total.averageDays, promised: total.averagePromisedDays }),
    },
    { key: 'onTime', title: t('oneStopKpis.onTime'), value: formatPercent(total.onTimeRate) },
    { key: 'goodRate', title: t('oneStopKpis.goodRate'), value: formatPercent(total.goodRate) },
  ];
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col key={card.key} xs={12} md={8} xl={4}>
          <Card size="small" data-testid={`kpi-${card.key}`}>
            <Statistic title={card.title} value={card.value} />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic
            title={t('oneStopKpis.services')}
            value={total.services}
            suffix={t('oneStopKpis.finishedSuffix', { n: total.finished })}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** 一网通办指标 (S2.1 KPIs) per organisation and region, for those who monitor them. */
export function OneStopKpisPage() {
  const { t } = useTranslation();
  const kpis = useOneStopKpis();
  let body;
  if (kpis.isPending) body = <LoadingBlock />;
  else if (kpis.isError)
    body =
      isApiError(kpis.error) && kpis.error.status === 403 ? (
        <ForbiddenResult />
      ) : (
        <ErrorBlock error={kpis.error} onRetry={() => void kpis.refetch()} />
      );
  else
    body = (
      <>
        <Totals kpis={kpis.data} />
        <Suspense fallback={<LoadingBlock />}>
          <KpiCharts kpis={kpis.data} />
        </Suspense>
        <Card size="small" style={{ marginTop: 16 }} title={t('oneStopKpis.table')}>
          <Table
            size="small"
            rowKey="orgId"
            data-testid="kpi-table"
            dataSource={kpis.data.organisations}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              { key: 'org', title: t('oneStopKpis.org'), dataIndex: 'orgName' },
              { key: 'services', title: t('oneStopKpis.services'), dataIndex: 'services' },
              { key: 'online', title: t('oneStopKpis.online'), render: (_, o) => formatPercent(o.onlineRate) },
              { key: 'zeroTrip', title: t('oneStopKpis.zeroTrip'), render: (_, o) => formatPercent(o.zeroTripRate) },
              { key: 'finished', title: t('oneStopKpis.finished'), dataIndex: 'finished' },
              {
                key: 'days',
                title: t('oneStopKpis.handling'),
                render: (_, o) =>
                  o.averageDays === null ? '—' : t('oneStopKpis.daysAgainst', { days: o.averageDays, promised: o.averagePromisedDays }),
              },
              { key: 'onTime', title: t('oneStopKpis.onTime'), render: (_, o) => formatPercent(o.onTimeRate) },
              { key: 'good', title: t('oneStopKpis.goodRate'), render: (_, o) => formatPercent(o.goodRate) },
            ]}
          />
        </Card>
      </>
    );
  return (
    <div data-testid="one-stop-kpis">
      <Typography.Title level={3}>{t('oneStopKpis.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('oneStopKpis.intro')}</Typography.Paragraph>
      {body}
    </div>
  );
}
