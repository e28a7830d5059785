import { useMemo, type ReactNode } from 'react';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { formatDateTime } from '../../shared/format';
import { canOpen } from '../sections';
import { HistoryTimeline } from './history-timeline';
import { InstanceDiagram } from './instance-diagram';
import { useInstance, useInstanceDiagram } from './instance-queries';
import { InstanceStatusTag, TimeStateTag } from './instance-tags';

/** The names the diagram gives its elements (id → name), for the history. */
function elementNames(xml: string | undefined): Map<string, string> {
  const names = new Map<string, string>();
  if (!xml) return names;
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const element of Array.from(doc.querySelectorAll('[id][name]'))) {
    const id = element.getAttribute('id');
    const name = element.getAttribute('name');
    if (id && name) names.set(id, name);
  }
  return names;
}

function variableValue(value: unknown): ReactNode {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (typeof value === 'object') return <pre className="zl-json">{JSON.stringify(value, null, 2)}</pre>;
  if (typeof value === 'boolean') return <Tag>{String(value)}</Tag>;
  return String(value);
}

/** 流程实例: where an instance is on its diagram, its deadline, variables and full history. */
export function InstancePage() {
  const { instanceId = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const instance = useInstance(instanceId);
  const diagram = useInstanceDiagram(instanceId);
  const names = useMemo(() => elementNames(diagram.data), [diagram.data]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/console/processes')} data-testid="instance-back">
      {t('consoleWorkflow.instance.back')}
    </Button>
  );
  if (instance.isPending) return <LoadingBlock />;
  if (instance.isError)
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        {back}
        <ErrorBlock error={instance.error} onRetry={() => void instance.refetch()} />
      </Space>
    );
  const data = instance.data;
  const variables = Object.entries(data.variables ?? {});
  const overview: DescriptionsProps['items'] = [
    {
      key: 'item',
      label: t('consoleWorkflow.instances.item'),
      children: canOpen(me, 'model') ? (
        <Link to={`/console/model/items/${encodeURIComponent(data.itemId)}/process`}>{data.itemName || data.itemId}</Link>
      ) : (
        data.itemName || data.itemId
      ),
    },
    { key: 'version', label: t('consoleWorkflow.instances.version'), children: `v${data.processVersion}` },
    {
      key: 'businessKey',
      label: t('consoleWorkflow.instances.businessKey'),
      children: data.businessKey ? <span className="zl-mono">{data.businessKey}</span> : '—',
    },
    { key: 'status', label: t('consoleWorkflow.instances.status'), children: <InstanceStatusTag status={data.status} /> },
    {
      key: 'time',
      label: t('consoleWorkflow.instances.timeState'),
      children: <TimeStateTag state={data.timeState} dueAt={data.dueAt} testId="instance-time-state" />,
    },
    {
      key: 'openTasks',
      label: t('consoleWorkflow.instance.openTasks'),
      children: data.openTasks?.length ? (
        <Space size={[4, 4]} wrap>
          {data.openTasks.map((task) => (
            <Tag key={task.id} color="blue" title={task.nodeId}>
              {task.name || names.get(task.nodeId) || task.nodeId}
            </Tag>
          ))}
        </Space>
      ) : (
        '—'
      ),
    },
    { key: 'startedAt', label: t('consoleWorkflow.instances.startedAt'), children: formatDateTime(data.startedAt) },
    { key: 'endedAt', label: t('consoleWorkflow.instances.endedAt'), children: data.endedAt ? formatDateTime(data.endedAt) : '—' },
  ];

  return (
    <div data-testid="instance-detail" data-instance-id={data.id}>
      <Card
        title={
          <Space wrap>
            <span>{t('consoleWorkflow.instance.title')}</span>
            <span className="zl-mono" style={{ fontWeight: 400 }}>
              {data.id}
            </span>
            <InstanceStatusTag status={data.status} testId="instance-status" />
          </Space>
        }
        extra={
          <Space wrap>
            <Button
              icon={<ReloadOutlined />}
              loading={instance.isFetching}
              onClick={() => void instance.refetch()}
              data-testid="instance-refresh"
            >
              {t('consoleWorkflow.instance.refresh')}
            </Button>
            {back}
          </Space>
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('consoleWorkflow.instance.diagram')}
            </Typography.Title>
            {diagram.isError ? (
              <ErrorBlock error={diagram.error} onRetry={() => void diagram.refetch()} />
            ) : diagram.data === undefined ? (
              <LoadingBlock />
            ) : (
              <InstanceDiagram xml={diagram.data} activeNodeIds={data.activeNodeIds ?? []} completedNodeIds={data.completedNodeIds ?? []} />
            )}
          </Col>
          <Col xs={24} xl={8}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('consoleWorkflow.instance.overview')}
            </Typography.Title>
            {data.clockPaused ? (
              <Alert
                type="info"
                showIcon
                message={t('consoleWorkflow.instance.clockPaused')}
                description={data.supplementReason || undefined}
                style={{ marginBottom: 12 }}
                data-testid="instance-clock-paused"
              />
            ) : null}
            <Descriptions column={1} size="small" bordered items={overview} data-testid="instance-overview" />
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={10}>
          <Card title={t('consoleWorkflow.instance.variables')} data-testid="instance-variables">
            {variables.length ? (
              <Descriptions
                column={1}
                size="small"
                bordered
                items={variables.map(([name, value]) => ({
                  key: name,
                  label: <span className="zl-mono">{name}</span>,
                  children: variableValue(value),
                }))}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consoleWorkflow.instance.noVariables')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('consoleWorkflow.instance.history')}>
            <HistoryTimeline history={data.history ?? []} nodeNames={names} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
