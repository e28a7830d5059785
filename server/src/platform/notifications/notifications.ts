import { sql } from 'kysely';
import { z } from 'zod';
import {
  afterTimeCursor,
  newestFirst,
  newId,
  NotFoundError,
  timeCursorOf,
  timeCursorSchema,
  UnauthenticatedError,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
} from '../../kernel/index.ts';
import type { NotifyInput } from './notify-input.ts';

export type Channel = 'inapp' | 'email' | 'sms';
export const channels: readonly Channel[] = ['inapp', 'email', 'sms'];

interface Recipient {
  id: string;
  email: string | null;
  phone: string | null;
  channels: Channel[];
}

/**
 * 消息通知 (P6.2). `notify` writes through the caller's transaction: the in-app notice and
 * one delivery row per other channel the person chose for the topic (urgent ones go out on
 * every channel they have). The dispatcher sends the deliveries afterwards, with retries.
 */
export class Notifications {
  private readonly db: Database;
  /** the channels this node can deliver on besides in-app (e-mail only with an SMTP server) */
  private readonly outbound: () => ('email' | 'sms')[];

  constructor(db: Database, outbound: () => ('email' | 'sms')[]) {
    this.db = db;
    this.outbound = outbound;
  }

  async notify(tx: Executor, input: NotifyInput): Promise<number> {
    const recipients = await this.recipients(tx, [...new Set(input.recipients)], input.topic);
    let written = 0;
    for (const r of recipients) {
      const id = newId('ntf');
      const inserted = await tx
        .insertInto('notifications')
        .values({
          id,
          account_id: r.id,
          topic: input.topic,
          title: input.title,
          body: input.body,
          link: input.link ?? null,
          urgent: input.urgent ?? false,
          source_type: input.sourceType ?? null,
          source_id: input.sourceId ?? null,
          dedupe_key: input.dedupeKey ?? null,
        })
        .onConflict((oc) => oc.columns(['account_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue; // this effect already happened
      written++;
      const available = this.outbound();
      const wanted = (input.urgent ? channels : r.channels).filter((c) => c !== 'inapp' && available.includes(c));
      const deliveries = [
        wanted.includes('email') && r.email ? { channel: 'email', address: r.email } : null,
        wanted.includes('sms') && r.phone ? { channel: 'sms', address: r.phone } : null,
      ].filter((d) => d !== null);
      if (deliveries.length) {
        await tx
          .insertInto('notification_deliveries')
          .values(
            deliveries.map((d) => ({ id: newId('dlv'), notification_id: id, channel: d.channel, address: d.address, status: 'pending' })),
          )
          .execute();
      }
    }
    return written;
  }

  /** Active accounts with their addresses and the channels chosen for the topic (or for every topic). */
  private async recipients(tx: Executor, ids: string[], topic: string): Promise<Recipient[]> {
    if (!ids.length) return [];
    const rows = await sql<{
      id: string;
      email: string | null;
      phone: string | null;
      topic_channels: Channel[] | null;
      any_channels: Channel[] | null;
    }>`
      select a.id, a.email, a.phone, t.channels as topic_channels, d.channels as any_channels
      from accounts a
      left join notification_preferences t on t.account_id = a.id and t.topic = ${topic}
      left join notification_preferences d on d.account_id = a.id and d.topic = '*'
      where a.id in (${sql.join(ids)}) and a.status = 'active'`.execute(tx);
    return rows.rows.map((r) => ({ id: r.id, email: r.email, phone: r.phone, channels: r.topic_channels ?? r.any_channels ?? ['inapp'] }));
  }
}

export const notificationTopics = [
  { topic: 'message', zh: '普通消息', en: 'Messages' },
  { topic: 'message.urgent', zh: '紧急消息（DING）', en: 'Urgent messages (DING)' },
  { topic: 'instruction.assigned', zh: '批示交办', en: 'Instructions assigned to me' },
  { topic: 'instruction.supervised', zh: '督办与催办', en: 'Supervision and reminders' },
  { topic: 'signature.request', zh: '待我签署', en: 'Documents to sign' },
  { topic: 'app.alert', zh: '应用运行告警', en: 'App availability alerts' },
] as const;

export const preferencesBody = z.strictObject({
  /** a topic, or '*' for every topic without its own choice */
  topic: z.string().regex(/^(\*|[a-z]+(\.[a-z_]+)*)$/, 'notifications.topic_unknown'),
  channels: z
    .array(z.enum(['inapp', 'email', 'sms']))
    .min(1)
    .max(3),
});
export const listQuery = z.strictObject({
  unread: z.enum(['true', 'false']).default('false'),
  cursor: timeCursorSchema('ntf').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export interface NotificationView {
  id: string;
  topic: string;
  title: string;
  body: string;
  link: string | null;
  urgent: boolean;
  sourceType: string | null;
  sourceId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** What a person sees and chooses: their notices, and the channels per topic. */
export class Inbox {
  private readonly db: Database;
  private readonly outbound: () => ('email' | 'sms')[];

  constructor(db: Database, outbound: () => ('email' | 'sms')[]) {
    this.db = db;
    this.outbound = outbound;
  }

  async list(actor: Actor, query: z.infer<typeof listQuery>) {
    const accountId = own(actor);
    let q = this.db.kysely.selectFrom('notifications').selectAll().where('account_id', '=', accountId);
    if (query.unread === 'true') q = q.where('read_at', 'is', null);
    if (query.cursor) q = q.where(afterTimeCursor(query.cursor, sql.ref('created_at'), sql.ref('id')) as never);
    const rows = await q
      .orderBy(newestFirst(sql.ref('created_at'), sql.ref('id')) as never)
      .limit(query.limit + 1)
      .execute();
    const unread = await this.db.kysely
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('account_id', '=', accountId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const items = rows.slice(0, query.limit).map(view);
    return {
      items,
      unread: Number(unread.n),
      nextCursor: rows.length > query.limit ? timeCursorOf(items.at(-1)!.createdAt, items.at(-1)!.id) : null,
    };
  }

  async markRead(actor: Actor, id: string): Promise<NotificationView> {
    const row = await this.db.kysely
      .updateTable('notifications')
      .set({ read_at: sql`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('account_id', '=', own(actor))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new NotFoundError('notifications.not_found', { id });
    return view(row);
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    const result = await this.db.kysely
      .updateTable('notifications')
      .set({ read_at: sql`now()` })
      .where('account_id', '=', own(actor))
      .where('read_at', 'is', null)
      .executeTakeFirst();
    return { marked: Number(result.numUpdatedRows) };
  }

  async preferences(actor: Actor, locale: string) {
    const accountId = own(actor);
    const [account, chosen] = await Promise.all([
      this.db.kysely.selectFrom('accounts').select(['email', 'phone']).where('id', '=', accountId).executeTakeFirstOrThrow(),
      this.db.kysely.selectFrom('notification_preferences').select(['topic', 'channels']).where('account_id', '=', accountId).execute(),
    ]);
    const of = (topic: string) => (chosen.find((c: { topic: string }) => c.topic === topic)?.channels as Channel[] | undefined) ?? null;
    const fallback = of('*') ?? ['inapp'];
    return {
      available: ['inapp', ...this.outbound()] as Channel[],
      email: account.email as string | null,
      hasPhone: Boolean(account.phone),
      default: fallback,
      topics: notificationTopics.map((t) => ({
        topic: t.topic,
        label: locale === 'en' ? t.en : t.zh,
        channels: of(t.topic) ?? fallback,
        own: of(t.topic) !== null,
        alwaysAll: t.topic === 'message.urgent',
      })),
    };
  }

  async choose(actor: Actor, input: z.infer<typeof preferencesBody>, locale: string) {
    const accountId = own(actor);
    if (input.topic !== '*' && !notificationTopics.some((t) => t.topic === input.topic)) {
      throw new ValidationError('notifications.topic_unknown', { topic: input.topic });
    }
    if (!input.channels.includes('inapp')) throw new ValidationError('notifications.inapp_required');
    const account = await this.db.kysely
      .selectFrom('accounts')
      .select(['email', 'phone'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    if (input.channels.includes('email') && !account.email) throw new ValidationError('notifications.no_email');
    if (input.channels.includes('sms') && !account.phone) throw new ValidationError('notifications.no_phone');
    const unavailable = input.channels.filter((c) => c !== 'inapp' && !this.outbound().includes(c));
    if (unavailable.length) throw new ValidationError('notifications.channel_unavailable', { channels: unavailable });
    const channelsJson = JSON.stringify([...new Set(input.channels)]);
    await this.db.kysely
      .insertInto('notification_preferences')
      .values({ account_id: accountId, topic: input.topic, channels: channelsJson })
      .onConflict((oc) => oc.columns(['account_id', 'topic']).doUpdateSet({ channels: channelsJson, updated_at: sql`now()` }))
      .execute();
    return this.preferences(actor, locale);
  }
}

function own(actor: Actor): string {
  if (!actor.accountId) throw new UnauthenticatedError();
  return actor.accountId;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function view(r: any): NotificationView {
  return {
    id: r.id,
    topic: r.topic,
    title: r.title,
    body: r.body,
    link: r.link,
    urgent: r.urgent,
    sourceType: r.source_type,
    sourceId: r.source_id,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}
