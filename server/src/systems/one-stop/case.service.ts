import { LRUCache } from 'lru-cache';
import { sql } from 'kysely';
import {
  appActor,
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  serviceActor,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
  type Locale,
} from '../../kernel/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { DataGateway } from '../../platform/gateway/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { PlatformItems } from '../../platform/items/index.ts';
import type { PreparedStart, WorkflowEngine } from '../../platform/workflow/index.ts';
import { applicationSchema, fieldOf, partOf, partValues } from './application-form.ts';
import { caseProcess, caseTaskForms } from './case-process.ts';
import type { ServiceCatalog, StoredService } from './service-catalog.ts';

/** What issues the e-certificate of an approved case (P9.3), inside the step's transaction. */
export interface CertificateIssuer {
  issue(
    tx: Executor,
    input: {
      orgId: string;
      kind: string;
      holderAccountId: string;
      holderName: string;
      holderIdNumber: string;
      fields: { label: string; value: string }[];
      caseRef?: string;
    },
  ): Promise<{ id: string; serialNo: string }>;
}

export type CaseStatus = 'submitted' | 'handling' | 'completed' | 'refused' | 'withdrawn';

interface CaseRow {
  id: string;
  case_no: string;
  service_code: string;
  service_name: string;
  org_id: string;
  region_code: string;
  applicant_id: string;
  applicant_name: string;
  applicant_kind: 'citizen' | 'enterprise';
  bundle_application_id: string | null;
  status: CaseStatus;
  form: Record<string, unknown>;
  prefilled: PrefillSource[];
  consent_at: string;
  instance_id: string;
  promised_days: number;
  refused_stage: string | null;
  refused_reason: string | null;
  certificate_ids: string[];
  superseded_by: string | null;
  submitted_at: string;
  accepted_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

/** One answer shared data gave: which field, from which resource of which department. */
export interface PrefillSource {
  field: string;
  title: string;
  source: string;
  resource?: string;
  org?: string;
}

/** The one-stop system acts on the platform as itself: it deploys items and starts their processes. */
const systemActor = serviceActor('zhili-one-stop', '一网通办', ['model.read', 'model.manage', 'workflow.start', 'workflow.monitor']);

/**
 * 办件 (S2.1 apply, S2.2 一件事): an applicant's consented, prefilled application becomes a case
 * of the handling department, its process running in the workflow engine; a bundle becomes one
 * case per department with one overall status.
 */
export class CaseService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly services: ServiceCatalog;
  private readonly workflow: WorkflowEngine;
  private readonly platformItems: PlatformItems;
  private readonly gateway: DataGateway;
  private readonly certificates: CertificateIssuer;
  /** what each applicant's last form was prefilled with (one node's memory: a miss only loses the data sources' names) */
  private readonly offered = new LRUCache<string, { values: Record<string, unknown>; sources: PrefillSource[] }>({
    max: 20_000,
    ttl: 2 * 3600_000,
  });
  /** the OAuth2 client the one-stop system reads shared data with (its grants are the prefill's) */
  readonly prefillClientId: string;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    identity: IdentityStore;
    services: ServiceCatalog;
    workflow: WorkflowEngine;
    platformItems: PlatformItems;
    gateway: DataGateway;
    certificates: CertificateIssuer;
    prefillClientId?: string;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.services = deps.services;
    this.workflow = deps.workflow;
    this.platformItems = deps.platformItems;
    this.gateway = deps.gateway;
    this.certificates = deps.certificates;
    this.prefillClientId = deps.prefillClientId ?? 'zhili-one-stop';
    this.workflow.registerHandler('onestop.accepted', async ({ tx, instanceId }) => {
      await sql`update service_cases set status = 'handling', accepted_at = now(), updated_at = now()
        where instance_id = ${instanceId} and status = 'submitted'`.execute(tx);
    });
    this.workflow.registerHandler('onestop.refuse', async ({ tx, instanceId, variables }) => {
      const stage = variables.accepted === false ? '不予受理' : variables.approved === false ? '不予许可' : '会签不同意';
      await sql`update service_cases set status = 'refused', refused_stage = ${stage}, refused_reason = ${String(variables.opinion ?? '')},
        finished_at = now(), updated_at = now() where instance_id = ${instanceId}`.execute(tx);
    });
    this.workflow.registerHandler('onestop.issue', async ({ tx, instanceId }) => {
      await this.issue(tx, instanceId);
    });
  }

  /** 办结: the case is done; the result, if the guide names one, is issued as a signed e-certificate. */
  private async issue(tx: Executor, instanceId: string): Promise<void> {
    const row = (await sql<CaseRow>`select * from service_cases where instance_id = ${instanceId} for update`.execute(tx)).rows[0];
    if (!row || row.status === 'completed') return;
    const guide = (
      await sql<{ guide: StoredService['guide'] }>`select guide from service_items where code = ${row.service_code}`.execute(tx)
    ).rows[0]?.guide;
    const issued: string[] = [];
    if (guide?.result) {
      const holderIdNumber = String(row.form.applicantIdNumber ?? row.form.creditCode ?? '');
      const cert = await this.certificates.issue(tx, {
        orgId: row.org_id,
        kind: guide.result.certificate,
        holderAccountId: row.applicant_id,
        holderName: row.applicant_name,
        holderIdNumber,
        fields: guide.result.fields
          .filter((key) => row.form[key] !== undefined && row.form[key] !== '')
          .map((key) => ({ label: fieldOf(key)?.title ?? key, value: String(row.form[key]) })),
        caseRef: row.case_no,
      });
      issued.push(cert.id);
    }
    await sql`update service_cases set status = 'completed', certificate_ids = ${JSON.stringify(issued)}::jsonb, finished_at = now(),
      updated_at = now() where id = ${row.id}`.execute(tx);
  }

  /** The V-model item that runs a service's cases in its department: made and deployed on first use. */
  private async itemOf(service: StoredService): Promise<string> {
    if (service.itemId) return service.itemId;
    const itemId = await this.platformItems.ensure(systemActor, service.orgId, {
      purpose: `onestop.service.${service.code}`,
      path: ['政务服务', '一网通办', service.type, service.name],
      itemType: 'service',
      process: caseProcess,
      form: { ...applicationSchema([partOf(service)], { closed: false }), $defs: caseTaskForms },
      // 即办 (0 days) is watched as one working day
      timeLimitDays: Math.max(1, service.guide.promisedDays),
    });
    await this.services.linkItem(service.code, itemId);
    return itemId;
  }

  /** The applicant: a citizen or an enterprise, logged in, with the identity their account verified. */
  private async applicantOf(actor: Actor) {
    if ((actor.kind !== 'citizen' && actor.kind !== 'enterprise') || !actor.accountId)
      throw new ForbiddenError('onestop.applicants_only', {});
    const subject = await this.identity.subjectOf(actor.accountId);
    if (!subject) throw new ForbiddenError('onestop.applicants_only', {});
    return { ...subject, kind: actor.kind };
  }

  /** A bundle says who applies for it (企业开办: the investor); a single service, its guide. */
  private async checkAudience(
    ref: { serviceCode: string } | { bundleCode: string },
    parts: StoredService[],
    kind: 'citizen' | 'enterprise',
  ) {
    if ('bundleCode' in ref) {
      const bundle = await this.services.bundle(ref.bundleCode);
      if (bundle.audience !== kind)
        throw new ValidationError('onestop.wrong_audience', { service: bundle.name, audience: bundle.audience });
      return;
    }
    for (const service of parts)
      if (service.audience !== 'both' && service.audience !== kind)
        throw new ValidationError('onestop.wrong_audience', { service: service.name, audience: service.audience });
  }

  /**
   * The application form of a service or a bundle with what shared data already says of the
   * applicant, and from which department each answer came (read through the data gateway).
   */
  async applicationForm(actor: Actor, ref: { serviceCode: string } | { bundleCode: string }, consent = false) {
    const applicant = await this.applicantOf(actor);
    const parts = await this.partsOf(ref);
    await this.checkAudience(ref, parts, applicant.kind);
    const schema = applicationSchema(parts.map(partOf));
    const keys = Object.keys((schema.properties ?? {}) as object);
    // what would be read, named for the consent; read only once it is given
    const reads = new Map<string, string[]>();
    for (const key of keys) {
      const field = fieldOf(key);
      if (field?.prefill && 'resource' in field.prefill)
        reads.set(field.prefill.resource, [...(reads.get(field.prefill.resource) ?? []), field.title]);
    }
    const { values, sources, unavailable } = consent
      ? await this.prefill(applicant, keys)
      : { ...this.accountPrefill(applicant, keys), unavailable: [] };
    if (consent) this.offered.set(applicant.id, { values, sources });
    const named = async (resource: string) => {
      const owner = await this.gateway.ownerOf(resource).catch(() => null);
      return { resourceName: owner?.resourceName ?? resource, orgName: owner?.orgName ?? null };
    };
    return {
      schema,
      values,
      prefilled: sources,
      unavailable,
      consented: consent,
      reads: await Promise.all([...reads].map(async ([resource, fields]) => ({ resource, ...(await named(resource)), fields }))),
      parts: parts.map((s) => ({ code: s.code, name: s.name, orgId: s.orgId, orgName: s.orgName, promisedDays: s.guide.promisedDays })),
      exemptMaterials: await Promise.all(
        parts.flatMap((s) =>
          s.guide.materials
            .filter((m) => m.sharedFrom)
            .map(async (m) => ({
              service: s.name,
              name: m.name,
              resource: m.sharedFrom!.resource,
              ...(await named(m.sharedFrom!.resource)),
            })),
        ),
      ),
    };
  }

  private async partsOf(ref: { serviceCode: string } | { bundleCode: string }): Promise<StoredService[]> {
    if ('serviceCode' in ref) return [await this.services.stored(ref.serviceCode)];
    const bundle = await this.services.bundle(ref.bundleCode);
    return Promise.all(bundle.parts.map((code) => this.services.stored(code)));
  }

  /**
   * Where each submitted answer came from: the account's identity, or — when it is what the
   * form offered this applicant — the department whose data offered it. Read from what the
   * form showed, so submitting does not read the person's data a second time.
   */
  private sourcesOf(applicant: { id: string; displayName: string; idNumber: string; phone: string | null }, form: Record<string, unknown>) {
    const offered = this.offered.get(applicant.id);
    const fromAccount = this.accountPrefill(applicant, Object.keys(form)).sources;
    const fromData = (offered?.sources ?? []).filter((s) => s.source !== '实名认证信息' && form[s.field] === offered?.values[s.field]);
    return [...fromAccount, ...fromData];
  }

  private accountPrefill(applicant: { displayName: string; idNumber: string; phone: string | null }, keys: string[]) {
    const values: Record<string, unknown> = {};
    const sources: PrefillSource[] = [];
    for (const key of keys) {
      const field = fieldOf(key);
      if (!field?.prefill || !('account' in field.prefill)) continue;
      const value = field.prefill.account === 'phone' ? applicant.phone : applicant[field.prefill.account];
      if (value) {
        values[key] = value;
        sources.push({ field: key, title: field.title, source: '实名认证信息' });
      }
    }
    return { values, sources };
  }

  /** 预填: the account's verified identity, and each resource read once by the applicant's number through the gateway. */
  private async prefill(applicant: { displayName: string; idNumber: string; phone: string | null }, keys: string[]) {
    const { values, sources } = this.accountPrefill(applicant, keys);
    const unavailable: { resource: string; reason: string }[] = [];
    const byResource = new Map<string, { key: string; field: string; title: string }[]>();
    for (const key of keys) {
      const field = fieldOf(key);
      if (!field?.prefill || 'account' in field.prefill) continue;
      const list = byResource.get(field.prefill.resource) ?? [];
      list.push({ key, field: field.prefill.field, title: field.title });
      byResource.set(field.prefill.resource, list);
    }
    const app = appActor(this.prefillClientId, '127.0.0.1');
    for (const [resource, fields] of byResource) {
      try {
        const [record] = await this.gateway.query(app, resource, 'id_number', [applicant.idNumber], {
          purpose: '一网通办申请表单预填',
        });
        const owner = await this.gateway.ownerOf(resource);
        for (const f of fields) {
          const value = record?.[f.field];
          if (value === undefined || value === null || value === '' || String(value).includes('*')) continue;
          values[f.key] = value;
          sources.push({ field: f.key, title: f.title, source: owner.orgName, resource: owner.resourceName, org: owner.orgName });
        }
      } catch (e) {
        unavailable.push({ resource, reason: e instanceof Error ? e.message : String(e) });
      }
    }
    return { values, sources, unavailable };
  }

  /** Checks an application and prepares each part's process start: all reads before the one transaction. */
  private async prepare(actor: Actor, locale: Locale, parts: StoredService[], form: Record<string, unknown>, caseIds: string[]) {
    const schemaErrors = this.workflow.checkApplication(locale, applicationSchema(parts.map(partOf)), form);
    if (schemaErrors.length) throw new ValidationError('workflow.form_invalid', { issues: schemaErrors });
    const starter = onBehalfOf(actor);
    const prepared: { service: StoredService; start: PreparedStart; form: Record<string, unknown> }[] = [];
    for (const [i, service] of parts.entries()) {
      const itemId = await this.itemOf(service);
      const values = partValues(partOf(service), form);
      const countersignOrgs = service.guide.countersignOrgs ?? [];
      const start = await this.workflow.prepareStart(starter, locale, {
        itemId,
        businessKey: caseIds[i]!,
        variables: { ...values, caseId: caseIds[i]!, handlingOrgId: service.orgId, countersignOrgs, nrOfRejected: 0 },
      });
      prepared.push({ service, start, form: values });
    }
    return prepared;
  }

  /** 申请: one service, or a 一件事 bundle (one case per department). The consent must be given. */
  async apply(
    actor: Actor,
    locale: Locale,
    input: {
      serviceCode?: string | undefined;
      bundleCode?: string | undefined;
      /** 重新申报: a refused case (of a bundle too) applied for again, alone */
      resubmitOf?: string | undefined;
      consent: boolean;
      form: Record<string, unknown>;
    },
  ) {
    const applicant = await this.applicantOf(actor);
    if (input.consent !== true) throw new ValidationError('onestop.consent_required');
    const refused = input.resubmitOf ? await this.row(input.resubmitOf) : null;
    if (refused) {
      if (refused.applicant_id !== applicant.id) throw new ForbiddenError('onestop.not_your_case', { id: refused.id });
      if (refused.status !== 'refused' || refused.superseded_by)
        throw new ConflictError('onestop.not_resubmittable', { status: refused.status });
    }
    const ref = refused
      ? { serviceCode: refused.service_code }
      : input.bundleCode
        ? { bundleCode: input.bundleCode }
        : { serviceCode: input.serviceCode ?? '' };
    const parts = await this.partsOf(ref);
    if (!refused) await this.checkAudience(ref, parts, applicant.kind);
    const bundle = input.bundleCode && !refused ? await this.services.bundle(input.bundleCode) : null;
    // what the applicant cannot change, their verified identity, comes from their account
    const form = { ...input.form };
    const asked = Object.keys((applicationSchema(parts.map(partOf)).properties ?? {}) as object);
    for (const key of asked) {
      const field = fieldOf(key);
      if (field?.readOnly && field.prefill && 'account' in field.prefill)
        form[key] = field.prefill.account === 'phone' ? applicant.phone : applicant[field.prefill.account];
    }
    const sources = this.sourcesOf(applicant, form);
    const caseIds = parts.map(() => newId('case'));
    const prepared = await this.prepare(actor, locale, parts, form, caseIds);
    const bundleId = bundle ? newId('bapp') : (refused?.bundle_application_id ?? null);
    const submitted: string[] = [];
    await this.db.kysely.transaction().execute(async (tx) => {
      if (bundle)
        await sql`insert into bundle_applications (id, case_no, bundle_code, bundle_name, applicant_id, form)
          values (${bundleId}, ${nextCaseNo}, ${bundle.code}, ${bundle.name}, ${applicant.id}, ${JSON.stringify(form)}::jsonb)`.execute(tx);
      for (const [i, part] of prepared.entries()) {
        const mine = sources.filter((s) => s.field in part.form);
        const caseNo = (
          await sql<{
            case_no: string;
          }>`insert into service_cases (id, case_no, service_code, service_name, org_id, region_code, applicant_id, applicant_name,
            applicant_kind, bundle_application_id, status, form, prefilled, consent_at, instance_id, promised_days, due_at)
          values (${caseIds[i]!}, ${nextCaseNo}, ${part.service.code}, ${part.service.name}, ${part.service.orgId}, ${part.service.orgRegionCode},
            ${applicant.id}, ${applicant.displayName}, ${applicant.kind}, ${bundleId}, 'submitted', ${JSON.stringify(part.form)}::jsonb,
            ${JSON.stringify(mine)}::jsonb, now(), ${part.start.id}, ${part.service.guide.promisedDays},
            ${part.start.due?.toISOString() ?? null}) returning case_no`.execute(tx)
        ).rows[0]!.case_no;
        submitted.push(caseNo);
        if (refused) {
          const taken = await sql`update service_cases set superseded_by = ${caseIds[i]!}, updated_at = now()
            where id = ${refused.id} and superseded_by is null`.execute(tx);
          if (Number(taken.numAffectedRows ?? 0) !== 1) throw new ConflictError('onestop.not_resubmittable', { status: refused.status });
        }
        // the submission's audit entry goes in with the process start's last statement
        await this.workflow.startPrepared(tx, part.start, [
          {
            actor,
            action: 'onestop.case.submit',
            targetType: 'service_case',
            targetId: caseIds[i]!,
            orgId: part.service.orgId,
            regionCode: part.service.orgRegionCode || null,
            details: {
              service: part.service.code,
              caseNo,
              consent: true,
              ...(bundle ? { bundle: bundle.code } : {}),
              ...(refused ? { resubmitOf: refused.id } : {}),
            },
          },
        ]);
      }
    });
    if (bundle) return this.bundleApplication(actor, bundleId!);
    // the new case as its list shows it (its page reads the rest), from what was just written
    return {
      id: caseIds[0]!,
      caseNo: submitted[0]!,
      serviceCode: parts[0]!.code,
      serviceName: parts[0]!.name,
      orgId: parts[0]!.orgId,
      orgName: parts[0]!.orgName,
      applicantName: applicant.displayName,
      bundleApplicationId: bundleId,
      status: 'submitted' as CaseStatus,
      refusedStage: null,
      refusedReason: null,
      certificateIds: [],
      supersededBy: null,
      promisedDays: parts[0]!.guide.promisedDays,
      submittedAt: new Date().toISOString(),
      acceptedAt: null,
      finishedAt: null,
      dueAt: prepared[0]!.start.due?.toISOString() ?? null,
    };
  }

  private async row(id: string): Promise<CaseRow> {
    const row = (await sql<CaseRow>`select * from service_cases where id = ${id}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('onestop.case_not_found', { id });
    return row;
  }

  /** The applicant; staff of the handling organisation (or one countersigning it); monitors over it. */
  private async mayRead(actor: Actor, row: CaseRow): Promise<boolean> {
    if (actor.accountId === row.applicant_id) return true;
    return this.workflow.mayReadInstance(actor, row.instance_id);
  }

  async get(actor: Actor, id: string) {
    const row = await this.row(id);
    if (!(await this.mayRead(actor, row))) throw new ForbiddenError('onestop.not_your_case', { id });
    const instance = await this.workflow.instance(systemActor, row.instance_id);
    const org = await this.identity.findOrg(row.org_id);
    const service = await this.services.stored(row.service_code);
    const schema = applicationSchema([partOf(service)]);
    const sources = new Map(row.prefilled.map((p) => [p.field, p.source]));
    return {
      ...summary(row, org?.name ?? row.org_id),
      form: row.form,
      prefilled: row.prefilled,
      /** the application as the handler reads it: each question's title, the answer, where shared data gave it */
      answers: Object.entries((schema.properties ?? {}) as Record<string, { title: string; format?: string }>)
        .filter(([key]) => row.form[key] !== undefined)
        .map(([key, p]) => ({
          key,
          title: p.title,
          value: row.form[key],
          attachment: p.format === 'attachment',
          ...(sources.has(key) ? { source: sources.get(key) } : {}),
        })),
      exemptMaterials: service.guide.materials.filter((m) => m.sharedFrom).map((m) => m.name),
      /** the service's form: what a 补正 answer is checked against */
      schema,
      resultName: service.guide.result?.certificate ?? null,
      dueAt: instance.dueAt,
      timeState: instance.timeState,
      supplementReason: instance.supplementReason,
      openTasks: row.applicant_id === actor.accountId ? [] : instance.openTasks,
      history: instance.history
        .filter((h) => publicSteps.has(h.action))
        .map((h) => ({ at: h.at, action: h.action, step: h.nodeName, actor: h.actor, details: publicDetails(h.details) })),
    };
  }

  /** 我的办件 */
  async mine(actor: Actor) {
    const applicant = await this.applicantOf(actor);
    const rows = (
      await sql<CaseRow>`select * from service_cases where applicant_id = ${applicant.id} order by submitted_at desc, id limit 200`.execute(
        this.db.kysely,
      )
    ).rows;
    const bundles = (
      await sql<{
        id: string;
        case_no: string;
        bundle_code: string;
        bundle_name: string;
        submitted_at: string;
      }>`select id, case_no, bundle_code, bundle_name, submitted_at from bundle_applications where applicant_id = ${applicant.id}
        order by submitted_at desc limit 100`.execute(this.db.kysely)
    ).rows;
    const names = await this.orgNames(rows.map((r) => r.org_id));
    return {
      cases: rows.map((r) => summary(r, names.get(r.org_id) ?? r.org_id)),
      bundles: bundles.map((b) => {
        const parts = rows.filter((r) => r.bundle_application_id === b.id);
        return {
          id: b.id,
          caseNo: b.case_no,
          bundleCode: b.bundle_code,
          name: b.bundle_name,
          submittedAt: b.submitted_at,
          status: overall(parts),
        };
      }),
    };
  }

  /** 一件事 as the applicant follows it: one overall status, each department's part with its own. */
  async bundleApplication(actor: Actor, id: string) {
    const found = (
      await sql<{
        id: string;
        case_no: string;
        bundle_code: string;
        bundle_name: string;
        applicant_id: string;
        submitted_at: string;
      }>`select id, case_no, bundle_code, bundle_name, applicant_id, submitted_at from bundle_applications where id = ${id}`.execute(
        this.db.kysely,
      )
    ).rows[0];
    if (!found) throw new NotFoundError('onestop.case_not_found', { id });
    if (found.applicant_id !== actor.accountId) throw new ForbiddenError('onestop.not_your_case', { id });
    const parts = (
      await sql<CaseRow>`select * from service_cases where bundle_application_id = ${id} order by case_no`.execute(this.db.kysely)
    ).rows;
    const names = await this.orgNames(parts.map((p) => p.org_id));
    return {
      id: found.id,
      caseNo: found.case_no,
      bundleCode: found.bundle_code,
      name: found.bundle_name,
      submittedAt: found.submitted_at,
      status: overall(parts),
      parts: parts.map((p) => summary(p, names.get(p.org_id) ?? p.org_id)),
    };
  }

  /** 撤回: only before the department accepted it. */
  async withdraw(actor: Actor, id: string, reason: string) {
    const row = await this.row(id);
    if (row.applicant_id !== actor.accountId) throw new ForbiddenError('onestop.not_your_case', { id });
    if (row.status !== 'submitted') throw new ConflictError('onestop.withdraw_too_late', { status: row.status });
    await this.workflow.withdraw(onBehalfOf(actor), row.instance_id, reason, async (tx) => {
      const locked = (await sql<{ status: string }>`select status from service_cases where id = ${id} for update`.execute(tx)).rows[0];
      if (locked?.status !== 'submitted') throw new ConflictError('onestop.withdraw_too_late', { status: locked?.status });
      await sql`update service_cases set status = 'withdrawn', finished_at = now(), updated_at = now() where id = ${id}`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'onestop.case.withdraw',
          targetType: 'service_case',
          targetId: id,
          orgId: row.org_id,
          regionCode: row.region_code,
          details: { reason },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /** 补正 asked by the handling staff: the clock stops until the applicant answers. */
  async requestSupplement(actor: Actor, id: string, reason: string) {
    const row = await this.row(id);
    if (!(await this.mayRead(actor, row)) || actor.accountId === row.applicant_id)
      throw new ForbiddenError('onestop.not_your_case', { id });
    if (row.status !== 'submitted' && row.status !== 'handling') throw new ConflictError('onestop.case_closed', { status: row.status });
    await this.workflow.requestSupplement(actor, row.instance_id, reason);
    return this.get(actor, id);
  }

  /** 补正 answered: corrected answers and the missing materials, checked against the service's form. */
  async supplement(actor: Actor, locale: Locale, id: string, input: { form: Record<string, unknown>; comment?: string | undefined }) {
    const row = await this.row(id);
    if (row.applicant_id !== actor.accountId) throw new ForbiddenError('onestop.not_your_case', { id });
    const service = await this.services.stored(row.service_code);
    // the verified identity is not the applicant's to change
    const answers = Object.fromEntries(Object.entries(input.form).filter(([key]) => !fieldOf(key)?.readOnly));
    const merged = { ...row.form, ...answers };
    const issues = this.workflow.checkApplication(locale, applicationSchema([partOf(service)]), merged);
    if (issues.length) throw new ValidationError('workflow.form_invalid', { issues });
    await this.workflow.receiveSupplement(onBehalfOf(actor), row.instance_id, { variables: answers, comment: input.comment });
    await sql`update service_cases set form = ${JSON.stringify(merged)}::jsonb, updated_at = now() where id = ${id}`.execute(
      this.db.kysely,
    );
    return this.get(actor, id);
  }

  /** A department's cases (the Workbench list): its own staff, newest first. */
  async ofOrganisation(actor: Actor, query: { status?: CaseStatus | undefined; limit: number }) {
    if (!actor.orgId || !can(actor, 'workbench.use', { orgId: actor.orgId, regionCode: actor.regionCode }))
      throw new ForbiddenError('access.forbidden', { permission: 'workbench.use' });
    const rows = (
      await sql<CaseRow>`select * from service_cases where org_id = ${actor.orgId}
        and (${query.status ?? null}::text is null or status = ${query.status ?? null}) order by submitted_at desc, id limit ${query.limit}`.execute(
        this.db.kysely,
      )
    ).rows;
    const names = await this.orgNames(rows.map((r) => r.org_id));
    return { items: rows.map((r) => summary(r, names.get(r.org_id) ?? r.org_id)) };
  }

  private async orgNames(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.identity.orgsByIds([...new Set(ids)])).map((o) => [o.id, o.name]));
  }
}

/** The applicant, allowed to start the process of the service they apply for (the instance is theirs). */
function onBehalfOf(actor: Actor): Actor {
  return {
    ...actor,
    grants: [...actor.grants, { role: 'applicant', orgId: null, regionCode: null, permissions: ['workflow.start'] }],
    permissions: new Set([...actor.permissions, 'workflow.start']),
  };
}

/** Numbers for a submission: 办件编号 = year-month-day + a running number (one sequence, never reused). */
/** 办件编号 ZW + the China date + 8 digits (more when the sequence outgrows them), taken inside the insert. */
const nextCaseNo = sql<string>`(select 'ZW' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(n::text, greatest(8, length(n::text)), '0')
  from nextval('service_case_numbers') as n)`;

const publicSteps = new Set(['instance.start', 'task.complete', 'supplement.request', 'supplement.receive', 'instance.cancel', 'node.end']);

/** What an applicant may read of a step: the decision and its reason, not staff-internal variables. */
function publicDetails(details: unknown) {
  const d = (details ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(d).filter(([k]) => ['approved', 'opinion', 'reason', 'dueAt', 'comment'].includes(k)));
}

/** 一件事's overall status: done when every part is done; a refused part shows until it is resubmitted. */
function overall(all: CaseRow[]): 'submitted' | 'handling' | 'completed' | 'partly_refused' | 'withdrawn' {
  const parts = all.filter((p) => !p.superseded_by);
  if (parts.length && parts.every((p) => p.status === 'completed')) return 'completed';
  if (parts.length && parts.every((p) => p.status === 'withdrawn')) return 'withdrawn';
  if (parts.some((p) => p.status === 'refused')) return 'partly_refused';
  if (parts.every((p) => p.status === 'submitted')) return 'submitted';
  return 'handling';
}

function summary(r: CaseRow, orgName: string) {
  return {
    id: r.id,
    caseNo: r.case_no,
    serviceCode: r.service_code,
    serviceName: r.service_name,
    orgId: r.org_id,
    orgName,
    applicantName: r.applicant_name,
    bundleApplicationId: r.bundle_application_id,
    status: r.status,
    refusedStage: r.refused_stage,
    refusedReason: r.refused_reason,
    certificateIds: r.certificate_ids,
    supersededBy: r.superseded_by,
    promisedDays: r.promised_days,
    submittedAt: r.submitted_at,
    acceptedAt: r.accepted_at,
    finishedAt: r.finished_at,
  };
}
