import type { TFunction } from 'i18next';
import type { WorkflowHistoryAction, WorkflowHistoryEntry, WorkflowInstance } from '../shared/api-types';

// An instance's history as people read it: who did what, when, at which step.

const ACTION_KEYS = {
  'instance.start': 'instanceStart',
  'task.create': 'taskCreate',
  'task.claim': 'taskClaim',
  'task.unclaim': 'taskUnclaim',
  'task.complete': 'taskComplete',
  'service.run': 'serviceRun',
  'node.join': 'nodeJoin',
  'node.end': 'nodeEnd',
  'instance.complete': 'instanceComplete',
  'instance.fail': 'instanceFail',
} as const satisfies Record<WorkflowHistoryAction, string>;

export type HistoryTone = 'blue' | 'green' | 'red' | 'gray';

const TONES: Record<WorkflowHistoryAction, HistoryTone> = {
  'instance.start': 'blue',
  'task.create': 'blue',
  'task.claim': 'blue',
  'task.unclaim': 'gray',
  'task.complete': 'green',
  'service.run': 'gray',
  'node.join': 'gray',
  'node.end': 'gray',
  'instance.complete': 'green',
  'instance.fail': 'red',
};

const isKnown = (action: string): action is WorkflowHistoryAction => Object.hasOwn(ACTION_KEYS, action);

/** 发起办件, 签收, 办理 …; an action this client does not know yet, as the server names it. */
export function actionLabel(action: string, t: TFunction): string {
  return isKnown(action) ? t(`workbench.tasks.actions.${ACTION_KEYS[action]}`) : action;
}

export function actionTone(action: string): HistoryTone {
  return isKnown(action) ? TONES[action] : 'gray';
}

const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The names of the steps (BPMN elements) an instance has been through, by element id: from its task.create entries and open tasks. */
export function stepNames(instance: WorkflowInstance): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of instance.history) {
    const name = record(entry.details)['name'];
    if (entry.action === 'task.create' && entry.nodeId && typeof name === 'string' && name) names.set(entry.nodeId, name);
  }
  for (const task of instance.openTasks) if (task.name) names.set(task.nodeId, task.name);
  return names;
}

/** A line more about an entry, where its details say something to a person; else null. */
export function entryDetail(entry: WorkflowHistoryEntry, t: TFunction): string | null {
  const details = record(entry.details);
  switch (entry.action) {
    case 'instance.start':
      return typeof details['item'] === 'string'
        ? t('workbench.tasks.details.start', { item: details['item'], version: String(details['version'] ?? '') })
        : null;
    case 'service.run':
      return typeof details['handler'] === 'string' ? t('workbench.tasks.details.handler', { handler: details['handler'] }) : null;
    case 'instance.fail':
      if (details['reason'] === 'no_branch') return t('workbench.tasks.details.noBranch');
      if (details['reason'] === 'not_runnable') return t('workbench.tasks.details.notRunnable');
      return typeof details['reason'] === 'string' ? details['reason'] : null;
    default:
      return null;
  }
}
