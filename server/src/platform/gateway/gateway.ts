import { LRUCache } from 'lru-cache';
import { AppError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type Actor } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService, Field, RecordStore } from '../catalog/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { SharingService } from '../sharing/index.ts';
import type { ClientRegistry } from '../sso/index.ts';
import type { CollaborationService } from '../collaboration/index.ts';
import type { KeyRing } from '../crypto/index.ts';
import { maskValue } from '../catalog/index.ts';

export const maxBatchKeys = 1000;
/** Key fields that name a person or an enterprise: reads by them are logged by subject. */
const subjectKinds = new Set(['id_number', 'credit_code']);
/** A batch's subjects logged with it (a larger batch is a bulk read: logged by count only). */
const maxLoggedSubjects = 100;

/** Per app and resource, per minute: enough for a department's system, a wall for a scraper. */
export const defaultRateLimit = 600;

/**
 * P3.3 the data gateway: an app (OAuth2 client credentials) reads records of a resource by key,
 * gets only the fields its organisation was granted, masked by grade, within a rate limit, and
 * every call is an entry of the SM3-chained audit log committed before the answer.
 */
export class DataGateway {
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly catalog: CatalogService;
  private readonly records: RecordStore;
  private readonly sharing: SharingService;
  private readonly clients: ClientRegistry;
  private readonly keys: KeyRing;
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** Organisations' names and regions, for log entries and labels (they hardly ever change). */
  private readonly orgs = new LRUCache<string, { name: string | null; regionCode: string | null }>({ max: 10_000, ttl: 60_000 });
  /** Calls a minute per app and resource (ZHILI_GATEWAY_RATE_LIMIT). */
  rateLimit: number;
  /** 业务协同 services, called through this gateway (set once the module is wired). */
  services: CollaborationService | null = null;

  constructor(deps: {
    audit: AuditLog;
    identity: IdentityStore;
    catalog: CatalogService;
    records: RecordStore;
    sharing: SharingService;
    clients: ClientRegistry;
    keys: KeyRing;
    rateLimit?: number;
  }) {
    this.keys = deps.keys;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.catalog = deps.catalog;
    this.records = deps.records;
    this.sharing = deps.sharing;
    this.clients = deps.clients;
    this.rateLimit = deps.rateLimit ?? defaultRateLimit;
  }

  /** A fixed one-minute window per app and resource, as many calls as the grant allows; past it, 429 with the seconds to wait. */
  private admit(clientId: string, resourceId: string, limit: number | null, now = Date.now()): void {
    const key = `${clientId}\u0000${resourceId}`;
    let window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > (limit ?? this.rateLimit))
      throw new AppError(429, 'gateway.rate_limited', { retryAfterSeconds: Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)) });
  }

  private async orgOf(orgId: string): Promise<{ name: string | null; regionCode: string | null }> {
    let known = this.orgs.get(orgId);
    if (!known) {
      const org = await this.identity.findOrg(orgId);
      known = { name: org?.name ?? null, regionCode: org?.regionCode ?? null };
      this.orgs.set(orgId, known);
    }
    return known;
  }

  private async regionOf(orgId: string | null): Promise<string | null> {
    return orgId ? (await this.orgOf(orgId)).regionCode : null;
  }

  /** Who may read what: an app's token, a known resource, its organisation's grants (the union of its active ones). */
  private async authorize(actor: Actor, resourceRef: string) {
    if (actor.kind !== 'app' || !actor.clientId) throw new UnauthenticatedError('gateway.app_token_required');
    const resource = await this.catalog.sharingView(resourceRef);
    if (!resource) throw new NotFoundError('catalog.resource_not_found', { id: resourceRef });
    const orgId = await this.clients.ownerOrg(actor.clientId);
    const terms = orgId ? await this.sharing.grantTerms(orgId, resource.id) : null;
    const granted = terms?.fields ?? [];
    if (!terms || granted.length === 0) throw new ForbiddenError('gateway.no_grant', { resource: resource.code });
    /** A granted field's value as this caller may see it: in clear where a grant allows, else masked by grade. */
    const show = (f: Field, value: unknown) => (terms.clearFields.includes(f.name) ? (value ?? null) : maskValue(f, value));
    /** Flow-back grants (数据回流) read only the records of their own region. */
    const inRegion = (record: Record<string, unknown>) =>
      terms.regionPrefixes === null ||
      (resource.regionField !== null && terms.regionPrefixes.some((p) => String(record[resource.regionField!] ?? '').startsWith(p)));
    return { clientId: actor.clientId, resource, orgId, granted, terms, show, inRegion };
  }

  /**
   * 谁用了我的数据: every gateway read of records keyed by this person's (or enterprise's)
   * number — which department, which resource and fields, for what, and when — newest first.
   */
  async usesOf(actor: Actor) {
    if (!actor.accountId || (actor.kind !== 'citizen' && actor.kind !== 'enterprise'))
      throw new ForbiddenError('access.forbidden', { permission: 'portal.use' });
    const subject = await this.identity.subjectOf(actor.accountId);
    if (!subject) return { items: [] };
    const entries = await this.audit.entriesAbout(this.keys.subjectIndex(subject.idNumber), ['gateway.query'], 200);
    // gateway callers are apps: shown by their registered name, not their client id (once per app)
    const apps = new Map<string, Promise<string | undefined>>();
    const appName = (clientId: string) => {
      if (!apps.has(clientId))
        apps.set(
          clientId,
          this.clients.find(clientId).then((c) => c?.name),
        );
      return apps.get(clientId)!;
    };
    const items = [];
    for (const e of entries) {
      const resource = e.targetId ? await this.catalog.sharingView(e.targetId) : undefined;
      const labels = new Map((resource?.fields ?? []).map((f) => [f.name, f.label]));
      const details = (e.details ?? {}) as { fields?: unknown; purpose?: unknown };
      const fields = Array.isArray(details.fields) ? (details.fields as string[]) : [];
      items.push({
        at: e.at,
        user: e.orgId ? ((await this.orgOf(e.orgId)).name ?? e.orgId) : e.actorName,
        app: (e.actorKind === 'app' && e.actorId ? await appName(e.actorId) : undefined) ?? e.actorName,
        resource: resource?.name ?? e.targetId,
        owner: resource ? (await this.orgOf(resource.orgId)).name : null,
        fields: fields.map((f) => labels.get(f) ?? f),
        purpose: typeof details.purpose === 'string' ? details.purpose : null,
      });
    }
    return { items };
  }

  /** A resource's name and its owner's, for showing where shared data came from. */
  async ownerOf(resourceRef: string): Promise<{ resourceName: string; orgId: string; orgName: string }> {
    const resource = await this.catalog.sharingView(resourceRef);
    if (!resource) throw new NotFoundError('catalog.resource_not_found', { id: resourceRef });
    return { resourceName: resource.name, orgId: resource.orgId, orgName: (await this.orgOf(resource.orgId)).name ?? resource.orgId };
  }

  /**
   * Reads records by key. `context.purpose` (the item or form it serves) goes into the log
   * entry, so the data's subjects can later see who used it for what.
   */
  async query(actor: Actor, resourceRef: string, field: string, values: string[], context: { purpose?: string } = {}) {
    const started = performance.now();
    const { clientId, resource, orgId, granted, terms, show, inRegion } = await this.authorize(actor, resourceRef);
    if (values.length > maxBatchKeys) throw new ValidationError('gateway.too_many_keys', { max: maxBatchKeys });
    const keyField = resource.fields.find((f) => f.key && f.name === field);
    if (!keyField) throw new ValidationError('catalog.not_a_key', { field });
    if (!granted.includes(field)) throw new ForbiddenError('gateway.key_not_granted', { field });
    this.admit(clientId, resource.id, terms.rateLimit);
    const found = (await this.records.lookup(resource.id, field, values)).map((f) => ({
      ...f,
      record: f.record && inRegion(f.record) ? f.record : null,
    }));
    const fields = resource.fields.filter((f) => granted.includes(f.name));
    const regionCode = await this.regionOf(orgId);
    // The log entry commits before the answer leaves.
    await this.audit.record({
      actor,
      action: 'gateway.query',
      targetType: 'data_resource',
      targetId: resource.id,
      orgId,
      regionCode,
      details: {
        keyField: field,
        keys: values.length,
        found: found.filter((f) => f.record).length,
        fields: fields.map((f) => f.name),
        clear: fields.filter((f) => terms.clearFields.includes(f.name)).map((f) => f.name),
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(context.purpose ? { purpose: context.purpose } : {}),
        // whose records were read, as subject indexes (never the numbers): "who used my data"
        ...(subjectKinds.has(keyField.type)
          ? { subjects: [...new Set(values.slice(0, maxLoggedSubjects).map((v) => this.keys.subjectIndex(v)))] }
          : {}),
      },
    });
    return found.map(({ record }) => (record ? Object.fromEntries(fields.map((f) => [f.name, show(f, record[f.name])])) : null));
  }

  /**
   * P3.4 业务协同: calls a department's service for an app whose organisation holds a grant for
   * it, within the service's rate limit; the call — answered or failed — is one log entry.
   */
  async callService(actor: Actor, code: string, input: { key?: string | undefined; input?: Record<string, unknown> | undefined }) {
    const started = performance.now();
    if (actor.kind !== 'app' || !actor.clientId) throw new UnauthenticatedError('gateway.app_token_required');
    const orgId = await this.clients.ownerOrg(actor.clientId);
    const found = this.services && orgId ? await this.services.grantedService(orgId, code) : { service: undefined, granted: false };
    if (!found.service) throw new NotFoundError('collab.service_not_found', { id: code });
    if (!found.granted) throw new ForbiddenError('gateway.no_service_grant', { service: code });
    const service = found.service;
    this.admit(actor.clientId, `service:${service.id}`, service.rateLimit);
    const regionCode = await this.regionOf(orgId);
    const log = (outcome: 'ok' | 'failed', details: Record<string, unknown>) =>
      this.audit.record({
        actor,
        action: 'gateway.service',
        outcome,
        targetType: 'collab_service',
        targetId: service.id,
        orgId,
        regionCode,
        details: {
          code: service.code,
          kind: service.kind,
          keyed: input.key !== undefined,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...details,
        },
      });
    try {
      const answer = await this.services!.call(service.id, input, orgId!);
      await log('ok', {});
      return answer;
    } catch (error) {
      await log('failed', { code: error instanceof AppError ? error.code : 'failed' });
      throw error;
    }
  }

  /**
   * A page of records matching exact values (`equals`) and a text (`contains`, in one field or
   * in every field shown in clear), under `query`'s rules: granted fields only (or the granted
   * `fields` asked for), masked by grade, the rate limit, one audit entry. A masked (L3/L4) field
   * is matched only whole and only as a key — its value never answers a partial question.
   */
  async search(
    actor: Actor,
    resourceRef: string,
    input: {
      equals: Record<string, string>;
      contains?: { field?: string | undefined; text: string } | undefined;
      fields?: string[] | undefined;
      descending?: boolean | undefined;
      limit: number;
      offset: number;
    },
  ) {
    const started = performance.now();
    const { clientId, resource, orgId, granted, terms, show } = await this.authorize(actor, resourceRef);
    // a flow-back grant reads its region's records by key; a search would count the others
    if (terms.regionPrefixes !== null) throw new ForbiddenError('gateway.search_not_granted', { resource: resource.code });
    if (input.limit > maxBatchKeys) throw new ValidationError('gateway.too_many_keys', { max: maxBatchKeys });
    const visible = (name: string) => {
      const field = resource.fields.find((f) => f.name === name);
      if (!field) throw new ValidationError('gateway.unknown_field', { field: name });
      if (!granted.includes(name)) throw new ForbiddenError('gateway.field_not_granted', { field: name });
      return field;
    };
    const clear = (f: Field) => f.grade === 'L1' || f.grade === 'L2';
    const equals = Object.entries(input.equals).map(([name, value]) => {
      const field = visible(name);
      if (!clear(field) && !field.key) throw new ValidationError('gateway.masked_field', { field: name });
      return { field, value };
    });
    let contains: { fields: Field[]; text: string } | undefined;
    if (input.contains) {
      const named = input.contains.field ? visible(input.contains.field) : undefined;
      if (named && !clear(named)) throw new ValidationError('gateway.masked_field', { field: named.name });
      contains = {
        fields: named ? [named] : resource.fields.filter((f) => granted.includes(f.name) && clear(f)),
        text: input.contains.text,
      };
    }
    const fields = input.fields ? input.fields.map(visible) : resource.fields.filter((f) => granted.includes(f.name));
    const primary = resource.fields.find((f) => f.key);
    this.admit(clientId, resource.id, terms.rateLimit);
    const found = await this.records.search(resource.id, {
      equals,
      contains,
      orderBy: primary && granted.includes(primary.name) && clear(primary) ? primary : undefined,
      descending: input.descending,
      limit: input.limit,
      offset: input.offset,
    });
    const regionCode = await this.regionOf(orgId);
    await this.audit.record({
      actor,
      action: 'gateway.search',
      targetType: 'data_resource',
      targetId: resource.id,
      orgId,
      regionCode,
      details: {
        matchedOn: equals.map((e) => e.field.name),
        contains: contains ? (input.contains?.field ?? '*') : null,
        total: found.total,
        returned: found.records.length,
        offset: input.offset,
        fields: fields.map((f) => f.name),
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
    });
    return {
      records: found.records.map((record) => Object.fromEntries(fields.map((f) => [f.name, show(f, record[f.name])]))),
      total: found.total,
      fields: fields.map((f) => f.name),
    };
  }
}
