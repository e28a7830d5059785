import { useState, type ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DeleteOutlined, DownloadOutlined, EditOutlined, NodeIndexOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Divider, Empty, Popconfirm, Row, Space, Tag, Tooltip, Tree, Typography, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, apiUrl } from '../../shared/api';
import type { ModelLevel, ModelNode } from '../../shared/api-types';
import { hasPermission, useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { OrgSelect } from '../org-select';
import { ImportButton, ImportJobPanel } from './model-import';
import { ModelNodeModal, type NodeEditing } from './model-node-modal';
import { ItemCompleteness, RollupCompletion } from './model-rollup';
import {
  childLevel,
  countNodes,
  isRunning,
  modelTreeKey,
  parentKeys,
  summarise,
  useImportJob,
  useModelTree,
  type ModelSummary,
} from './model-queries';

interface ModelTreeNode extends TreeDataNode {
  key: string;
  model: ModelNode;
  children?: ModelTreeNode[];
}

const LEVEL_COLORS: Record<ModelLevel, string> = { core: 'magenta', module: 'purple', unit: 'orange', item: 'default' };
/** Above this many nodes the tree opens only its upper two levels at first, and scrolls virtually. */
const LARGE_TREE = 300;

function toTreeData(nodes: readonly ModelNode[]): ModelTreeNode[] {
  return [...nodes]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((node) => ({
      key: node.id,
      model: node,
      isLeaf: node.level === 'item',
      children: node.children.length ? toTreeData(node.children) : undefined,
    }));
}

function defaultExpanded(nodes: readonly ModelNode[]): string[] {
  if (countNodes(nodes) <= LARGE_TREE) return parentKeys(nodes);
  return nodes.filter((node) => node.children.length).map((node) => node.id);
}

function Summary({ summary }: { summary: ModelSummary }) {
  const { t } = useTranslation();
  const part = (key: string, label: string, value: number, color?: string) => (
    <span className="zl-model-count" data-testid={`model-summary-${key}`}>
      {color ? <Tag color={color}>{label}</Tag> : <span className="zl-model-count-label">{label}</span>}
      <strong>{value}</strong>
    </span>
  );
  return (
    <div className="zl-model-summary" data-testid="model-summary">
      <Space split={<span className="zl-model-dot">·</span>} wrap>
        {part('core', t('console.model.levels.core'), summary.core)}
        {part('modules', t('console.model.levels.module'), summary.modules)}
        {part('units', t('console.model.levels.unit'), summary.units)}
        {part('items', t('console.model.levels.item'), summary.items)}
      </Space>
      <Divider type="vertical" />
      <Space wrap>
        {part('governance', t('console.model.itemTypes.governance'), summary.governance, 'blue')}
        <span className="zl-model-dot">/</span>
        {part('service', t('console.model.itemTypes.service'), summary.service, 'green')}
      </Space>
    </div>
  );
}

/** 业务模型 (V字模型): an organisation's core businesses → modules → units → items. */
export function ModelPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const canManage = hasPermission(me, 'model.manage');
  const [orgId, setOrgId] = useState<string | null>(me.orgId);
  const [editing, setEditingState] = useState<NodeEditing | null>(null);
  // A new modal (and form store) for every opening: antd's shared form store would otherwise keep
  // the last form's cleared fields as `undefined` over the next form's initial values.
  const [editorSeq, setEditorSeq] = useState(0);
  const setEditing = (next: NodeEditing | null) => {
    if (next) setEditorSeq((seq) => seq + 1);
    setEditingState(next);
  };
  const [jobId, setJobId] = useState<string | null>(null);
  // The open nodes, per organisation; until the user opens or closes one, the default ones.
  const [expandState, setExpandState] = useState<{ orgId: string; keys: string[] } | null>(null);
  const tree = useModelTree(orgId);
  const job = useImportJob(jobId);
  const importing = Boolean(jobId) && isRunning(job.data) && !job.isError;
  const nodes = tree.data && tree.data.orgId === orgId ? tree.data.nodes : [];
  const expandedKeys = orgId && expandState?.orgId === orgId ? expandState.keys : defaultExpanded(nodes);
  const summary = summarise(nodes);
  const orgName = tree.data?.orgName ?? (orgId === me.orgId ? me.orgName : null) ?? '';

  const expand = (key: string) => {
    if (orgId && !expandedKeys.includes(key)) setExpandState({ orgId, keys: [...expandedKeys, key] });
  };

  const remove = useMutation({
    mutationFn: (node: ModelNode) => api.delete(`/model/nodes/${encodeURIComponent(node.id)}`),
    onSuccess: (_, node) => {
      void message.success(t('console.model.deleted', { name: node.name }));
      void queryClient.invalidateQueries({ queryKey: modelTreeKey(orgId) });
    },
    onError: (error) => void message.error(errorMessage(error, t)),
  });

  const renderTitle = (node: ModelNode): ReactNode => {
    const next = childLevel(node.level);
    const levelName = t(`console.model.levels.${node.level}`);
    return (
      <span className="zl-model-node" data-testid={`model-node-${node.id}`} data-level={node.level}>
        <span className="zl-model-main">
          <Tag color={LEVEL_COLORS[node.level]} className="zl-model-level">
            {levelName}
          </Tag>
          <span className="zl-model-name">{node.name}</span>
          {node.level === 'item' && node.itemType ? (
            <Tag color={node.itemType === 'governance' ? 'blue' : 'green'} data-testid={`model-item-type-${node.id}`}>
              {t(`console.model.itemTypes.${node.itemType}`)}
            </Tag>
          ) : null}
          {node.level === 'item' && node.collaboratorOrgs.length ? (
            <Typography.Text type="secondary" className="zl-model-meta">
              <TeamOutlined /> {node.collaboratorOrgs.map((org) => org.name).join('、')}
            </Typography.Text>
          ) : null}
          {node.level === 'item' ? <ItemCompleteness node={node} /> : null}
          {node.level !== 'item' ? (
            <Typography.Text type="secondary" className="zl-model-meta">
              {t('console.model.rollup', { items: node.rollup.items, governance: node.rollup.governance, service: node.rollup.service })}
            </Typography.Text>
          ) : null}
          {node.level !== 'item' ? <RollupCompletion node={node} /> : null}
        </span>
        {canManage || node.level === 'item' ? (
          <span className="zl-model-actions" onClick={(event) => event.stopPropagation()}>
            {node.level === 'item' ? (
              <Button
                size="small"
                type="link"
                icon={<NodeIndexOutlined />}
                onClick={() => navigate(`/console/model/items/${encodeURIComponent(node.id)}/process`)}
                data-testid={`model-process-${node.id}`}
              >
                {t('consoleWorkflow.model.processDesign')}
              </Button>
            ) : null}
            {canManage && next ? (
              <Button
                size="small"
                type="link"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ mode: 'create', level: next, parent: node })}
                data-testid={`model-add-child-${node.id}`}
              >
                {t('console.model.addLevel', { level: t(`console.model.levels.${next}`) })}
              </Button>
            ) : null}
            {canManage ? (
              <Tooltip title={node.level === 'item' ? t('console.model.editItemHint') : undefined}>
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setEditing({ mode: 'edit', node })}
                  data-testid={`model-edit-${node.id}`}
                >
                  {node.level === 'item' ? t('common.edit') : t('console.model.rename')}
                </Button>
              </Tooltip>
            ) : null}
            {canManage ? (
              <Popconfirm
                title={t('console.model.deleteTitle', { level: levelName, name: node.name })}
                description={
                  node.children.length
                    ? t('console.model.deleteHasChildren', { level: t(`console.model.levels.${next ?? 'item'}`) })
                    : t('console.model.deleteConfirm')
                }
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutateAsync(node).catch(() => undefined)}
              >
                <Button size="small" type="link" danger icon={<DeleteOutlined />} data-testid={`model-delete-${node.id}`}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </span>
        ) : null}
      </span>
    );
  };

  let body: ReactNode;
  if (!orgId) body = <Typography.Text type="secondary">{t('console.model.selectOrg')}</Typography.Text>;
  else if (tree.isPending) body = <LoadingBlock />;
  else if (tree.isError) body = <ErrorBlock error={tree.error} onRetry={() => void tree.refetch()} />;
  else if (!nodes.length)
    body = (
      <Empty
        style={{ padding: '32px 0' }}
        description={
          <div data-testid="model-empty">
            <div style={{ fontSize: '1.1em', marginBottom: 4 }}>{t('console.model.emptyTitle')}</div>
            <div style={{ color: 'var(--zl-text-secondary)', maxWidth: 560, margin: '0 auto' }}>{t('console.model.emptyMethod')}</div>
            {canManage ? <div style={{ color: 'var(--zl-text-secondary)', marginTop: 8 }}>{t('console.model.emptyStart')}</div> : null}
          </div>
        }
      />
    );
  else
    body = (
      <div className="zl-model-tree" data-testid="model-tree">
        <Tree<ModelTreeNode>
          blockNode
          showLine
          selectable={false}
          treeData={toTreeData(nodes)}
          expandedKeys={expandedKeys}
          onExpand={(keys) => orgId && setExpandState({ orgId, keys: keys.map(String) })}
          titleRender={(data) => renderTitle(data.model)}
          height={countNodes(nodes) > LARGE_TREE ? 640 : undefined}
        />
      </div>
    );

  return (
    <Row gutter={[16, 16]} data-testid="console-model">
      <Col xs={24} lg={7} xl={6}>
        <Card title={t('console.model.org')} styles={{ body: { padding: 12 } }}>
          <OrgSelect
            value={orgId}
            allowClear={false}
            initialOption={me.orgId && me.orgName ? { id: me.orgId, name: me.orgName } : null}
            placeholder={t('console.model.selectOrg')}
            onChange={(value) => {
              setOrgId(value ?? null);
              setJobId(null);
            }}
            testId="model-org"
          />
          <Typography.Paragraph type="secondary" className="zl-model-method">
            {t('console.model.method')}
          </Typography.Paragraph>
          <ol className="zl-model-steps">
            {(['core', 'module', 'unit', 'item'] as const).map((level) => (
              <li key={level}>
                <Tag color={LEVEL_COLORS[level]}>{t(`console.model.levels.${level}`)}</Tag>
                {t(`console.model.steps.${level}`)}
              </li>
            ))}
          </ol>
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card
          title={orgName ? t('console.model.titleOf', { org: orgName }) : t('console.nav.model')}
          extra={
            orgId ? (
              <Space wrap>
                <Button
                  icon={<DownloadOutlined />}
                  href={apiUrl('/model/export', { orgId })}
                  download
                  disabled={!tree.isSuccess}
                  data-testid="model-export"
                >
                  {t('console.model.export')}
                </Button>
                {canManage ? (
                  <>
                    <ImportButton
                      orgId={orgId}
                      orgName={orgName}
                      itemCount={summary.items}
                      disabled={importing || !tree.isSuccess}
                      onStarted={setJobId}
                    />
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      disabled={!tree.isSuccess}
                      onClick={() => setEditing({ mode: 'create', level: 'core', parent: null })}
                      data-testid="model-add-core"
                    >
                      {t('console.model.addCore')}
                    </Button>
                  </>
                ) : null}
              </Space>
            ) : null
          }
        >
          {orgId && nodes.length ? <Summary summary={summary} /> : null}
          {orgId && jobId ? (
            <ImportJobPanel orgId={orgId} jobId={jobId} onDone={() => setExpandState(null)} onClose={() => setJobId(null)} />
          ) : null}
          {body}
        </Card>
      </Col>
      {orgId ? (
        <ModelNodeModal
          key={editorSeq}
          orgId={orgId}
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={(node) => {
            if (node.parentId) expand(node.parentId);
          }}
        />
      ) : null}
    </Row>
  );
}
