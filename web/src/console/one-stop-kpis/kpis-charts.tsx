import { useMemo } from 'react';
import { Card, Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart, type ChartOption } from '../echart';
import type { OneStopKpis } from './kpis-queries';

const BLUE = '#1456f0';
const GREEN = '#389e0d';
const ORANGE = '#fa8c16';
const GREY = '#bfbfbf';

/** The organisations with the most services first, at most this many bars a chart. */
const MAX_BARS = 15;

/** Horizontal bars, one row per organisation, two series side by side; percentages up to 100 %. */
function barsByOrg(names: string[], percent: boolean, series: { name: string; data: (number | null)[]; color: string }[]): ChartOption {
  return {
    tooltip: { trigger: 'axis', ...(percent ? { valueFormatter: (v) => `${String(v)}%` } : {}) },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', ...(percent ? { max: 100 } : {}) },
    yAxis: { type: 'category', data: names, inverse: true },
    series: series.map((one) => ({ type: 'bar', name: one.name, data: one.data, itemStyle: { color: one.color } })),
  };
}

/** Bars per organisation: the two 可办率, handling time against the promise, on-time and 好评率. */
export function KpiCharts({ kpis }: { kpis: OneStopKpis }) {
  const { t } = useTranslation();
  const orgs = kpis.organisations.slice(0, MAX_BARS);
  const names = orgs.map((o) => o.orgName);
  const rates = useMemo(
    () =>
      barsByOrg(names, true, [
        { name: t('oneStopKpis.online'), data: orgs.map((o) => o.onlineRate), color: BLUE },
        { name: t('oneStopKpis.zeroTrip'), data: orgs.map((o) => o.zeroTripRate), color: GREEN },
      ]),
    [orgs, names, t],
  );
  const handling = useMemo(
    () =>
      barsByOrg(names, false, [
        { name: t('oneStopKpis.averageDays'), data: orgs.map((o) => o.averageDays), color: ORANGE },
        { name: t('oneStopKpis.promisedDays'), data: orgs.map((o) => o.averagePromisedDays), color: GREY },
      ]),
    [orgs, names, t],
  );
  const quality = useMemo(
    () =>
      barsByOrg(names, true, [
        { name: t('oneStopKpis.onTime'), data: orgs.map((o) => o.onTimeRate), color: BLUE },
        { name: t('oneStopKpis.goodRate'), data: orgs.map((o) => o.goodRate), color: GREEN },
      ]),
    [orgs, names, t],
  );
  const height = 60 + names.length * 34;
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('oneStopKpis.charts.rates')}>
          <EChart option={rates} label={t('oneStopKpis.charts.rates')} height={height} />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('oneStopKpis.charts.handling')}>
          <EChart option={handling} label={t('oneStopKpis.charts.handling')} height={height} />
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('oneStopKpis.charts.quality')}>
          <EChart option={quality} label={t('oneStopKpis.charts.quality')} height={height} />
        </Card>
      </Col>
    </Row>
  );
}
