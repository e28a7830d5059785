import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Progress, Row, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ForbiddenResult } from '../../shared/desktop/forbidden';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import {
  formatDeadline,
  isForbidden,
  useInstruction,
  type InstructionDetail,
  type InstructionRecipient,
  type RecipientStatus,
} from '../instructions';
import { InstructionActions } from './instruction-actions';
import { InstructionTimeline } from './instruction-timeline';
import { LightTag, PriorityTag } from './instruction-tags';
import '../instructions.css';

const RECIPIENT_COLORS: Record<RecipientStatus, string> = {
  assigned: 'default',
  acknowledged: 'cyan',
  in_progress: 'processing',
  done: 'success',
};
const STATUS_COLORS = { open: 'processing', completed: 'success', cancelled: 'default' } as const;

function recipientColumns(t: TFunction): TableColumnsType<InstructionRecipient> {
  return [
    {
      title: t('workbench.instructions.detail.columns.name'),
      key: 'name',
      render: (_, r) => (
        <div>
          <Space size={4} wrap>
            <span>{r.name}</span>
            <Tag>{t(`workbench.instructions.detail.recipientKind.${r.kind}`)}</Tag>
          </Space>
          {r.result ? (
            <div className="zl-ins-meta" data-testid="recipient-result">
              {t('workbench.instructions.detail.result', { text: r.result })}
            </div>
          ) : null}
        </div>
      ),
    },
    {
      title: t('workbench.instructions.detail.columns.status'),
      key: 'status',
      width: 96,
      render: (_, r) => (
        <Tag color={RECIPIENT_COLORS[r.status]} data-testid="recipient-status" data-status={r.status}>
          {t(`workbench.instructions.recipientStatus.${r.status}`)}
        </Tag>
      ),
    },
    {
      title: t('workbench.instructions.detail.columns.progress'),
      key: 'progress',
      width: 130,
      render: (_, r) => <Progress percent={r.percent} size="small" status={r.status === 'done' ? 'success' : 'normal'} />,
    },
    { title: t('workbench.instructions.detail.columns.light'), key: 'light', width: 96, render: (_, r) => <LightTag item={r} /> },
    {
      title: t('workbench.instructions.detail.columns.times'),
      key: 'times',
      width: 190,
      render: (_, r) => (
        <div className="zl-ins-meta">
          {r.acknowledgedAt ? (
            <div>
              {t('workbench.instructions.detail.columns.acknowledgedAt')} {formatDateTime(r.acknowledgedAt)}
            </div>
          ) : null}
          {r.completedAt ? (
            <div>
              {t('workbench.instructions.detail.columns.completedAt')} {formatDateTime(r.completedAt)}
            </div>
          ) : null}
          {!r.acknowledgedAt && !r.completedAt ? '—' : null}
        </div>
      ),
    },
  ];
}

function InstructionPanel({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <Card
        title={
          <Space wrap>
            <Tag>{t(`workbench.instructions.subjectType.${detail.subject.type}`)}</Tag>
            <span data-testid="instruction-subject">{detail.subject.title}</span>
            <PriorityTag priority={detail.priority} />
            <LightTag item={detail} />
          </Space>
        }
        extra={
          <Tag color={STATUS_COLORS[detail.status]} data-testid="instruction-status" data-status={detail.status}>
            {t(`workbench.instructions.status.${detail.status}`)}
          </Tag>
        }
        data-testid="instruction-panel"
      >
        <blockquote className="zl-ins-text" data-testid="instruction-text">
          {detail.text}
        </blockquote>
        <Descriptions
          style={{ marginTop: 16 }}
          size="small"
          column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
          items={[
            { key: 'issuer', label: t('workbench.instructions.detail.issuer'), children: detail.issuer.name },
            { key: 'issuedAt', label: t('workbench.instructions.detail.issuedAt'), children: formatDateTime(detail.createdAt) },
            {
              key: 'deadline',
              label: t('workbench.instructions.detail.deadline'),
              children: (
                <span className={`zl-ins-deadline is-${detail.light}`} data-testid="instruction-deadline">
                  {formatDeadline(detail.deadline)}
                </span>
              ),
            },
            {
              key: 'priority',
              label: t('workbench.instructions.detail.priority'),
              children: <PriorityTag priority={detail.priority} always />,
            },
            {
              key: 'progress',
              label: t('workbench.instructions.detail.progress'),
              children: (
                <Space>
                  <Progress percent={detail.percent} size="small" style={{ width: 140, margin: 0 }} />
                  <span className="zl-ins-meta">
                    {t('workbench.instructions.detail.done', { done: detail.doneCount, total: detail.recipientCount })}
                  </span>
                </Space>
              ),
            },
            ...(detail.subject.link
              ? [
                  {
                    key: 'subject',
                    label: t('workbench.instructions.detail.subject'),
                    children: <Link to={detail.subject.link}>{t('workbench.instructions.detail.openSubject')}</Link>,
                  },
                ]
              : []),
          ]}
        />
        <InstructionActions detail={detail} />
      </Card>
      <Card title={t('workbench.instructions.detail.recipients')} style={{ marginTop: 24 }}>
        <Table<InstructionRecipient>
          rowKey="id"
          size="small"
          columns={recipientColumns(t)}
          dataSource={detail.recipients}
          pagination={false}
          scroll={{ x: 640 }}
          data-testid="instruction-recipients"
        />
      </Card>
    </>
  );
}

/** One 批示 (`/workbench/instructions/:id`): subject, text, recipients and their states, the chain, and the viewer's actions. */
export function InstructionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: unknown } | null)?.from;
  const back = typeof from === 'string' && from !== 'mine' ? `/workbench/instructions?view=${from}` : '/workbench/instructions';
  const detail = useInstruction(id);
  if (detail.isError && isForbidden(detail.error)) return <ForbiddenResult />;
  return (
    <div data-testid="instruction-page">
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(back)} style={{ paddingInline: 0, marginBottom: 12 }}>
        {t('workbench.instructions.detail.back')}
      </Button>
      {detail.isPending ? (
        <LoadingBlock />
      ) : detail.isError ? (
        <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={14}>
            <InstructionPanel detail={detail.data} />
          </Col>
          <Col xs={24} xl={10}>
            <InstructionTimeline detail={detail.data} />
          </Col>
        </Row>
      )}
    </div>
  );
}
