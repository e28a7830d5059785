import {
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  requirePermission,
  requireScope,
  timeCursorOf,
  ValidationError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import { portalAccount } from './api-keys.service.ts';
import { packageName } from './ckan.ts';
import type { CreateApplicationInput, DecisionInput, ListApplicationsQuery } from './open-data.schemas.ts';
import * as repo from './open-data.repository.ts';
import type { PublishedCatalog, PublishedResource } from './published.ts';

function toView(row: repo.ApplicationRow) {
  return {
    id: row.id,
    dataset: { id: row.resource_id, name: row.dataset_name, title: row.dataset_title },
    ownerOrg: { id: row.owner_org_id, name: row.owner_org_name },
    applicant: { id: row.applicant_id, kind: row.applicant_kind, name: row.applicant_name },
    purpose: row.purpose,
    scenario: row.scenario,
    contact: row.contact,
    status: row.status,
    reason: row.reason,
    decidedBy: row.decided_by_name,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}

/**
 * 有条件开放申请: a person asks to use a conditionally open dataset, saying what for; the owning
 * organisation's data officer approves or refuses (with a reason). Once approved, the person's
 * API keys (and their own session) read the dataset's records and downloads.
 */
export class ApplicationService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly published: PublishedCatalog;

  constructor(deps: { db: Database; audit: AuditLog; identity: IdentityStore; published: PublishedCatalog }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.published = deps.published;
  }

  private async dataset(ref: string): Promise<PublishedResource> {
    const found = await this.published.find(ref);
    if (!found) throw new NotFoundError('opendata.not_found', { dataset: ref });
    return found;
  }

  async apply(actor: Actor, input: CreateApplicationInput) {
    const accountId = portalAccount(actor);
    const dataset = await this.dataset(input.dataset);
    if (dataset.openType !== 'conditional') throw new ValidationError('opendata.not_conditional', { dataset: packageName(dataset.code) });
    const owner = await this.identity.findOrg(dataset.orgId);
    const id = newId('oap');
    await this.db.kysely.transaction().execute(async (tx) => {
      await repo.lockFor(tx, `open_applications:${accountId}:${dataset.id}`);
      const live = await repo.findLiveApplication(tx, accountId, dataset.id);
      if (live) throw new ConflictError('opendata.application_exists', { id: live.id, status: live.status });
      await repo.insertApplication(tx, {
        id,
        resource_id: dataset.id,
        dataset_name: packageName(dataset.code),
        dataset_title: dataset.name,
        owner_org_id: dataset.orgId,
        owner_org_name: dataset.orgName,
        owner_region_code: owner?.regionCode ?? null,
        applicant_id: accountId,
        applicant_kind: actor.kind,
        applicant_name: actor.displayName,
        purpose: input.purpose,
        scenario: input.scenario,
        contact: input.contact,
        status: 'pending',
        reason: null,
        decided_by: null,
        decided_by_name: null,
      });
      await this.audit.record(
        {
          actor,
          action: 'opendata.application.create',
          targetType: 'open_application',
          targetId: id,
          orgId: dataset.orgId,
          regionCode: owner?.regionCode ?? null,
          details: { resourceId: dataset.id, dataset: packageName(dataset.code) },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /** The applicant, or a data officer over the owning organisation. */
  private mayRead(actor: Actor, row: repo.ApplicationRow): boolean {
    if (actor.accountId && actor.accountId === row.applicant_id) return true;
    return can(actor, 'data.manage', { orgId: row.owner_org_id, regionCode: row.owner_region_code });
  }

  async get(actor: Actor, id: string) {
    const row = await repo.findApplication(this.db.kysely, id);
    if (!row) throw new NotFoundError('opendata.application_not_found', { id });
    if (!this.mayRead(actor, row)) throw new ForbiddenError('access.forbidden', { permission: 'data.manage' });
    return toView(row);
  }

  /** `mine`: the caller's own applications; `review`: those for datasets of the organisations the caller manages data for. */
  async list(actor: Actor, query: ListApplicationsQuery) {
    const filter = query.view === 'mine' ? { applicantId: portalAccount(actor) } : { scope: requireScope(actor, 'data.manage') };
    const rows = await repo.listApplications(this.db.kysely, { ...filter, status: query.status, cursor: query.cursor, limit: query.limit });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return { items: page.map(toView), nextCursor: rows.length > query.limit && last ? timeCursorOf(last.created_at, last.id) : null };
  }

  async decide(actor: Actor, id: string, input: DecisionInput) {
    const row = await repo.findApplication(this.db.kysely, id);
    if (!row) throw new NotFoundError('opendata.application_not_found', { id });
    requirePermission(actor, 'data.manage', { orgId: row.owner_org_id, regionCode: row.owner_region_code });
    if (actor.accountId && actor.accountId === row.applicant_id) throw new ForbiddenError('opendata.own_application');
    if (!input.approved && !input.reason) throw new ValidationError('opendata.reason_required');
    await this.db.kysely.transaction().execute(async (tx) => {
      const locked = await repo.findApplication(tx, id, true);
      if (!locked || locked.status !== 'pending') throw new ConflictError('opendata.application_decided', { status: locked?.status });
      const status = input.approved ? 'approved' : 'rejected';
      await repo.decideApplication(tx, id, {
        status,
        reason: input.reason || null,
        decidedBy: actor.accountId,
        decidedByName: actor.displayName,
      });
      await this.audit.record(
        {
          actor,
          action: 'opendata.application.decide',
          targetType: 'open_application',
          targetId: id,
          orgId: row.owner_org_id,
          regionCode: row.owner_region_code,
          details: { resourceId: row.resource_id, applicantId: row.applicant_id, status },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /** Whether this person may read this conditionally open dataset (an approved application). */
  approved(accountId: string, resourceId: string): Promise<boolean> {
    return repo.hasApproval(this.db.kysely, accountId, resourceId);
  }
}
