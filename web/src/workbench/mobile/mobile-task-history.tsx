import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import type { WorkflowInstance } from '../../shared/api-types';
import { formatDateTime } from '../../shared/format';
import { actionLabel, entryDetail, entryText, stepNames } from '../task-history';
import '../tasks.css';

/** 流转记录 on a phone: the instance's history, newest first (the latest is what a reader wants on a small screen). */
export function MobileTaskHistory({ instance }: { instance: WorkflowInstance }) {
  const { t } = useTranslation();
  const names = stepNames(instance);
  const entries = [...instance.history].reverse();
  return (
    <List header={t('workbench.tasks.history')} data-testid="task-history">
      {entries.length ? (
        entries.map((entry, index) => {
          const step = entry.nodeId ? (names.get(entry.nodeId) ?? entry.nodeId) : null;
          const detail = entryDetail(entry, t, (nodeId) => names.get(nodeId) ?? nodeId);
          const words = entryText(entry);
          return (
            <List.Item
              key={`${entry.at}-${index}`}
              description={
                <>
                  {detail ? <div>{detail}</div> : null}
                  {words ? (
                    <blockquote className="zl-history-text" data-testid="history-text">
                      {words}
                    </blockquote>
                  ) : null}
                  <div>
                    {entry.actor ?? t('workbench.tasks.system')} · {formatDateTime(entry.at)}
                  </div>
                </>
              }
              data-testid="history-entry"
              data-action={entry.action}
            >
              {actionLabel(entry.action, t)}
              {step ? ` · ${step}` : ''}
            </List.Item>
          );
        })
      ) : (
        <List.Item>{t('workbench.tasks.noHistory')}</List.Item>
      )}
    </List>
  );
}
