import type { ReactNode } from 'react';
import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatRate, TARGETS, type SharingMetrics } from './metrics-queries';

const MET = '#389e0d';
const NOT_MET = '#cf1322';

/** A card's title with an (i) that tells how the figure is counted. */
function HelpTitle({ title, help }: { title: string; help: string }) {
  return (
    <Space size={4}>
      <span>{title}</span>
      <Tooltip title={help}>
        <InfoCircleOutlined className="zl-metrics-help" tabIndex={0} aria-label={help} />
      </Tooltip>
    </Space>
  );
}

/** 共享需求满足率 / 分钟级满足率: the rate as a percentage, its target, and whether it is met. */
function RateCard(props: { testId: string; title: string; help: string; rate: number | null; target: number }) {
  const { t } = useTranslation();
  const met = props.rate === null ? null : props.rate >= props.target;
  let status: ReactNode = <Tag>{t('sharingMetrics.noRate')}</Tag>;
  if (met !== null)
    status = (
      <Tag color={met ? 'success' : 'error'} data-testid={`${props.testId}-status`}>
        {t(met ? 'sharingMetrics.met' : 'sharingMetrics.notMet')}
      </Tag>
    );
  return (
    <Card size="small" className="zl-metrics-card" data-testid={props.testId} data-rate={props.rate ?? ''}>
      <Statistic
        title={<HelpTitle title={props.title} help={props.help} />}
        value={formatRate(props.rate)}
        suffix={props.rate === null ? undefined : '%'}
        valueStyle={met === null ? undefined : { color: met ? MET : NOT_MET }}
      />
      <Space size={8} wrap className="zl-metrics-foot">
        <Typography.Text type="secondary">{t('sharingMetrics.target', { n: Math.round(props.target * 100) })}</Typography.Text>
        {status}
      </Space>
    </Card>
  );
}

/** A small card holding one figure (and, under it, what it is made of). */
function FigureCard(props: { testId: string; children: ReactNode; foot?: ReactNode }) {
  return (
    <Card size="small" className="zl-metrics-card" data-testid={props.testId}>
      {props.children}
      {props.foot ? (
        <Space size={[12, 0]} wrap className="zl-metrics-foot">
          {props.foot}
        </Space>
      ) : null}
    </Card>
  );
}

function Part({ label, n, testId }: { label: string; n: number; testId: string }) {
  return (
    <Typography.Text type="secondary" data-testid={testId}>
      {label} <Typography.Text strong>{n}</Typography.Text>
    </Typography.Text>
  );
}

const ms = (value: number | null) => (value === null ? '—' : String(value));

/** The headline figures: the two rates against their targets, then needs, requests, calls, refusals and latency. */
export function MetricsCards({ metrics }: { metrics: SharingMetrics }) {
  const { t } = useTranslation();
  const { requests, calls, definitions } = metrics;
  // the unit after a count of calls (次); none in English
  const times = t('sharingMetrics.times') || undefined;
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <RateCard
            testId="metrics-satisfaction"
            title={t('sharingMetrics.satisfaction')}
            help={t('sharingMetrics.satisfactionHelp', { days: definitions.pendingOverdueDays })}
            rate={metrics.demandSatisfactionRate}
            target={TARGETS.satisfaction}
          />
        </Col>
        <Col xs={24} md={12}>
          <RateCard
            testId="metrics-minute-level"
            title={t('sharingMetrics.minuteLevel')}
            help={t('sharingMetrics.minuteLevelHelp', { minutes: definitions.minuteLevelMinutes })}
            rate={metrics.minuteLevelRate}
            target={TARGETS.minuteLevel}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="zl-metrics-row">
        <Col flex="1 1 200px">
          <FigureCard testId="metrics-needs">
            <Statistic
              title={<HelpTitle title={t('sharingMetrics.needs')} help={t('sharingMetrics.needsHelp')} />}
              value={metrics.needs.matched}
              suffix={`/ ${metrics.needs.total}`}
            />
          </FigureCard>
        </Col>
        <Col flex="2 1 320px">
          <FigureCard
            testId="metrics-requests"
            foot={
              <>
                <Part label={t('sharingMetrics.approved')} n={requests.approved} testId="metrics-requests-approved" />
                <Part label={t('sharingMetrics.rejected')} n={requests.rejected} testId="metrics-requests-rejected" />
                <Part label={t('sharingMetrics.pending')} n={requests.pending} testId="metrics-requests-pending" />
                <Part label={t('sharingMetrics.overdue')} n={requests.overdue} testId="metrics-requests-overdue" />
                <Part label={t('sharingMetrics.automatic')} n={requests.automatic} testId="metrics-requests-automatic" />
              </>
            }
          >
            <Statistic title={t('sharingMetrics.requests')} value={requests.total} />
          </FigureCard>
        </Col>
        <Col flex="1 1 200px">
          <FigureCard testId="metrics-calls">
            <Statistic
              title={<HelpTitle title={t('sharingMetrics.calls')} help={t('sharingMetrics.callsHelp')} />}
              value={calls.total}
              suffix={times}
            />
          </FigureCard>
        </Col>
        {calls.refused.visible ? (
          <Col flex="1 1 200px">
            <FigureCard testId="metrics-refused">
              <Statistic
                title={<HelpTitle title={t('sharingMetrics.refused')} help={t('sharingMetrics.refusedHelp')} />}
                value={calls.refused.total}
                suffix={times}
                valueStyle={calls.refused.total > 0 ? { color: NOT_MET } : undefined}
              />
            </FigureCard>
          </Col>
        ) : null}
        <Col flex="2 1 320px">
          <FigureCard testId="metrics-latency">
            <Typography.Text type="secondary" className="zl-metrics-latency-title">
              <HelpTitle title={t('sharingMetrics.latency')} help={t('sharingMetrics.latencyHelp')} />
            </Typography.Text>
            <Space size={24} wrap>
              {(['p50', 'p95', 'p99'] as const).map((p) => (
                <Statistic
                  key={p}
                  title={p.toUpperCase()}
                  value={ms(calls.latencyMs[p])}
                  suffix={calls.latencyMs[p] === null ? undefined : 'ms'}
                  data-testid={`metrics-latency-${p}`}
                />
              ))}
            </Space>
          </FigureCard>
        </Col>
      </Row>
    </>
  );
}
