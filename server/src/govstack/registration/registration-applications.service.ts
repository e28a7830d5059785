import { AppError, ForbiddenError, ValidationError, type Actor, type Database, type Locale } from '../../kernel/index.ts';
import type { CertificateService } from '../../platform/certificates/index.ts';
import type { AttachmentStore, WorkflowEngine } from '../../platform/workflow/index.ts';
import type { CaseService } from '../../systems/one-stop/index.ts';
import { bundleStatus, caseStatus, hasEnded } from './application-status.ts';
import type { UploadFile } from './document-upload.ts';
import { caseFacts, type CaseFacts } from './govstack-registration.repository.ts';
import type { ApplicationListQuery, ApplicationSubmit } from './govstack-registration.schemas.ts';
import { page } from './paging.ts';
import type { RegistrationServices } from './registration-services.service.ts';

type CaseView = Awaited<ReturnType<CaseService['get']>>;
type CaseSummary = Awaited<ReturnType<CaseService['mine']>>['cases'][number];

export interface ApplicationDeps {
  db: Database;
  cases: CaseService;
  workflow: WorkflowEngine;
  attachments: AttachmentStore;
  certificates: CertificateService;
  catalog: RegistrationServices;
  publicUrl: string;
}

const attachmentId = /^att_[0-9a-z]{26}$/;
const attachmentUrl = /^(?:https?:\/\/[^\s/]+)?\/api\/v1\/workflow\/attachments\/(att_[0-9a-z]{26})$/;

/** A person calls for applications: the applicant, or a civil servant handling them; never an app on its own. */
export function requirePerson(actor: Actor): void {
  if (actor.kind === 'app' || actor.accountId === null) throw new ForbiddenError('govstack.registration.person_required');
}

const isApplicant = (actor: Actor) => actor.kind === 'citizen' || actor.kind === 'enterprise';

/**
 * Applications are 办件: a service's application is one case (fileId `case_…`), a 一件事's one
 * bundle application (`bapp_…`) with a case per department. Everything goes through
 * CaseService, which checks who may see and do what; this adds the GovStack shapes.
 */
export class RegistrationApplications {
  private readonly deps: ApplicationDeps;

  constructor(deps: ApplicationDeps) {
    this.deps = deps;
  }

  private documentUrl(id: string): string {
    return `${this.deps.publicUrl.replace(/\/$/, '')}/api/v1/workflow/attachments/${id}`;
  }

  /** A document named by its id or by the URL an upload answered, as its id; any other value stays as it is. */
  private documentId(value: unknown): string | null {
    if (typeof value !== 'string') return null;
    if (attachmentId.test(value)) return value;
    return attachmentUrl.exec(value)?.[1] ?? null;
  }

  /** Form data with every document URL turned into its id; `documentUrls` must each be placed under a material field. */
  private formWithDocuments(data: Record<string, unknown>, documentUrls: string[]): Record<string, unknown> {
    const form = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, this.documentId(value) ?? value]));
    const placed = new Set(Object.values(form).filter((v): v is string => typeof v === 'string'));
    const unplaced = documentUrls.filter((url) => {
      const id = this.documentId(url);
      return !id || !placed.has(id);
    });
    if (unplaced.length) throw new ValidationError('govstack.registration.document_unplaced', { documents: unplaced.join(', ') });
    return form;
  }

  /** 申请: the applicant (their own account), with consent, through CaseService.apply. */
  async submit(actor: Actor, locale: Locale, serviceId: string, body: ApplicationSubmit) {
    requirePerson(actor);
    const target = await this.deps.catalog.target(serviceId);
    if (body.applicantId !== actor.accountId)
      throw new ForbiddenError('govstack.registration.applicant_mismatch', { accountId: actor.accountId });
    const eFormId = body.formData?.eFormId;
    if (eFormId !== undefined && eFormId !== target.code)
      throw new ValidationError('govstack.registration.eform_mismatch', { eFormId, serviceId, expected: target.code });
    const form = this.formWithDocuments(body.formData?.data ?? {}, body.documentUrls ?? []);
    const applied = await this.deps.cases.apply(actor, locale, {
      ...(target.kind === 'bundle' ? { bundleCode: target.code } : { serviceCode: target.code }),
      consent: body.consent === true,
      form,
    });
    return this.file(actor, locale, applied.id);
  }

  /** One application file: a case, or a bundle application with its parts. */
  async file(actor: Actor, locale: Locale, fileId: string) {
    requirePerson(actor);
    if (fileId.startsWith('bapp_')) return this.bundleFile(actor, locale, fileId);
    const view = await this.deps.cases.get(actor, fileId);
    const facts = (await caseFacts(this.deps.db, [view.id])).get(view.id)!;
    return this.caseFile(actor, locale, view, facts);
  }

  private async caseFile(actor: Actor, locale: Locale, c: CaseView, facts: CaseFacts) {
    return {
      fileId: c.id,
      caseNo: c.caseNo,
      registered: c.submittedAt,
      serviceId: c.serviceCode,
      serviceName: c.serviceName,
      status: caseStatus(c, locale),
      ended: hasEnded(c.status),
      applicationData: {
        applicantId: facts.applicantId,
        applicationName: c.serviceName,
        created: c.submittedAt,
        formData: { eFormId: c.serviceCode, data: c.form },
        documentUrls: this.documentsOf(c),
      },
      mainTaskId: facts.instanceId,
      resultDocuments: await this.results(actor, facts.applicantId, c.certificateIds),
      zhili: {
        status: c.status,
        orgId: c.orgId,
        orgName: c.orgName,
        bundleApplicationId: c.bundleApplicationId,
        promisedDays: c.promisedDays,
        dueAt: c.dueAt,
        timeState: c.timeState,
        supplementReason: c.supplementReason,
        refusedStage: c.refusedStage,
        refusedReason: c.refusedReason,
        acceptedAt: c.acceptedAt,
        finishedAt: c.finishedAt,
        openTasks: c.openTasks,
      },
    };
  }

  private documentsOf(c: CaseView): string[] {
    return c.answers.filter((a) => a.attachment && typeof a.value === 'string').map((a) => this.documentUrl(a.value as string));
  }

  /** The issued e-certificates (电子证照) of a case: their PDF; for the holder, with serial and verify page. */
  private async results(actor: Actor, applicantId: string, certificateIds: string[]) {
    if (certificateIds.length === 0) return [];
    const base = this.deps.publicUrl.replace(/\/$/, '');
    const held =
      actor.accountId === applicantId ? new Map((await this.deps.certificates.wallet(actor)).items.map((c) => [c.id, c])) : new Map();
    return certificateIds.map((id) => {
      const cert = held.get(id);
      return {
        documentId: id,
        url: `${base}/api/v1/certificates/${id}/pdf`,
        ...(cert ? { name: cert.kind, serialNo: cert.serialNo, status: cert.status, verifyUrl: cert.verifyUrl } : {}),
      };
    });
  }

  /** 一件事: the applicant's own; its form is what its parts hold together. */
  private async bundleFile(actor: Actor, locale: Locale, id: string) {
    const b = await this.deps.cases.bundleApplication(actor, id);
    const live = b.parts.filter((p) => !p.supersededBy);
    const parts: CaseView[] = [];
    for (const p of live) parts.push(await this.deps.cases.get(actor, p.id));
    const facts = await caseFacts(
      this.deps.db,
      live.map((p) => p.id),
    );
    const results = [];
    for (const p of parts) results.push(...(await this.results(actor, actor.accountId ?? '', p.certificateIds)));
    return {
      fileId: b.id,
      caseNo: b.caseNo,
      registered: b.submittedAt,
      serviceId: b.bundleCode,
      serviceName: b.name,
      status: bundleStatus(b.status, locale),
      ended: hasEnded(b.status),
      applicationData: {
        applicantId: actor.accountId ?? '',
        applicationName: b.name,
        created: b.submittedAt,
        formData: { eFormId: b.bundleCode, data: Object.assign({}, ...parts.map((p) => p.form)) as Record<string, unknown> },
        documentUrls: [...new Set(parts.flatMap((p) => this.documentsOf(p)))],
      },
      resultDocuments: results,
      parts: parts.map((p) => ({
        fileId: p.id,
        caseNo: p.caseNo,
        mainTaskId: facts.get(p.id)?.instanceId,
        serviceId: p.serviceCode,
        serviceName: p.serviceName,
        orgName: p.orgName,
        status: caseStatus(p, locale),
        ended: hasEnded(p.status),
      })),
      zhili: { status: b.status },
    };
  }

  /** The applicant's own files; a civil servant's, their organisation's cases (with the task waiting on each, if theirs). */
  async list(actor: Actor, locale: Locale, query: ApplicationListQuery) {
    requirePerson(actor);
    const files = isApplicant(actor) ? await this.applicantFiles(actor, locale) : await this.organisationFiles(actor, locale);
    const chosen = files.filter(
      (f) => (!query.serviceId || f.serviceId === query.serviceId) && (!query.applicantId || f.applicantId === query.applicantId),
    );
    return page(chosen, query, {
      created: (f) => f.created,
      id: (f) => f.fileId,
      name: (f) => f.serviceName,
      nameCaseInsensitive: (f) => f.serviceName.toLowerCase(),
      description: (f) => f.description,
    });
  }

  private async applicantFiles(actor: Actor, locale: Locale) {
    const mine = await this.deps.cases.mine(actor);
    const single = mine.cases.filter((c) => !c.bundleApplicationId);
    const facts = await caseFacts(
      this.deps.db,
      single.map((c) => c.id),
    );
    const cases = single.map((c) => this.listItem(c, facts.get(c.id), locale));
    const bundles = mine.bundles.map((b) => ({
      fileId: b.id,
      caseNo: b.caseNo,
      status: bundleStatus(b.status, locale),
      applicantId: actor.accountId ?? '',
      created: b.submittedAt,
      registered: b.submittedAt,
      description: b.caseNo,
      serviceName: b.name,
      serviceId: b.bundleCode,
      eformId: b.bundleCode,
      additionalMeta: { data: { zhili: { status: b.status, kind: 'bundle' } } },
    }));
    return [...bundles, ...cases].sort((a, b) => b.created.localeCompare(a.created));
  }

  private async organisationFiles(actor: Actor, locale: Locale) {
    const { items } = await this.deps.cases.ofOrganisation(actor, { limit: 200 });
    const facts = await caseFacts(
      this.deps.db,
      items.map((c) => c.id),
    );
    const waiting = new Map<string, { id: string; name: string; assignee: string | null }>();
    for (const task of (await this.deps.workflow.myTasks(actor)).items)
      if (task.businessKey && !waiting.has(task.businessKey)) waiting.set(task.businessKey, task);
    return items.map((c) => {
      const task = waiting.get(c.id);
      return {
        ...this.listItem(c, facts.get(c.id), locale),
        ...(task ? { taskTitle: task.name, ...(task.assignee ? { assigneeId: task.assignee } : {}), openTaskId: task.id } : {}),
      };
    });
  }

  private listItem(c: CaseSummary, facts: CaseFacts | undefined, locale: Locale) {
    return {
      fileId: c.id,
      caseNo: c.caseNo,
      ...(facts ? { mainTaskId: facts.instanceId } : {}),
      status: caseStatus(c, locale),
      applicantId: facts?.applicantId ?? '',
      created: c.submittedAt,
      registered: c.submittedAt,
      description: `${c.caseNo} ${c.orgName}`,
      serviceName: c.serviceName,
      serviceId: c.serviceCode,
      eformId: c.serviceCode,
      additionalMeta: {
        data: { zhili: { status: c.status, orgName: c.orgName, bundleApplicationId: c.bundleApplicationId, promisedDays: c.promisedDays } },
      },
    };
  }

  /**
   * PUT a file: the applicant's answer to a 补正 (their corrected answers and missing materials).
   * Civil servants do not rewrite an applicant's form in Zhili — their input is a task's — so
   * theirs is a 501 once the file is known to exist and be theirs to see.
   */
  async update(actor: Actor, locale: Locale, fileId: string, body: ApplicationSubmit) {
    requirePerson(actor);
    if (fileId.startsWith('bapp_')) {
      const bundle = await this.deps.cases.bundleApplication(actor, fileId);
      throw new ValidationError('govstack.registration.bundle_update', { parts: bundle.parts.map((p) => p.id).join(', ') });
    }
    await this.deps.cases.get(actor, fileId);
    if (!isApplicant(actor)) throw new AppError(501, 'govstack.registration.operator_edit');
    if (body.applicantId !== actor.accountId)
      throw new ForbiddenError('govstack.registration.applicant_mismatch', { accountId: actor.accountId });
    const form = this.formWithDocuments(body.formData?.data ?? {}, body.documentUrls ?? []);
    await this.deps.cases.supplement(actor, locale, fileId, { form });
    return this.file(actor, locale, fileId);
  }

  /** Documents to attach to an application: kept by the attachment store (SM3 checksum, type checked by content). */
  async upload(actor: Actor, files: UploadFile[]) {
    const stored = [];
    for (const file of files) stored.push(await this.deps.attachments.upload(actor, file));
    return stored.map((s) => ({
      documentId: s.id,
      name: s.name,
      mimeType: s.mimeType,
      size: s.size,
      sm3: s.sm3,
      url: this.documentUrl(s.id),
    }));
  }
}
