import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { EChart, type ChartOption } from '../echart';
import type { AppStats, EfficacyRow } from './apps-queries';

/** The latest checks' latency, oldest first; failed checks as red marks on the axis. */
export function LatencyChart({ checks }: { checks: AppStats['recentChecks'] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...checks].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: ordered.map((c) => formatDateTime(c.at)), axisLabel: { show: false } },
      yAxis: { type: 'value', name: 'ms' },
      series: [
        {
          type: 'line',
          name: t('appsConsole.latencyMs'),
          data: ordered.map((c) => (c.ok ? c.latencyMs : null)),
          connectNulls: false,
          itemStyle: { color: '#1456f0' },
        },
        {
          type: 'line',
          name: t('appsConsole.down'),
          data: ordered.map((c) => (c.ok ? null : 0)),
          lineStyle: { opacity: 0 },
          symbolSize: 8,
          itemStyle: { color: '#cf1322' },
        },
      ],
    };
  }, [checks, t]);
  return <EChart option={option} label={t('appsConsole.latencyChart')} height={180} />;
}

/** This month's score per app (red when flagged 低效), and each app's months. */
export function EfficacyCharts({ rows, month }: { rows: EfficacyRow[]; month: string }) {
  const { t } = useTranslation();
  const current = rows.filter((r) => r.month === month).sort((a, b) => a.score - b.score);
  const bars = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', data: current.map((r) => r.name) },
      series: [
        {
          type: 'bar',
          name: t('appsConsole.score'),
          data: current.map((r) => ({ value: r.score, itemStyle: { color: r.poor ? '#cf1322' : '#389e0d' } })),
        },
      ],
    }),
    [current, t],
  );
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const names = [...new Set(rows.map((r) => r.name))];
  const trend = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', max: 100 },
      series: names.map((name) => ({
        type: 'line',
        name,
        data: months.map((m) => rows.find((r) => r.month === m && r.name === name)?.score ?? null),
      })),
    }),
    [rows, months, names],
  );
  return (
    <>
      <EChart option={bars} label={t('appsConsole.scoreChart')} height={60 + current.length * 30} />
      {months.length > 1 ? <EChart option={trend} label={t('appsConsole.trendChart')} height={260} /> : null}
    </>
  );
}
