// The audit chainer in a thread of its own, for nodes on a PostgreSQL server: hashing entries
// onto the chain (SM3 over each entry) and signing checkpoints (SM2) is CPU work that otherwise
// shares the event loop with every request. Its own connection; the head row lock and
// `skip locked` keep it apart from any other chainer (another node, an on-demand flush).
// PGlite is one connection in the main thread, so there the chainer stays on a timer there.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openDatabase } from '../../kernel/index.ts';
import { AuditLog } from './audit.service.ts';

interface ChainerData {
  zhiliAuditChainer: true;
  databaseUrl: string;
  chainEveryMs: number;
  checkpointEveryMs: number;
}

export interface ChainerThread {
  /** Ends the thread after the batch it is on; the caller then chains what is left itself. */
  stop(): Promise<void>;
}

/** Starts the chainer thread; `onError` hears what went wrong in it (it carries on). */
export function startChainerThread(data: Omit<ChainerData, 'zhiliAuditChainer'>, onError: (message: string) => void): ChainerThread {
  const worker = new Worker(new URL(import.meta.url), { workerData: { ...data, zhiliAuditChainer: true } });
  worker.on('message', (message: { error?: string }) => message.error && onError(message.error));
  worker.on('error', (error) => onError(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    async stop() {
      worker.postMessage('stop');
      await exited;
    },
  };
}

async function runChainer({ databaseUrl, chainEveryMs, checkpointEveryMs }: ChainerData): Promise<void> {
  const db = await openDatabase({ databaseUrl, dataDir: '', poolSize: 1 });
  const audit = await new AuditLog(db).open();
  let stopping = false;
  let lastCheckpoint = Date.now();
  parentPort!.on('message', (message) => {
    if (message === 'stop') stopping = true;
  });
  while (!stopping) {
    try {
      await audit.flush();
      if (Date.now() - lastCheckpoint >= checkpointEveryMs) {
        lastCheckpoint = Date.now();
        await audit.checkpoint();
      }
    } catch (error) {
      parentPort!.postMessage({ error: `audit chaining failed: ${(error as Error).message}` });
    }
    await new Promise((resolve) => setTimeout(resolve, chainEveryMs));
  }
  await db.close();
  parentPort!.close();
}

if (!isMainThread && parentPort && (workerData as ChainerData | undefined)?.zhiliAuditChainer) await runChainer(workerData as ChainerData);
