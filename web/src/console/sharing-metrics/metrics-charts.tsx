import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { EmptyBlock } from '../../shared/desktop/states';
import { EChart, type ChartOption } from '../echart';
import { formatRate, isKnownRefusal, TARGETS, type SharingMetrics } from './metrics-queries';

const BLUE = '#1456f0';
const RED = '#e5484d';
const GREEN = '#389e0d';
const PIE_COLOURS = ['#e5484d', '#fa8c16', '#faad14', '#722ed1', '#13c2c2', '#8c8c8c'];

/** A gauge of one rate (0..100 %), its track green past the target; "—" when there is none. */
function gaugeOption(name: string, rate: number | null, target: number): ChartOption {
  const met = rate !== null && rate >= target;
  return {
    series: [
      {
        type: 'gauge',
        center: ['50%', '56%'],
        radius: '92%',
        min: 0,
        max: 100,
        startAngle: 210,
        endAngle: -30,
        pointer: { show: false },
        progress: { show: rate !== null, width: 12, itemStyle: { color: met ? GREEN : RED } },
        axisLine: {
          lineStyle: {
            width: 12,
            color: [
              [target, '#f0f0f0'],
              [1, '#d9f7be'],
            ],
          },
        },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        title: { offsetCenter: [0, '70%'], fontSize: 13, width: 150, overflow: 'break', lineHeight: 16 },
        detail: {
          offsetCenter: [0, '5%'],
          fontSize: 24,
          fontWeight: 600,
          color: rate === null ? '#8c8c8c' : met ? GREEN : RED,
          formatter: () => (rate === null ? '—' : `${formatRate(rate)}%`),
        },
        data: [{ name, value: rate === null ? 0 : Math.round(rate * 1000) / 10 }],
      },
    ],
  };
}

function Gauge({ name, rate, target }: { name: string; rate: number | null; target: number }) {
  const option = useMemo(() => gaugeOption(name, rate, target), [name, rate, target]);
  return <EChart option={option} label={`${name} ${formatRate(rate)}%`} height={240} />;
}

/** 满足率: the two rates as gauges, side by side, each in a chart of its own so that neither is squeezed. */
function RatesChart({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  if (metrics.demandSatisfactionRate === null && metrics.minuteLevelRate === null)
    return <EmptyBlock title={t('sharingMetrics.charts.noRates')} />;
  return (
    <div className="zl-metrics-gauges">
      <Gauge name={t('sharingMetrics.satisfaction')} rate={metrics.demandSatisfactionRate} target={TARGETS.satisfaction} />
      <Gauge name={t('sharingMetrics.minuteLevel')} rate={metrics.minuteLevelRate} target={TARGETS.minuteLevel} />
    </div>
  );
}

/** 每日调用: calls a day as bars, refused calls (where the viewer may see them) as a line. */
function DailyChart({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  const { perDay, refused } = metrics.calls;
  const callsName = t('sharingMetrics.charts.callsSeries');
  const refusedName = t('sharingMetrics.charts.refusedSeries');
  const option = useMemo<ChartOption>(() => {
    const series: (BarSeriesOption | LineSeriesOption)[] = [
      { type: 'bar', name: callsName, data: perDay.map((d) => d.calls), barMaxWidth: 24, itemStyle: { color: BLUE } },
    ];
    if (refused.visible)
      series.push({
        type: 'line',
        name: refusedName,
        data: perDay.map((d) => d.refused),
        smooth: true,
        symbolSize: 5,
        itemStyle: { color: RED },
      });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: perDay.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [perDay, refused.visible, callsName, refusedName]);
  if (metrics.calls.total === 0 && refused.total === 0) return <EmptyBlock title={t('sharingMetrics.charts.noCalls')} />;
  return <EChart option={option} label={perDay.map((d) => `${d.day}: ${d.calls}/${d.refused}`).join('; ')} />;
}

/** 调用单位 Top 10: a horizontal bar an organisation, the most calls on top. */
function ConsumersChart({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  const consumers = metrics.calls.topConsumers;
  const callsName = t('sharingMetrics.charts.callsSeries');
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: consumers.map((c) => c.orgName), axisLabel: { width: 160, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          name: callsName,
          data: consumers.map((c) => c.calls),
          barMaxWidth: 22,
          itemStyle: { color: BLUE },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [consumers, callsName],
  );
  if (consumers.length === 0) return <EmptyBlock title={t('sharingMetrics.charts.noConsumers')} />;
  return (
    <EChart
      option={option}
      label={consumers.map((c) => `${c.orgName}: ${c.calls}`).join('; ')}
      height={Math.max(160, 48 + consumers.length * 32)}
    />
  );
}

/** 拒绝原因: refused calls by the gateway's error code, the known codes named. */
function RefusalsChart({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  const byCode = metrics.calls.refused.byCode;
  const slices = useMemo(
    () =>
      Object.entries(byCode)
        .map(([code, value]) => ({ code, value, name: isKnownRefusal(code) ? t(`sharingMetrics.refusalCodes.${code}`) : code }))
        .sort((a, b) => b.value - a.value),
    [byCode, t],
  );
  const option = useMemo<ChartOption>(
    () => ({
      color: PIE_COLOURS,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '44%'],
          label: { formatter: '{b}\n{c}' },
          data: slices.map(({ name, value }) => ({ name, value })),
        },
      ],
    }),
    [slices],
  );
  if (slices.length === 0) return <EmptyBlock title={t('sharingMetrics.charts.noRefusals')} />;
  return <EChart option={option} label={slices.map((s) => `${s.name}: ${s.value}`).join('; ')} />;
}

/** The metrics page's charts (echarts, loaded with this file only when the page is opened). */
export function MetricsCharts({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[16, 16]} className="zl-metrics-row">
      <Col xs={24} xl={10}>
        <Card size="small" title={t('sharingMetrics.charts.rates')} data-testid="metrics-rates-chart">
          <RatesChart metrics={metrics} />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card size="small" title={t('sharingMetrics.charts.daily')} data-testid="metrics-calls-chart">
          <DailyChart metrics={metrics} />
        </Card>
      </Col>
      <Col xs={24} xl={metrics.calls.refused.visible ? 14 : 24}>
        <Card size="small" title={t('sharingMetrics.charts.consumers')} data-testid="metrics-consumers-chart">
          <ConsumersChart metrics={metrics} />
        </Card>
      </Col>
      {metrics.calls.refused.visible ? (
        <Col xs={24} xl={10}>
          <Card size="small" title={t('sharingMetrics.charts.refusals')} data-testid="metrics-refusals-chart">
            <RefusalsChart metrics={metrics} />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
