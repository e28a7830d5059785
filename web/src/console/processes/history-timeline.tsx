import { Empty, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessHistoryEntry } from '../../shared/api-types';
import { formatDateTime } from '../../shared/format';

/** The history actions of docs/WORKFLOW.md; anything else a newer server records is shown as it is. */
const KNOWN_ACTIONS = [
  'instance.start',
  'instance.complete',
  'instance.fail',
  'task.create',
  'task.claim',
  'task.unclaim',
  'task.complete',
  'task.delegate',
  'task.return',
  'task.cancel',
  'comment',
  'service.run',
  'timer.schedule',
  'timer.fire',
  'message.wait',
  'message.receive',
  'call.start',
  'call.end',
  'node.join',
  'node.end',
  'time.warning',
  'time.overdue',
  'time.escalate',
  'supplement.request',
  'supplement.receive',
] as const;

type KnownAction = (typeof KNOWN_ACTIONS)[number];

const isKnown = (action: string): action is KnownAction => (KNOWN_ACTIONS as readonly string[]).includes(action);

function actionColor(action: string): string {
  if (['instance.fail', 'time.overdue', 'time.escalate'].includes(action)) return 'red';
  if (['time.warning', 'supplement.request', 'task.return'].includes(action)) return 'orange';
  if (['instance.complete', 'task.complete', 'supplement.receive'].includes(action)) return 'green';
  if (action.startsWith('node.') || action.startsWith('timer.') || action.startsWith('message.')) return 'gray';
  return 'blue';
}

/** What a person wrote (a comment, a reason), then the rest of the details as `key: value`. */
function describe(details: unknown): { said: string | null; rest: string | null } {
  if (details === null || details === undefined) return { said: null, rest: null };
  if (typeof details !== 'object' || Array.isArray(details)) return { said: null, rest: JSON.stringify(details) };
  let said: string | null = null;
  const rest: string[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (value === null || value === undefined || value === '') continue;
    if (!said && ['comment', 'text', 'reason'].includes(key) && typeof value === 'string') said = value;
    else rest.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return { said, rest: rest.length ? rest.join('；') : null };
}

/** 办理记录: who did what, when, on which step — oldest first. */
export function HistoryTimeline({ history, nodeNames }: { history: ProcessHistoryEntry[]; nodeNames: ReadonlyMap<string, string> }) {
  const { t } = useTranslation();
  if (!history.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consoleWorkflow.instance.noHistory')} />;
  return (
    <Timeline
      data-testid="instance-history"
      items={history.map((entry, index) => {
        const { said, rest } = describe(entry.details);
        return {
          key: index,
          color: actionColor(entry.action),
          children: (
            <div className="zl-history-row" data-testid="instance-history-row" data-action={entry.action}>
              <div className="zl-history-head">
                <strong>
                  {isKnown(entry.action) ? t(`consoleWorkflow.actions.${entry.action}`) : <span className="zl-mono">{entry.action}</span>}
                </strong>
                {entry.nodeId ? <Tag title={entry.nodeId}>{nodeNames.get(entry.nodeId) ?? entry.nodeId}</Tag> : null}
                <span>{entry.actor ?? t('consoleWorkflow.instance.system')}</span>
              </div>
              <div className="zl-history-meta">{formatDateTime(entry.at)}</div>
              {said ? <Typography.Text italic>“{said}”</Typography.Text> : null}
              {rest ? <div className="zl-history-meta zl-mono">{rest}</div> : null}
            </div>
          ),
        };
      })}
    />
  );
}
