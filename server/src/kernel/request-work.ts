import { AsyncLocalStorage } from 'node:async_hooks';
import { withoutLaterMark } from './later.ts';

/**
 * "This request's work has committed", written with the work itself. A request that holds an
 * Idempotency-Key sets a statement here (kernel/idempotency.ts); the database pools run it
 * inside the request's first transaction that commits — in the same commit — or, for a write
 * outside any transaction, just before that write. After a crash a retry can then tell a
 * request that did nothing (its key is freed) from one whose answer alone was lost.
 */
export interface WorkMark {
  text: string;
  values: unknown[];
}

interface RequestWork {
  mark?: WorkMark;
  marked: boolean;
}

const requestWork = new AsyncLocalStorage<RequestWork>();

/** Runs the rest of a request (`next`) with a place for its work mark. */
export function withRequestWork(next: () => void): void {
  requestWork.run({ marked: false }, next);
}

/** Sets the statement that marks this request's work as committed. */
export function setWorkMark(mark: WorkMark): void {
  const work = requestWork.getStore();
  if (work) work.mark = mark;
}

/** The mark still to be written with this request's next commit, if any. */
export function pendingWorkMark(): WorkMark | undefined {
  const work = requestWork.getStore();
  return work?.mark && !work.marked ? work.mark : undefined;
}

/** The mark went out with a commit: later transactions of the request need not repeat it. */
export function workMarked(): void {
  const work = requestWork.getStore();
  if (work) work.marked = true;
}

/** Whether a statement is Kysely's BEGIN (or START TRANSACTION with its settings). */
export function isTransactionStart(text: string): boolean {
  return /^(begin|start transaction\b.*)$/i.test(text);
}

/** Whether a statement outside a transaction writes (and so commits work of its own). */
export function isWrite(statement: string): boolean {
  const text = withoutLaterMark(statement);
  return /^\s*(insert|update|delete|merge)\b/i.test(text) || /^\s*with\b[\s\S]*\b(insert\s+into|update\s+\w|delete\s+from)\b/i.test(text);
}
