import { lazy, Suspense, useState } from 'react';
import { Card, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { useEfficacy, type EfficacyRow } from './apps-queries';

const EfficacyCharts = lazy(() => import('./apps-charts').then((m) => ({ default: m.EfficacyCharts })));
const part = (v: number | null) => (v === null ? '—' : v.toFixed(1));
/** This month and the eleven before it, newest first, as YYYY-MM. */
const lastMonths = () =>
  Array.from({ length: 12 }, (_, i) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - i);
    return d.toISOString().slice(0, 7);
  });

/** 应用效能评估 (P7.3): each app's monthly score and its parts; apps below the line flagged 低效. */
export function EfficacyPage() {
  const { t } = useTranslation();
  const months = lastMonths();
  const [month, setMonth] = useState(months[0]!);
  const report = useEfficacy(month);
  if (report.isError && isApiError(report.error) && report.error.status === 403) return <ForbiddenResult />;
  const current = (report.data?.items ?? []).filter((r) => r.month === month);
  return (
    <div data-testid="console-app-efficacy">
      <Typography.Title level={3}>{t('appsConsole.efficacyTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('appsConsole.efficacyIntro')}</Typography.Paragraph>
      <Card
        size="small"
        extra={<Select value={month} onChange={setMonth} options={months.map((m) => ({ value: m, label: m }))} style={{ width: 120 }} />}
      >
        {report.isError ? (
          <ErrorBlock error={report.error} onRetry={() => void report.refetch()} />
        ) : !report.data ? (
          <LoadingBlock />
        ) : (
          <>
            <Suspense fallback={<LoadingBlock />}>
              <EfficacyCharts rows={report.data.items} month={month} />
            </Suspense>
            <Table<EfficacyRow>
              size="small"
              rowKey="appId"
              pagination={false}
              dataSource={current}
              locale={{ emptyText: t('appsConsole.notScored') }}
              columns={[
                { key: 'name', title: t('appsConsole.name'), dataIndex: 'name' },
                {
                  key: 'score',
                  title: t('appsConsole.score'),
                  render: (_, r) => <strong data-testid="efficacy-score">{r.score.toFixed(1)}</strong>,
                },
                { key: 'usage', title: t('appsConsole.parts.usage'), render: (_, r) => part(r.parts.usage) },
                { key: 'satisfaction', title: t('appsConsole.parts.satisfaction'), render: (_, r) => part(r.parts.satisfaction) },
                { key: 'completion', title: t('appsConsole.parts.completion'), render: (_, r) => part(r.parts.completion) },
                { key: 'availability', title: t('appsConsole.parts.availability'), render: (_, r) => part(r.parts.availability) },
                { key: 'flag', title: '', render: (_, r) => (r.poor ? <Tag color="red">{t('appsConsole.poor')}</Tag> : null) },
              ]}
            />
          </>
        )}
      </Card>
    </div>
  );
}
