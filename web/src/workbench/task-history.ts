import type { TFunction } from 'i18next';
import type { WorkflowHistoryAction, WorkflowHistoryEntry, WorkflowInstance } from '../shared/api-types';
import { formatDateTime } from '../shared/format';

// An instance's history as people read it: who did what, when, at which step.

const ACTION_KEYS = {
  'instance.start': 'instanceStart',
  'task.create': 'taskCreate',
  'task.claim': 'taskClaim',
  'task.unclaim': 'taskUnclaim',
  'task.complete': 'taskComplete',
  'task.delegate': 'taskDelegate',
  'task.return': 'taskReturn',
  'task.cancel': 'taskCancel',
  comment: 'comment',
  'service.run': 'serviceRun',
  'timer.schedule': 'timerSchedule',
  'timer.fire': 'timerFire',
  'message.wait': 'messageWait',
  'message.receive': 'messageReceive',
  'call.start': 'callStart',
  'call.end': 'callEnd',
  'node.join': 'nodeJoin',
  'node.end': 'nodeEnd',
  'time.warning': 'timeWarning',
  'time.overdue': 'timeOverdue',
  'time.escalate': 'timeEscalate',
  'supplement.request': 'supplementRequest',
  'supplement.receive': 'supplementReceive',
  'instance.complete': 'instanceComplete',
  'instance.fail': 'instanceFail',
} as const satisfies Record<WorkflowHistoryAction, string>;

export type HistoryTone = 'blue' | 'green' | 'orange' | 'red' | 'gray';

const TONES: Record<WorkflowHistoryAction, HistoryTone> = {
  'instance.start': 'blue',
  'task.create': 'blue',
  'task.claim': 'blue',
  'task.unclaim': 'gray',
  'task.complete': 'green',
  'task.delegate': 'blue',
  'task.return': 'orange',
  'task.cancel': 'gray',
  comment: 'blue',
  'service.run': 'gray',
  'timer.schedule': 'gray',
  'timer.fire': 'gray',
  'message.wait': 'gray',
  'message.receive': 'blue',
  'call.start': 'gray',
  'call.end': 'gray',
  'node.join': 'gray',
  'node.end': 'gray',
  'time.warning': 'orange',
  'time.overdue': 'red',
  'time.escalate': 'red',
  'supplement.request': 'orange',
  'supplement.receive': 'green',
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

/** The names of the steps (BPMN elements) an instance has been through, by element id: from the names the server gives each entry (and older task.create details) and open tasks. */
export function stepNames(instance: WorkflowInstance): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of instance.history) {
    const name = entry.nodeName ?? record(entry.details)['name'];
    if (entry.nodeId && typeof name === 'string' && name) names.set(entry.nodeId, name);
  }
  for (const task of instance.openTasks) if (task.name) names.set(task.nodeId, task.name);
  return names;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** The first of `keys` that holds a text. */
const firstText = (details: Record<string, unknown>, ...keys: string[]): string | null => {
  for (const key of keys) {
    const found = text(details[key]);
    if (found) return found;
  }
  return null;
};

/** Names in a list of strings or of `{ name }`/`{ displayName }` objects. */
const names = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.map((entry) => text(entry) ?? firstText(record(entry), 'displayName', 'name')).filter((name): name is string => Boolean(name))
    : [];

/**
 * What a person wrote with an entry (a comment, a reason for 退回 or 补正), shown as their
 * words; null when nothing. The details' field names are read leniently (`text`,
 * `comment`, `reason`).
 */
export function entryText(entry: WorkflowHistoryEntry): string | null {
  const details = record(entry.details);
  switch (entry.action) {
    case 'comment':
      return firstText(details, 'text', 'comment');
    case 'task.return':
    case 'task.delegate':
    case 'supplement.receive':
      return firstText(details, 'comment', 'text');
    case 'supplement.request':
      return firstText(details, 'reason', 'comment', 'text');
    default:
      return null;
  }
}

/** A line more about an entry, where its details say something to a person; else null. */
export function entryDetail(
  entry: WorkflowHistoryEntry,
  t: TFunction,
  stepName: (nodeId: string) => string = (nodeId) => nodeId,
): string | null {
  const details = record(entry.details);
  switch (entry.action) {
    case 'instance.start':
      return typeof details['item'] === 'string'
        ? t('workbench.tasks.details.start', { item: details['item'], version: String(details['version'] ?? '') })
        : null;
    case 'service.run':
      return typeof details['handler'] === 'string' ? t('workbench.tasks.details.handler', { handler: details['handler'] }) : null;
    case 'task.return': {
      const to = firstText(details, 'toName', 'toNodeName') ?? (text(details['toNodeId']) ? stepName(String(details['toNodeId'])) : null);
      return to ? t('workbench.tasks.details.returnTo', { step: to }) : null;
    }
    case 'task.delegate': {
      const to = firstText(details, 'toName', 'assigneeName', 'accountName', 'displayName', 'to');
      // An account id says nothing to a reader.
      return to && !/^acc_/.test(to) ? t('workbench.tasks.details.delegateTo', { name: to }) : null;
    }
    case 'time.escalate': {
      const notified = names(details['leaders'] ?? details['notified'] ?? details['accounts']);
      return notified.length ? t('workbench.tasks.details.escalated', { names: notified.join('、') }) : null;
    }
    case 'supplement.receive': {
      const due = text(details['dueAt']);
      return due ? t('workbench.tasks.details.dueMoved', { at: formatDateTime(due) }) : null;
    }
    case 'timer.schedule': {
      const at = firstText(details, 'dueAt', 'fireAt', 'at');
      return at ? t('workbench.tasks.details.timerAt', { at: formatDateTime(at) }) : null;
    }
    case 'message.wait':
    case 'message.receive': {
      const name = firstText(details, 'name', 'message');
      return name ? t('workbench.tasks.details.message', { name }) : null;
    }
    case 'instance.fail':
      if (details['reason'] === 'no_branch') return t('workbench.tasks.details.noBranch');
      if (details['reason'] === 'not_runnable') return t('workbench.tasks.details.notRunnable');
      return typeof details['reason'] === 'string' ? details['reason'] : null;
    default:
      return null;
  }
}
