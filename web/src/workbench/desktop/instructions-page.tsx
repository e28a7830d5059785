import type { HTMLAttributes } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { ErrorBlock } from '../../shared/desktop/states';
import { formatDeadline, instructionPath, useInstructions, type InstructionSummary, type InstructionView } from '../instructions';
import { LightTag, PriorityTag } from './instruction-tags';
import '../instructions.css';

/** The tabs the viewer has: 待我办理 always, 我下达的 for issuers, 督办 for supervisors. */
export function useInstructionViews(): InstructionView[] {
  const me = useMe();
  return [
    'mine',
    ...(hasPermission(me, 'instruction.issue') ? (['issued'] as const) : []),
    ...(hasPermission(me, 'instruction.supervise') ? (['supervised'] as const) : []),
  ];
}

function columns(t: TFunction, view: InstructionView): TableColumnsType<InstructionSummary> {
  return [
    { title: t('workbench.instructions.columns.light'), key: 'light', width: 110, render: (_, item) => <LightTag item={item} /> },
    {
      title: t('workbench.instructions.columns.subject'),
      key: 'subject',
      render: (_, item) => (
        <div>
          <Space size={4} wrap>
            <Tag>{t(`workbench.instructions.subjectType.${item.subject.type}`)}</Tag>
            <Link to={instructionPath(item.id)} state={{ from: view }} data-testid={`instruction-link-${item.id}`}>
              {item.subject.title}
            </Link>
            <PriorityTag priority={item.priority} />
          </Space>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: '4px 0 0' }}>
            {item.text}
          </Typography.Paragraph>
        </div>
      ),
    },
    { title: t('workbench.instructions.columns.issuer'), key: 'issuer', width: 120, render: (_, item) => item.issuer.name },
    {
      title: t('workbench.instructions.columns.deadline'),
      key: 'deadline',
      width: 170,
      render: (_, item) => (
        <span className={`zl-ins-deadline is-${item.light}`} data-testid="instruction-deadline">
          {formatDeadline(item.deadline)}
        </span>
      ),
    },
    {
      title: t('workbench.instructions.columns.progress'),
      key: 'progress',
      width: 180,
      render: (_, item) => (
        <div>
          <Progress percent={item.percent} size="small" status={item.status === 'completed' ? 'success' : 'normal'} />
          <span className="zl-ins-meta">
            {t('workbench.instructions.detail.done', { done: item.doneCount, total: item.recipientCount })}
          </span>
        </div>
      ),
    },
    {
      title: t('workbench.instructions.columns.status'),
      key: 'status',
      width: 100,
      render: (_, item) => t(`workbench.instructions.status.${item.status}`),
    },
  ];
}

function InstructionTable({ view }: { view: InstructionView }) {
  const { t } = useTranslation();
  const list = useInstructions(view);
  if (list.isError) return <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table<InstructionSummary>
      rowKey="id"
      columns={columns(t, view)}
      dataSource={list.data ?? []}
      loading={list.isPending}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      rowClassName={(item) => `zl-ins-row is-${item.light}`}
      locale={{ emptyText: t(`workbench.instructions.empty.${view}`) }}
      onRow={(item) => ({ 'data-testid': `instruction-row-${item.id}`, 'data-light': item.light }) as HTMLAttributes<HTMLElement>}
      data-testid={`instruction-list-${view}`}
    />
  );
}

/** 批示督办 (`/workbench/instructions?view=`): 待我办理 / 我下达的 / 督办, each with its 红黄绿灯, deadline and progress. */
export function InstructionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const views = useInstructionViews();
  const [params, setParams] = useSearchParams();
  const asked = params.get('view') as InstructionView | null;
  const view = asked && views.includes(asked) ? asked : 'mine';
  return (
    <Card
      title={t('workbench.instructions.title')}
      extra={
        hasPermission(me, 'instruction.issue') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/workbench/instructions/new')}
            data-testid="instruction-new"
          >
            {t('workbench.instructions.issue')}
          </Button>
        ) : null
      }
      data-testid="instructions-page"
    >
      <Tabs
        activeKey={view}
        onChange={(key) => setParams(key === 'mine' ? {} : { view: key }, { replace: true })}
        items={views.map((key) => ({
          key,
          label: <span data-testid={`instruction-tab-${key}`}>{t(`workbench.instructions.tabs.${key}`)}</span>,
          children: <InstructionTable view={key} />,
        }))}
        destroyOnHidden
      />
    </Card>
  );
}
