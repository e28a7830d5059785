import { useEffect, useRef, useState } from 'react';
import { ExpandOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useTranslation } from 'react-i18next';
import { canvasOf, replaceMarkers, withDiagram } from '../process-design/bpmn-services';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import '../bpmn.css';

/**
 * The BPMN diagram an instance runs, read-only (pan and zoom), with its current steps marked
 * `zl-node-active` (blue) and its completed ones `zl-node-done` (green) — classes on each
 * element's `g.djs-element[data-element-id]`.
 */
export function InstanceDiagram({
  xml,
  activeNodeIds,
  completedNodeIds,
}: {
  xml: string;
  activeNodeIds: string[];
  completedNodeIds: string[];
}) {
  const { t } = useTranslation();
  const [container, setContainer] = useState<HTMLDivElement | null>(null);
  const [viewer, setViewer] = useState<NavigatedViewer | null>(null);
  const [imported, setImported] = useState<{ viewer: NavigatedViewer; xml: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const marks = useRef<{ active: string[]; done: string[] }>({ active: [], done: [] });

  useEffect(() => {
    if (!container) return;
    const instance = new NavigatedViewer({ container });
    setViewer(instance);
    return () => {
      instance.destroy();
      setViewer(null);
    };
  }, [container]);

  useEffect(() => {
    if (!viewer) return;
    let cancelled = false;
    withDiagram(xml)
      .then((drawn) => viewer.importXML(drawn))
      .then(() => {
        if (cancelled) return;
        canvasOf(viewer).zoom('fit-viewport', 'auto');
        marks.current = { active: [], done: [] };
        setImported({ viewer, xml });
        setError(null);
      })
      .catch((cause: unknown) => {
        if (!cancelled) setError(cause instanceof Error ? cause.message : String(cause));
      });
    return () => {
      cancelled = true;
    };
  }, [viewer, xml]);

  const ready = imported && imported.viewer === viewer && imported.xml === xml ? viewer : null;
  // A step both done and current (a loop came back to it) shows as current.
  const activeKey = activeNodeIds.join('\n');
  const doneKey = completedNodeIds.filter((id) => !activeNodeIds.includes(id)).join('\n');
  useEffect(() => {
    if (!ready) return;
    const split = (key: string) => (key ? key.split('\n') : []);
    marks.current.done = replaceMarkers(ready, 'zl-node-done', marks.current.done, split(doneKey));
    marks.current.active = replaceMarkers(ready, 'zl-node-active', marks.current.active, split(activeKey));
  }, [ready, activeKey, doneKey]);

  return (
    <div>
      <div className="zl-toolbar" style={{ justifyContent: 'space-between' }}>
        <Space size="large">
          <span className="zl-instance-legend">
            <span className="zl-instance-legend-swatch zl-node-active" />
            {t('consoleWorkflow.instance.legendActive')}
          </span>
          <span className="zl-instance-legend">
            <span className="zl-instance-legend-swatch zl-node-done" />
            {t('consoleWorkflow.instance.legendDone')}
          </span>
        </Space>
        <Button
          size="small"
          icon={<ExpandOutlined />}
          disabled={!ready}
          onClick={() => ready && canvasOf(ready).zoom('fit-viewport', 'auto')}
        >
          {t('consoleWorkflow.instance.fit')}
        </Button>
      </div>
      {error ? (
        <Alert
          type="error"
          showIcon
          message={t('consoleWorkflow.instance.diagramFailed', { reason: error })}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <div
        ref={setContainer}
        className="zl-bpmn zl-instance-diagram"
        data-testid="instance-diagram"
        data-ready={ready ? 'true' : 'false'}
      />
    </div>
  );
}
