import { sql } from 'kysely';
import type { Database, Executor } from './db.ts';
import type { Logger } from './logger.ts';
import { newId } from './ids.ts';

/**
 * Every event the platform publishes, in one map checked at compile time. Modules add
 * their events here so a subscriber's payload type is always right.
 */
export interface PlatformEvents {
  'identity.account.created': { accountId: string; kind: string; orgId: string | null };
  'identity.account.disabled': { accountId: string };
  'identity.account.enabled': { accountId: string };
  'identity.org.created': { orgId: string; regionCode: string };
  'identity.session.ended_everywhere': { accountId: string; sessions: number };
  'audit.checkpoint.signed': { seq: number; hash: string };
  /** 承诺时限 passed: the organisation's leaders are to be told (the notification centre delivers) */
  'workflow.instance.overdue': { instanceId: string; orgId: string; leaderIds: string[] };
}

export type EventName = keyof PlatformEvents;

export interface OutboxTables {
  event_outbox: {
    id: string;
    seq: string | null;
    type: string;
    payload: unknown;
    created_at: string;
    published_at: string | null;
    attempts: number;
    last_error: string | null;
  };
}

/** Written through the caller's transaction: the event exists iff the change committed. */
export async function emit<E extends EventName>(tx: Executor, type: E, payload: PlatformEvents[E]): Promise<void> {
  await (tx as Executor<OutboxTables>)
    .insertInto('event_outbox')
    .values({ id: newId('evt'), type, payload: JSON.stringify(payload) } as never)
    .execute();
}

type Handler<E extends EventName> = (payload: PlatformEvents[E], meta: { id: string; type: E }) => Promise<void> | void;

/** Delivers committed outbox rows to in-process subscribers, at least once, in order. */
export class EventBus {
  private readonly handlers = new Map<EventName, Handler<EventName>[]>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly db: Database;
  private readonly log: Logger;

  constructor(db: Database, log: Logger) {
    this.db = db;
    this.log = log;
  }

  subscribe<E extends EventName>(type: E, handler: Handler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as unknown as Handler<EventName>);
    this.handlers.set(type, list);
  }

  start(intervalMs = 250): void {
    this.timer = setInterval(() => void this.drain(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Publishes what is pending; returns how many events were delivered. */
  drain(): Promise<void> {
    this.running ??= this.deliverPending().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deliverPending(): Promise<void> {
    const db = this.db.kysely as unknown as Executor<OutboxTables>;
    for (;;) {
      const batch = await db
        .selectFrom('event_outbox')
        .select(['id', 'type', 'payload'])
        .where('published_at', 'is', null)
        .where('attempts', '<', 10)
        .orderBy('seq')
        .limit(100)
        .execute();
      if (batch.length === 0) return;
      for (const event of batch) {
        const type = event.type as EventName;
        try {
          for (const handler of this.handlers.get(type) ?? []) {
            await handler(event.payload as never, { id: event.id, type });
          }
          await db
            .updateTable('event_outbox')
            .set({ published_at: sql`now()` as never })
            .where('id', '=', event.id)
            .execute();
        } catch (error) {
          this.log.error({ err: error, eventId: event.id, type }, 'event handler failed');
          await db
            .updateTable('event_outbox')
            .set({ attempts: sql`attempts + 1` as never, last_error: String(error) })
            .where('id', '=', event.id)
            .execute();
        }
      }
    }
  }
}
