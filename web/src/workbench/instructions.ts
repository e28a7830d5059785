import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api, apiUrl, isApiError } from '../shared/api';
import { formatDue } from './tasks';

// 批示督办 (S1.2 执行链): the shapes of server/src/systems/execution-chain (docs/EXECUTION-CHAIN.md)
// and the queries the desktop and phone pages share.

export type SubjectType = 'case' | 'task' | 'warning' | 'report' | 'document';
export const SUBJECT_TYPES: readonly SubjectType[] = ['report', 'warning', 'document', 'case', 'task'];
/** Objects the platform holds itself: named by id, their title read by the server. The others are free objects named by title. */
export const isHeldSubject = (type: SubjectType) => type === 'case' || type === 'task';

export type Priority = 'normal' | 'important' | 'urgent';
export const PRIORITIES: readonly Priority[] = ['normal', 'important', 'urgent'];

export type InstructionStatus = 'open' | 'completed' | 'cancelled';
export type RecipientStatus = 'assigned' | 'acknowledged' | 'in_progress' | 'done';
/** 红黄绿灯: green on track, yellow due soon, red overdue; completed and cancelled once finished. */
export type Light = 'green' | 'yellow' | 'red' | 'completed' | 'cancelled';
export type InstructionView = 'mine' | 'issued' | 'supervised';
export type TimelineKind =
  'issued' | 'acknowledged' | 'progress' | 'result' | 'supervised' | 'escalated' | 'reminded' | 'completed' | 'reopened' | 'cancelled';

/** An item of GET /instructions. */
export interface InstructionSummary {
  id: string;
  subject: { type: SubjectType; id: string; title: string; link: string | null };
  text: string;
  priority: Priority;
  status: InstructionStatus;
  light: Light;
  /** once finished: done by the deadline or not */
  onTime: boolean | null;
  issuer: { id: string; name: string; orgId: string | null };
  regionCode: string;
  createdAt: string;
  deadline: string;
  completedAt: string | null;
  recipientCount: number;
  doneCount: number;
  /** the recipients' mean progress */
  percent: number;
}

export interface InstructionRecipient {
  id: string;
  kind: 'org' | 'person';
  orgId: string | null;
  accountId: string | null;
  name: string;
  status: RecipientStatus;
  percent: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  completedAt: string | null;
  result: string | null;
  light: Light;
  onTime: boolean | null;
}

/** A file of a 进展反馈 or 办结 report. */
export interface ReportFile {
  id: string;
  name: string;
  mimeType: string;
  size: number;
}

/** One step of the chain, in order; `details` per kind as the server writes them. */
export interface TimelineStep {
  seq: number;
  at: string;
  kind: TimelineKind;
  actor: { id: string | null; name: string };
  recipientId: string | null;
  details: Record<string, unknown>;
}

/** GET /instructions/:id: every recipient's state, the whole chain, and what the viewer may do. */
export interface InstructionDetail extends InstructionSummary {
  recipients: InstructionRecipient[];
  timeline: TimelineStep[];
  /** the recipient rows the viewer may act for (签收, 进展反馈, 办结) */
  mayActFor: string[];
  maySupervise: boolean;
  mayCancel: boolean;
}

/** POST /instructions (with an Idempotency-Key). */
export interface IssueInstructionInput {
  subjectType: SubjectType;
  subjectId: string;
  subjectTitle?: string;
  text: string;
  deadline: string;
  priority: Priority;
  recipients: { orgIds: string[]; accountIds: string[] };
}

export interface ProgressInput {
  recipientId?: string;
  text: string;
  percent: number;
  attachmentIds: string[];
}

export interface ResultInput {
  recipientId?: string;
  text: string;
  attachmentIds: string[];
}

export interface SuperviseInput {
  note: string;
  deadline?: string;
}

/** The server's limits (execution-chain.schemas.ts). */
export const INSTRUCTION_LIMITS = { text: 2000, note: 1000, reason: 500, subjectTitle: 200, minText: 2, files: 10 } as const;

export const instructionKeys = {
  all: ['instructions'] as const,
  list: (view: InstructionView) => ['instructions', 'list', view] as const,
  detail: (id: string) => ['instructions', 'detail', id] as const,
};

export const instructionPath = (id: string, mobile = false) => `${mobile ? '/m' : ''}/workbench/instructions/${encodeURIComponent(id)}`;

/** GET /instructions?view=: mine (addressed to me or my organisation), issued (by me), supervised (in my 督办 scope). */
export function useInstructions(view: InstructionView, enabled = true) {
  return useQuery({
    queryKey: instructionKeys.list(view),
    queryFn: ({ signal }) => api.get<{ items: InstructionSummary[] }>('/instructions', { view }, signal),
    select: (page) => page.items,
    enabled,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}

export function useInstruction(id: string) {
  return useQuery({
    queryKey: instructionKeys.detail(id),
    queryFn: ({ signal }) => api.get<InstructionDetail>(`/instructions/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 0,
  });
}

/** 403 (not the issuer, a recipient or a supervisor) or 404: the page shows the forbidden result. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && (error.status === 403 || error.status === 404);
}

/** POST /instructions with the form's Idempotency-Key; the lists are read again after. */
export function useIssueInstruction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, key }: { input: IssueInstructionInput; key: string }) => api.post<InstructionDetail>('/instructions', input, key),
    onSuccess: (issued) => queryClient.setQueryData(instructionKeys.detail(issued.id), issued),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['instructions', 'list'] }),
  });
}

/**
 * 签收 / 进展反馈 / 办结 / 督办 / 修正 / 撤销 of one instruction. Each answers the instruction
 * as it now stands, which replaces the page's copy; the lists and notices are read again after.
 */
export function useInstructionActions(id: string) {
  const queryClient = useQueryClient();
  const path = `/instructions/${encodeURIComponent(id)}`;
  const done = (answer: InstructionDetail) => queryClient.setQueryData(instructionKeys.detail(id), answer);
  const settled = () => {
    void queryClient.invalidateQueries({ queryKey: ['instructions', 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
  const options = { onSuccess: done, onSettled: settled };
  return {
    acknowledge: useMutation({
      mutationFn: (recipientId?: string) => api.post<InstructionDetail>(`${path}/acknowledge`, recipientId ? { recipientId } : {}),
      ...options,
    }),
    progress: useMutation({
      mutationFn: ({ input, key }: { input: ProgressInput; key: string }) => api.post<InstructionDetail>(`${path}/progress`, input, key),
      ...options,
    }),
    result: useMutation({
      mutationFn: ({ input, key }: { input: ResultInput; key: string }) => api.post<InstructionDetail>(`${path}/result`, input, key),
      ...options,
    }),
    supervise: useMutation({
      mutationFn: (input: SuperviseInput) => api.post<InstructionDetail>(`${path}/supervise`, input),
      ...options,
    }),
    reopen: useMutation({
      mutationFn: (input: { note: string; deadline: string }) => api.post<InstructionDetail>(`${path}/reopen`, input),
      ...options,
    }),
    cancel: useMutation({
      mutationFn: (input: { reason: string }) => api.post<InstructionDetail>(`${path}/cancel`, input),
      ...options,
    }),
  };
}

/** GET /instructions/:id/attachments/:attachmentId: a report's file, for whoever may read the instruction. */
export function reportFileUrl(instructionId: string, fileId: string): string {
  return apiUrl(`/instructions/${encodeURIComponent(instructionId)}/attachments/${encodeURIComponent(fileId)}`);
}

/** The recipient rows the viewer acts for that are not done, the personal row first (as the server picks). */
export function actingRows(detail: InstructionDetail): InstructionRecipient[] {
  return detail.recipients
    .filter((r) => detail.mayActFor.includes(r.id))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'person' ? -1 : 1));
}

// ---- how things look -------------------------------------------------------------------

/** antd Tag colours of the lights (desktop). */
export const LIGHT_TAG_COLORS: Record<Light, string> = {
  green: 'success',
  yellow: 'warning',
  red: 'error',
  completed: 'blue',
  cancelled: 'default',
};

/** antd-mobile Tag colours of the lights (phones). */
export const MOBILE_LIGHT_COLORS: Record<Light, string> = {
  green: 'success',
  yellow: 'warning',
  red: 'danger',
  completed: 'primary',
  cancelled: 'default',
};

/** 绿灯 / 黄灯 / 红灯 / 按期办结 / 超期办结 / 已撤销 */
export function lightLabel(item: Pick<InstructionSummary, 'light' | 'onTime'>, t: TFunction): string {
  if (item.light === 'completed')
    return t(item.onTime === false ? 'workbench.instructions.light.completedLate' : 'workbench.instructions.light.completed');
  return t(`workbench.instructions.light.${item.light}`);
}

/** Timeline dot colours per kind (antd Timeline takes these names or any CSS colour). */
export const STEP_COLORS: Record<TimelineKind, string> = {
  issued: 'blue',
  acknowledged: 'cyan',
  progress: 'blue',
  result: 'green',
  supervised: 'orange',
  escalated: 'red',
  reminded: 'gold',
  completed: 'green',
  reopened: 'orange',
  cancelled: 'gray',
};

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const names = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** What a step says, beyond its kind, actor and time: a detail line, the words written, the files. */
export interface StepView {
  title: string;
  detail: string | null;
  text: string | null;
  files: ReportFile[];
}

export function stepView(step: TimelineStep, t: TFunction): StepView {
  const d = step.details;
  const recipient = str(d['recipient']);
  const k = 'workbench.instructions.step';
  const files = Array.isArray(d['attachments'])
    ? (d['attachments'] as unknown[]).filter((f): f is ReportFile =>
        Boolean(f && typeof f === 'object' && typeof (f as ReportFile).id === 'string'),
      )
    : [];
  const moved = d['deadline'] && typeof d['deadline'] === 'object' ? str((d['deadline'] as { to?: unknown }).to) : null;
  const lines: string[] = [];
  switch (step.kind) {
    case 'issued': {
      const to = names(d['recipients']);
      if (to.length) lines.push(t(`${k}.to`, { names: to.join('、') }));
      const deadline = str(d['deadline']);
      if (deadline) lines.push(t(`${k}.deadline`, { at: formatDeadline(deadline) }));
      break;
    }
    case 'acknowledged':
      if (recipient) lines.push(t(`${k}.for`, { name: recipient }));
      if (d['implied']) lines.push(t(`${k}.implied`));
      break;
    case 'progress': {
      if (recipient) lines.push(t(`${k}.for`, { name: recipient }));
      const percent = num(d['percent']);
      if (percent !== null) lines.push(t(`${k}.percent`, { percent }));
      break;
    }
    case 'result':
      if (recipient) lines.push(t(`${k}.for`, { name: recipient }));
      break;
    case 'supervised':
    case 'reopened':
      if (moved) lines.push(t(`${k}.newDeadline`, { at: formatDeadline(moved) }));
      break;
    case 'escalated': {
      const hours = num(d['overdueHours']);
      if (hours !== null) lines.push(t(`${k}.overdue`, { hours }));
      const pending = names(d['pending']);
      if (pending.length) lines.push(t(`${k}.pending`, { names: pending.join('、') }));
      break;
    }
    case 'reminded': {
      const pending = names(d['pending']);
      if (pending.length) lines.push(t(`${k}.pending`, { names: pending.join('、') }));
      break;
    }
    case 'completed':
      lines.push(t(d['onTime'] === false ? `${k}.late` : `${k}.onTime`));
      break;
    case 'cancelled':
      break;
  }
  return {
    title: t(`workbench.instructions.kind.${step.kind}`),
    detail: lines.length ? lines.join(' · ') : null,
    text: str(d['text']) ?? str(d['note']) ?? str(d['reason']),
    files,
  };
}

/** A deadline as the reader's date and time, without seconds: 2026/11/28 17:30 */
export const formatDeadline = formatDue;

// ---- deadlines in forms ------------------------------------------------------------------

/** `<input type="datetime-local">` text for a Date, in local time: 2026-11-30T17:30 */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `days` days from now at 17:30 (the end of an office day), as datetime-local text. */
export function deadlineInDays(days: number, now = new Date()): string {
  const at = new Date(now);
  at.setDate(at.getDate() + days);
  at.setHours(17, 30, 0, 0);
  return toLocalInput(at);
}

/** Quick picks for a deadline: 3 days, a week, two weeks, a month. */
export const DEADLINE_PRESETS = [3, 7, 14, 30] as const;

/** The instant of a datetime-local text (local time); null when it is not one. */
export function localInputToIso(value: string | undefined | null): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Why a deadline may not be used (missing, not a date, not in the future); null when it may. */
export function checkDeadline(value: string | undefined | null, t: TFunction, required = true): string | null {
  if (!value) return required ? t('workbench.instructions.form.deadlineRequired') : null;
  const iso = localInputToIso(value);
  if (!iso) return t('workbench.instructions.form.deadlineInvalid');
  if (Date.parse(iso) <= Date.now()) return t('workbench.instructions.form.deadlinePast');
  return null;
}

/** A free object's id when the issuer gives none: rpt-20261123-k3x9 */
export function freeSubjectId(type: SubjectType, now = new Date()): string {
  const prefix = { warning: 'wrn', report: 'rpt', document: 'doc', case: 'case', task: 'task' }[type];
  const day = toLocalInput(now).slice(0, 10).replace(/-/g, '');
  return `${prefix}-${day}-${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A refusal naming ids (`chain.unreachable`, `chain.org_out_of_scope`, `chain.unknown_org`)
 * with the names the form knows them by.
 */
export function withNames(message: string, known: ReadonlyMap<string, string>): string {
  let out = message;
  for (const [id, name] of known) out = out.split(id).join(name);
  return out;
}
