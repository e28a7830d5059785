import { lazy, Suspense } from 'react';
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../shared/api';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { currentLanguage } from '../../shared/i18n';
import { MetricsCards } from './metrics-cards';
import { PERIODS, useSharingMetrics, type Period, type SharingMetrics } from './metrics-queries';
import './sharing-metrics.css';

// echarts comes with the charts, after the figures are on screen.
const MetricsCharts = lazy(() => import('./metrics-charts').then((module) => ({ default: module.MetricsCharts })));

const DEFAULT_PERIOD: Period = 30;

function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString(currentLanguage(), { year: 'numeric', month: '2-digit', day: '2-digit' });
}

/** What the figures cover: the period's dates and whose organisations. */
function PeriodLine({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  return (
    <Space size={8} wrap className="zl-metrics-period" data-testid="metrics-period">
      <Typography.Text type="secondary">
        {t('sharingMetrics.period')}:{' '}
        {t('sharingMetrics.range', { from: formatDay(metrics.period.from), to: formatDay(metrics.period.to) })}
      </Typography.Text>
      <Tag data-testid="metrics-scope" data-scope={metrics.scope}>
        {t(`sharingMetrics.scope.${metrics.scope}`)}
      </Tag>
    </Space>
  );
}

/** 共享指标 (SPEC P3.5): 共享需求满足率, 分钟级满足率, needs matched, requests, gateway calls, latency and refusals over a period. */
export function SharingMetricsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const days = PERIODS.find((period) => String(period) === params.get('days')) ?? DEFAULT_PERIOD;
  const metrics = useSharingMetrics(days);

  let body;
  if (metrics.isPending) body = <LoadingBlock />;
  else if (metrics.isError)
    body =
      isApiError(metrics.error) && metrics.error.status === 403 ? (
        <ForbiddenResult />
      ) : (
        <ErrorBlock error={metrics.error} onRetry={() => void metrics.refetch()} />
      );
  else
    body = (
      <div className={metrics.isPlaceholderData ? 'zl-metrics-stale' : undefined} data-days={metrics.data.period.days}>
        <PeriodLine metrics={metrics.data} />
        <MetricsCards metrics={metrics.data} />
        <Suspense fallback={<LoadingBlock />}>
          <MetricsCharts metrics={metrics.data} />
        </Suspense>
      </div>
    );

  return (
    <Card
      title={t('sharingMetrics.nav')}
      extra={
        <Space wrap>
          <Segmented<Period>
            value={days}
            onChange={(next) => setParams({ days: String(next) }, { replace: true })}
            options={PERIODS.map((period) => ({ value: period, label: t('sharingMetrics.days', { n: period }) }))}
            data-testid="metrics-days"
          />
          <Button
            icon={<ReloadOutlined />}
            loading={metrics.isFetching}
            onClick={() => void metrics.refetch()}
            aria-label={t('common.refresh')}
            data-testid="metrics-refresh"
          >
            {t('common.refresh')}
          </Button>
        </Space>
      }
      data-testid="metrics-page"
    >
      {body}
    </Card>
  );
}
