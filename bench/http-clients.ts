// HTTP load from another thread: the clients' own work (undici, JSON) runs beside the server,
// not on its event loop — as real clients, on their own machines, would. PGlite runs on the
// server's thread, so a client in that thread took its time from the database too.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

export interface ClientSession {
  cookie: string;
  csrfToken: string;
}

export type LoadSpec =
  /** B2: each client submits applications (POST /api/v1/cases), each with its own Idempotency-Key */
  | { kind: 'submissions'; base: string; sessions: ClientSession[]; total: number; body: unknown }
  /** B3: each client starts an instance and completes its tasks one after another until it ends */
  | { kind: 'workflow'; base: string; sessions: ClientSession[]; total: number; itemId: string };

export interface LoadResult {
  seconds: number;
  /** one a request (B2) or a step (B3), in ms */
  latencies: number[];
}

/** Runs the load in a worker thread and resolves with what it measured there. */
export function loadFromWorker(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: spec });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}

async function call(base: string, session: ClientSession, method: string, path: string, body: unknown, key?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
  return response.json() as Promise<any>;
}

/**
 * `clients` loops at once, together doing `total` units of work; `time` measures one request or
 * step of a unit. Used in the worker over HTTP and by the benches in process alike.
 */
export async function runClients(
  clients: number,
  total: number,
  unit: (client: number, n: number, time: <T>(step: () => Promise<T>) => Promise<T>) => Promise<void>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const time = async <T>(step: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await step();
    latencies.push(performance.now() - t0);
    return result;
  };
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (issued < total) await unit(client, ++issued, time);
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

interface Step {
  openTasks?: { id: string }[];
  nextTasks?: { id: string }[];
  instanceStatus?: string;
}

/** B3's unit: start an instance, then complete its next task until none is left; each step timed. */
export async function runApproval(
  time: <T>(step: () => Promise<T>) => Promise<T>,
  start: () => Promise<Step>,
  complete: (taskId: string) => Promise<Step>,
): Promise<void> {
  let next = (await time(start)).openTasks ?? [];
  while (next.length) {
    const completed = await time(() => complete(next[0]!.id));
    next = completed.nextTasks ?? [];
    if (!next.length && completed.instanceStatus !== 'completed') throw new Error('instance did not complete');
  }
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return runClients(spec.sessions.length, spec.total, async (client, n, time) => {
    const session = spec.sessions[client]!;
    if (spec.kind === 'submissions') {
      await time(() => call(spec.base, session, 'POST', '/api/v1/cases', spec.body, `bench-b2-${client}-${n}`));
      return;
    }
    await runApproval(
      time,
      () => call(spec.base, session, 'POST', '/api/v1/workflow/instances', { itemId: spec.itemId, variables: { amount: 1000 } }),
      (taskId) => call(spec.base, session, 'POST', `/api/v1/workflow/tasks/${taskId}/complete`, { variables: { ok: true } }),
    );
  });
}

if (!isMainThread && parentPort) parentPort.postMessage(await runLoad(workerData as LoadSpec));
