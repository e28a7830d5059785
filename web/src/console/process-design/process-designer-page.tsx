import { useCallback, useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  NodeIndexOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Row, Space, Table, Tag, Tooltip, Typography, Upload, type TableColumnsType } from 'antd';
import Modeler from 'bpmn-js/lib/Modeler';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../shared/api';
import type { ItemVersion, ProcessCheckResult, ProcessDeployResult, ProcessProblem } from '../../shared/api-types';
import { hasPermission, useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { canOpen } from '../sections';
import {
  blankProcessXml,
  canvasOf,
  registryOf,
  replaceMarkers,
  withDiagram,
  type DiagramElement,
  type SelectionService,
} from './bpmn-services';
import { ProblemsTable } from './problems-table';
import { itemDefinitionKey, problemsOf, processCheckPath, processDeployPath, useItemDefinition, useProcessXml } from './process-queries';
import { PropertiesPanel } from './properties-panel';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '../bpmn.css';

/** What the canvas holds: a deployed version, a new blank process, or a file the user imported. */
type Shown = { kind: 'version'; version: number } | { kind: 'blank' } | { kind: 'file'; name: string };

/** Which deployed version (null: a blank process) to open; `seq` makes "open it again" a new request. */
interface Target {
  version: number | null;
  seq: number;
}

const targetKey = (target: Target) => `${target.version ?? 'blank'}#${target.seq}`;

/** 流程设计 (P5.2/P5.4): an item's BPMN process in bpmn-js — validate, deploy, import, export. */
export function ProcessDesignerPage() {
  const { itemId = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const me = useMe();
  const canDeploy = hasPermission(me, 'model.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const definition = useItemDefinition(itemId);

  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [modeler, setModeler] = useState<Modeler | null>(null);
  const [chosen, setChosen] = useState<Target | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [dirty, setDirty] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selected, setSelected] = useState<DiagramElement | null>(null);
  const [revision, setRevision] = useState(0);
  const [problems, setProblems] = useState<ProcessProblem[] | null>(null);
  /** what was last put on this modeler's canvas (so a re-render does not import it again) */
  const loadedKey = useRef<{ modeler: Modeler; key: string } | null>(null);
  /** true while importing: the import's own command-stack events are not edits */
  const quiet = useRef(false);
  const problemMarks = useRef<string[]>([]);

  // Until the user picks a version, the latest deployed one (or a blank process).
  const latest = definition.data ? (definition.data.process?.version ?? null) : undefined;
  const target: Target | null = chosen ?? (latest === undefined ? null : { version: latest, seq: 0 });
  const xml = useProcessXml(itemId, target?.version);
  const itemName = definition.data?.name ?? '';

  useEffect(() => {
    if (!container) return;
    const instance = new Modeler({ container, moddleExtensions: { camunda } });
    instance.on('commandStack.changed', () => {
      if (!quiet.current) setDirty(true);
    });
    instance.on('selection.changed', (event: { newSelection: DiagramElement[] }) => {
      const [first] = event.newSelection;
      setSelected(event.newSelection.length === 1 && first ? (first.labelTarget ?? first) : null);
    });
    instance.on('elements.changed', () => setRevision((n) => n + 1));
    setModeler(instance);
    return () => {
      instance.destroy();
      setModeler(null);
    };
  }, [container]);

  const show = useCallback(async (diagram: Modeler, source: string, what: Shown) => {
    quiet.current = true;
    try {
      await diagram.importXML(await withDiagram(source));
    } finally {
      quiet.current = false;
    }
    canvasOf(diagram).zoom('fit-viewport', 'auto');
    problemMarks.current = [];
    setShown(what);
    setDirty(what.kind === 'file');
    setSelected(null);
    setProblems(null);
    setLoadError(null);
  }, []);

  // Open the target on the canvas once its XML is here.
  const key = target ? targetKey(target) : null;
  const targetVersion = target?.version;
  useEffect(() => {
    if (!modeler || !key || targetVersion === undefined) return;
    if (loadedKey.current?.modeler === modeler && loadedKey.current.key === key) return;
    const source = targetVersion === null ? blankProcessXml(itemId, itemName, t('consoleWorkflow.designer.startName')) : xml.data;
    if (source === undefined) return;
    loadedKey.current = { modeler, key };
    // From now on the canvas keeps this target: a version someone else deploys meanwhile does not replace it.
    if (!chosen) setChosen(target);
    show(modeler, source, targetVersion === null ? { kind: 'blank' } : { kind: 'version', version: targetVersion }).catch(
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, [modeler, key, targetVersion, xml.data, itemId, itemName, show, t, chosen, target]);

  // Problems found are marked red on the canvas.
  useEffect(() => {
    if (!modeler) return;
    const ids = (problems ?? []).flatMap((problem) => (problem.elementId ? [problem.elementId] : []));
    problemMarks.current = replaceMarkers(modeler, 'zl-node-problem', problemMarks.current, ids);
  }, [modeler, problems]);

  // Leaving the page with changes not deployed asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const currentXml = async (): Promise<string> => {
    if (!modeler) throw new Error('modeler not ready');
    const { xml: saved } = await modeler.saveXML({ format: true });
    return saved ?? '';
  };

  const selectElement = (elementId: string) => {
    if (!modeler) return;
    const element = registryOf(modeler).get(elementId);
    if (!element) return;
    modeler.get<SelectionService>('selection').select(element);
    canvasOf(modeler).scrollToElement(element);
  };

  const check = useMutation({
    mutationFn: async () => api.post<ProcessCheckResult>(processCheckPath(itemId), { bpmnXml: await currentXml() }),
    onSuccess: (result) => {
      setProblems(result.problems);
      if (result.problems.length) void message.warning(t('consoleWorkflow.designer.problemsFound', { n: result.problems.length }));
      else void message.success(t('consoleWorkflow.designer.valid'));
    },
    onError: (error) => {
      const found = problemsOf(error);
      if (found) setProblems(found);
      void message.error(found ? t('consoleWorkflow.designer.problemsFound', { n: found.length }) : errorMessage(error, t));
    },
  });

  const deploy = useMutation({
    mutationFn: async () => api.post<ProcessDeployResult>(processDeployPath(itemId), { bpmnXml: await currentXml() }),
    onSuccess: (result) => {
      // The canvas already shows what was deployed: record it as that version without importing it again.
      const next: Target = { version: result.version, seq: (chosen?.seq ?? 0) + 1 };
      if (modeler) loadedKey.current = { modeler, key: targetKey(next) };
      setChosen(next);
      setShown({ kind: 'version', version: result.version });
      setDirty(false);
      setProblems(null);
      void message.success(
        result.created
          ? t('consoleWorkflow.designer.deployed', { version: result.version })
          : t('consoleWorkflow.designer.unchanged', { version: result.version }),
      );
      void queryClient.invalidateQueries({ queryKey: itemDefinitionKey(itemId) });
      void queryClient.invalidateQueries({ queryKey: ['model', 'tree'] });
    },
    onError: (error) => {
      const found = problemsOf(error);
      if (found) setProblems(found);
      void message.error(found ? t('consoleWorkflow.designer.deployRefused', { n: found.length }) : errorMessage(error, t));
    },
  });

  const importFile = async (file: File) => {
    if (!modeler) return;
    try {
      await show(modeler, await file.text(), { kind: 'file', name: file.name });
      void message.success(t('consoleWorkflow.designer.imported', { name: file.name }));
    } catch (error) {
      void message.error(t('consoleWorkflow.designer.importFailed', { reason: error instanceof Error ? error.message : String(error) }));
    }
  };

  const exportFile = async () => {
    try {
      const blob = new Blob([await currentXml()], { type: 'application/xml' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${itemName || itemId}${shown?.kind === 'version' ? `-v${shown.version}` : ''}.bpmn`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      void message.error(errorMessage(error, t));
    }
  };

  const open = (version: number) => {
    const go = () => setChosen({ version, seq: (chosen?.seq ?? 0) + 1 });
    if (!dirty) return go();
    modal.confirm({
      title: t('consoleWorkflow.designer.unsaved'),
      content: t('consoleWorkflow.designer.replaceConfirm', { version }),
      okText: t('consoleWorkflow.designer.versions.open'),
      cancelText: t('common.cancel'),
      onOk: go,
    });
  };

  /** Leaves the page, asking first while there are changes not deployed. */
  const leave = (path: string) => {
    if (!dirty) return navigate(path);
    modal.confirm({
      title: t('consoleWorkflow.designer.unsaved'),
      content: t('consoleWorkflow.designer.leaveConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => navigate(path),
    });
  };

  const busy = check.isPending || deploy.isPending;
  const ready = Boolean(modeler && shown);
  const versionColumns: TableColumnsType<ItemVersion> = [
    {
      title: t('consoleWorkflow.designer.versions.version'),
      dataIndex: 'version',
      key: 'version',
      render: (version: number, row) => (
        <Tooltip title={row.deployedBy ? `${t('consoleWorkflow.designer.versions.deployedBy')}: ${row.deployedBy}` : undefined}>
          <Space size={4}>
            <strong>v{version}</strong>
            {version === latest ? <Tag color="green">{t('consoleWorkflow.designer.versions.latest')}</Tag> : null}
          </Space>
        </Tooltip>
      ),
    },
    {
      title: t('consoleWorkflow.designer.versions.deployedAt'),
      dataIndex: 'deployedAt',
      key: 'deployedAt',
      render: (at: string) => <span className="zl-process-version-at">{formatDateTime(at)}</span>,
    },
    {
      key: 'open',
      width: 64,
      render: (_, row) =>
        shown?.kind === 'version' && shown.version === row.version ? (
          <CheckCircleOutlined className="zl-process-version-current" />
        ) : (
          <Button size="small" type="link" onClick={() => open(row.version)} data-testid={`process-open-version-${row.version}`}>
            {t('consoleWorkflow.designer.versions.open')}
          </Button>
        ),
    },
  ];

  if (definition.isError) return <ErrorBlock error={definition.error} onRetry={() => void definition.refetch()} />;

  return (
    <Card
      title={itemName ? t('consoleWorkflow.designer.title', { name: itemName }) : t('consoleWorkflow.model.processDesign')}
      extra={
        <Space wrap>
          {canOpen(me, 'processes') ? (
            <Button
              icon={<NodeIndexOutlined />}
              onClick={() => leave(`/console/processes?itemId=${encodeURIComponent(itemId)}`)}
              data-testid="process-instances-link"
            >
              {t('consoleWorkflow.designer.instances')}
            </Button>
          ) : null}
          <Button icon={<ArrowLeftOutlined />} onClick={() => leave('/console/model')} data-testid="process-back">
            {t('consoleWorkflow.designer.back')}
          </Button>
        </Space>
      }
      data-testid="process-designer"
    >
      <div className="zl-toolbar zl-process-toolbar">
        <Space wrap>
          <Upload
            accept=".bpmn,.xml,application/xml,text/xml"
            showUploadList={false}
            fileList={[]}
            disabled={!ready || busy}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
            data-testid="process-import"
          >
            <Button icon={<UploadOutlined />} disabled={!ready || busy}>
              {t('consoleWorkflow.designer.import')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} disabled={!ready} onClick={() => void exportFile()} data-testid="process-export">
            {t('consoleWorkflow.designer.export')}
          </Button>
          <Button
            icon={<CheckCircleOutlined />}
            disabled={!ready}
            loading={check.isPending}
            onClick={() => check.mutate()}
            data-testid="process-validate"
          >
            {t('consoleWorkflow.designer.validate')}
          </Button>
          {canDeploy ? (
            <Button
              type="primary"
              icon={<CloudUploadOutlined />}
              disabled={!ready || check.isPending}
              loading={deploy.isPending}
              onClick={() => deploy.mutate()}
              data-testid="process-deploy"
            >
              {t('consoleWorkflow.designer.deploy')}
            </Button>
          ) : null}
        </Space>
        <Space wrap className="zl-process-state">
          {shown ? (
            <Tag color={shown.kind === 'version' ? 'blue' : 'default'} data-testid="process-shown">
              {shown.kind === 'version'
                ? t('consoleWorkflow.designer.showing', { version: shown.version })
                : shown.kind === 'blank'
                  ? t('consoleWorkflow.designer.blank')
                  : shown.name}
            </Tag>
          ) : null}
          {dirty ? (
            <Tag color="orange" data-testid="process-dirty">
              {t('consoleWorkflow.designer.unsaved')}
            </Tag>
          ) : null}
        </Space>
      </div>
      {canDeploy ? null : <Alert type="info" showIcon message={t('consoleWorkflow.designer.readOnly')} style={{ marginBottom: 12 }} />}
      {xml.isError ? <ErrorBlock error={xml.error} onRetry={() => void xml.refetch()} /> : null}
      {loadError ? (
        <Alert
          type="error"
          showIcon
          message={t('consoleWorkflow.designer.loadFailed', { reason: loadError })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <div className="zl-process-canvas-wrap">
            <div ref={setContainer} className="zl-bpmn zl-process-canvas" data-testid="process-canvas" />
            {ready ? null : (
              <div className="zl-process-canvas-loading">
                <LoadingBlock />
              </div>
            )}
          </div>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title={t('consoleWorkflow.designer.props.title')} className="zl-process-side">
            <PropertiesPanel key={`${selected?.id ?? ''}#${revision}`} element={selected} diagram={modeler} readOnly={!canDeploy} />
          </Card>
          <Card size="small" title={t('consoleWorkflow.designer.versions.title')} className="zl-process-side">
            <Table<ItemVersion>
              size="small"
              columns={versionColumns}
              dataSource={definition.data?.processVersions ?? []}
              loading={definition.isPending}
              rowKey="version"
              pagination={(definition.data?.processVersions.length ?? 0) > 8 ? { pageSize: 8, size: 'small' } : false}
              locale={{ emptyText: t('consoleWorkflow.designer.versions.none') }}
              data-testid="process-versions"
            />
          </Card>
        </Col>
      </Row>
      {problems ? (
        <div className="zl-process-problems">
          <Typography.Title level={5}>{t('consoleWorkflow.designer.problems.title')}</Typography.Title>
          {problems.length ? (
            <ProblemsTable problems={problems} onSelect={selectElement} />
          ) : (
            <Alert type="success" showIcon message={t('consoleWorkflow.designer.valid')} data-testid="process-valid" />
          )}
        </div>
      ) : null}
    </Card>
  );
}
