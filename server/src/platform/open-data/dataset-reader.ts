import { AppError, ForbiddenError, NotFoundError, type Actor } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { RecordStore } from '../catalog/index.ts';
import type { ApiKeyService, KeyHolder } from './api-keys.service.ts';
import type { ApplicationService } from './applications.service.ts';
import { packageName } from './ckan.ts';
import type { PublishedCatalog, PublishedResource } from './published.ts';

/** Record and download calls a minute: per IP without a key, per key with one. */
export const defaultRateLimits = { anonymous: 60, key: 600 };

type Row = Record<string, unknown>;

interface Reader {
  /** The person reading: a key's holder, or the logged-in account; null for the public. */
  accountId: string | null;
  key: KeyHolder | null;
}

/**
 * Reads a published dataset's rows for the Portal, CKAN downloads and API clients. Open datasets
 * are served to anyone; a conditionally open one only to a person whose application for it was
 * approved — by their API key (`X-API-Key`) or their own session — and each such read is audited.
 * Every call passes a fixed one-minute window: per key, or per IP for callers without one.
 */
export class DatasetReader {
  private readonly published: PublishedCatalog;
  private readonly records: RecordStore;
  private readonly keys: ApiKeyService;
  private readonly applications: ApplicationService;
  private readonly audit: AuditLog;
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Calls a minute (tests lower them). */
  limits: { anonymous: number; key: number };

  constructor(deps: {
    published: PublishedCatalog;
    records: RecordStore;
    keys: ApiKeyService;
    applications: ApplicationService;
    audit: AuditLog;
    limits?: { anonymous: number; key: number };
  }) {
    this.published = deps.published;
    this.records = deps.records;
    this.keys = deps.keys;
    this.applications = deps.applications;
    this.audit = deps.audit;
    this.limits = deps.limits ?? { ...defaultRateLimits };
  }

  /** A fixed one-minute window; past it, 429 with the seconds to wait (`Retry-After`). */
  private admit(reader: Reader, ip: string, now = Date.now()): void {
    const id = reader.key ? `key:${reader.key.keyId}` : `ip:${ip}`;
    if (this.windows.size > 50_000) for (const [k, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(k);
    let window = this.windows.get(id);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.windows.set(id, window);
    }
    window.count += 1;
    const limit = reader.key ? this.limits.key : this.limits.anonymous;
    if (window.count > limit)
      throw new AppError(429, 'opendata.rate_limited', {
        limit,
        retryAfterSeconds: Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)),
      });
  }

  /** Who reads, admitted by the rate limit; then the dataset, if they may read it. */
  private async open(actor: Actor, name: string, apiKey: string | undefined): Promise<{ dataset: PublishedResource; reader: Reader }> {
    const key = apiKey === undefined ? null : await this.keys.use(apiKey);
    const reader: Reader = { key, accountId: key?.accountId ?? (actor.kind === 'app' ? null : actor.accountId) };
    this.admit(reader, actor.ip);
    const dataset = await this.published.find(name);
    if (!dataset || packageName(dataset.code) !== name.toLowerCase()) throw new NotFoundError('opendata.not_found', { dataset: name });
    if (dataset.openType === 'conditional') {
      if (!reader.accountId) throw new ForbiddenError('opendata.approval_required', { dataset: name });
      if (!(await this.applications.approved(reader.accountId, dataset.id)))
        throw new ForbiddenError('opendata.not_approved', { dataset: name });
    }
    return { dataset, reader };
  }

  private async noteRead(actor: Actor, dataset: PublishedResource, reader: Reader, details: Record<string, unknown>) {
    if (dataset.openType !== 'conditional') return; // open data is read by anyone; there is nothing to account for
    await this.audit.record({
      actor: reader.key
        ? { ...actor, kind: reader.key.kind as Actor['kind'], accountId: reader.key.accountId, displayName: reader.key.name }
        : actor,
      action: 'opendata.records.read',
      targetType: 'data_resource',
      targetId: dataset.id,
      orgId: dataset.orgId,
      details: { ...details, keyId: reader.key?.keyId ?? null },
    });
  }

  private project(dataset: PublishedResource, rows: Row[]): Row[] {
    return rows.map((row) => Object.fromEntries(dataset.fields.map((f) => [f.name, row[f.name] ?? null])));
  }

  /** A page of rows with the fields they carry (the Portal's preview and charts). */
  async page(actor: Actor, name: string, apiKey: string | undefined, limit: number, offset: number) {
    const { dataset, reader } = await this.open(actor, name, apiKey);
    const [rows, total] = await Promise.all([this.records.page(dataset.id, limit, offset), this.records.count(dataset.id)]);
    await this.noteRead(actor, dataset, reader, { via: 'records', offset, rows: rows.length });
    return {
      fields: dataset.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, key: f.key })),
      total,
      items: this.project(dataset, rows),
    };
  }

  /** Every row, for a download. */
  async all(actor: Actor, name: string, apiKey: string | undefined, format: string) {
    const { dataset, reader } = await this.open(actor, name, apiKey);
    const rows = this.project(dataset, await this.records.page(dataset.id, 100_000));
    await this.noteRead(actor, dataset, reader, { via: 'download', format, rows: rows.length });
    return { dataset, rows };
  }
}
