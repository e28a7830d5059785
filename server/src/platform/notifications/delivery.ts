import type { Transporter } from 'nodemailer';
import { sql } from 'kysely';
import type { Database, Logger } from '../../kernel/index.ts';

/** An SMS gateway (短信平台). Each province contracts its own; the interface is all Zhili needs. */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/** The default provider: writes each message to the log, the number masked. */
export class LoggingSmsProvider implements SmsProvider {
  readonly name = 'log';
  readonly sent: { phone: string; text: string }[] = [];
  private readonly log: Logger;

  constructor(log: Logger) {
    this.log = log;
  }

  async send(phone: string, text: string): Promise<void> {
    this.sent.push({ phone, text });
    this.log.info({ phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, text }, 'sms (logging provider)');
  }
}

export interface MailSender {
  send(to: string, subject: string, text: string): Promise<void>;
}

/**
 * E-mail over SMTP (nodemailer), from the configured address. nodemailer is loaded at the
 * first e-mail (it costs ~25 MB of memory, and most nodes send none at start).
 */
export function smtpSender(smtpUrl: string, from: string): MailSender {
  let transport: Promise<Transporter> | undefined;
  return {
    async send(to, subject, text) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(smtpUrl));
      await (await transport).sendMail({ from, to, subject, text });
    },
  };
}

interface DueDelivery {
  id: string;
  channel: 'email' | 'sms';
  address: string;
  attempts: number;
  title: string;
  body: string;
  link: string | null;
}

const maxAttempts = 6;

/**
 * Works off the delivery rows: claims a batch (moving its next attempt on, so a crash only
 * delays it), sends, marks sent. At least once: a crash between sending and marking sends
 * that one again; after six failures a delivery is given up and marked failed.
 */
export class NotificationDispatcher {
  private readonly db: Database;
  private readonly mail: MailSender | null;
  private readonly sms: SmsProvider;
  private readonly publicUrl: string;
  private readonly log: Logger;
  private running: Promise<number> | null = null;

  constructor(deps: { db: Database; mail: MailSender | null; sms: SmsProvider; publicUrl: string; log: Logger }) {
    this.db = deps.db;
    this.mail = deps.mail;
    this.sms = deps.sms;
    this.publicUrl = deps.publicUrl;
    this.log = deps.log;
  }

  get channels(): ('email' | 'sms')[] {
    return this.mail ? ['email', 'sms'] : ['sms'];
  }

  /** One pass at a time; returns how many were sent. */
  deliverDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  private async pass(): Promise<number> {
    const due = await this.db.kysely.transaction().execute(async (tx) => {
      const rows = await sql<DueDelivery>`
        select d.id, d.channel, d.address, d.attempts, n.title, n.body, n.link
        from notification_deliveries d join notifications n on n.id = d.notification_id
        where d.status = 'pending' and d.next_attempt_at <= now()
        order by d.next_attempt_at limit 50 for update of d skip locked`.execute(tx);
      if (rows.rows.length) {
        await sql`update notification_deliveries set attempts = attempts + 1,
            next_attempt_at = now() + make_interval(secs => 30 * power(2, attempts))
          where id in (${sql.join(rows.rows.map((r) => r.id))})`.execute(tx);
      }
      return rows.rows;
    });
    let sent = 0;
    for (const d of due) {
      try {
        await this.send(d);
        await sql`update notification_deliveries set status = 'sent', sent_at = now(), last_error = null where id = ${d.id}`.execute(
          this.db.kysely,
        );
        sent++;
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        const failed = d.attempts + 1 >= maxAttempts;
        this.log.warn({ delivery: d.id, channel: d.channel, err: message, gaveUp: failed }, 'notification delivery failed');
        await sql`update notification_deliveries set last_error = ${message.slice(0, 500)},
            status = ${failed ? 'failed' : 'pending'} where id = ${d.id}`.execute(this.db.kysely);
      }
    }
    return sent;
  }

  private async send(d: DueDelivery): Promise<void> {
    const url = d.link ? `${this.publicUrl}${d.link}` : null;
    if (d.channel === 'sms') {
      await this.sms.send(d.address, `【浙里治理】${d.title}：${d.body}`.slice(0, 300));
      return;
    }
    if (!this.mail) throw new Error('no SMTP server configured (ZHILI_SMTP_URL)');
    await this.mail.send(d.address, d.title, url ? `${d.body}\n\n${url}` : d.body);
  }
}
