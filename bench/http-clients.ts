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

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const latencies: number[] = [];
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    spec.sessions.map(async (session, client) => {
      while (issued < spec.total) {
        issued++;
        let t0 = performance.now();
        if (spec.kind === 'submissions') {
          await call(spec.base, session, 'POST', '/api/v1/cases', spec.body, `bench-b2-${client}-${issued}`);
          latencies.push(performance.now() - t0);
          continue;
        }
        const instance = await call(spec.base, session, 'POST', '/api/v1/workflow/instances', {
          itemId: spec.itemId,
          variables: { amount: 1000 },
        });
        latencies.push(performance.now() - t0);
        let next: { id: string }[] = instance.openTasks;
        while (next.length) {
          t0 = performance.now();
          const completed = await call(spec.base, session, 'POST', `/api/v1/workflow/tasks/${next[0]!.id}/complete`, {
            variables: { ok: true },
          });
          latencies.push(performance.now() - t0);
          next = completed.nextTasks;
          if (!next.length && completed.instanceStatus !== 'completed') throw new Error('instance did not complete');
        }
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

if (!isMainThread && parentPort) parentPort.postMessage(await runLoad(workerData as LoadSpec));
