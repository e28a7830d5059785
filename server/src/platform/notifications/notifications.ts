import { sql } from 'kysely';
import { newId, type Executor } from '../../kernel/index.ts';
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
      const wanted = input.urgent ? channels : r.channels;
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
