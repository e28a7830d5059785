import { AppError, NotFoundError } from '../../kernel/index.ts';
import { serviceApplicationSchema, type BundleView, type ServiceCatalog, type StoredService } from '../../systems/one-stop/index.ts';
import { formVersion } from './registration-eforms.ts';

type ServiceSummary = Awaited<ReturnType<ServiceCatalog['list']>>['items'][number];
type Property = { code: string; value: string };

/** A GovStack service: a 政务服务事项 or a 一件事 bundle, by its code. */
export type RegistrationTarget =
  | { kind: 'service'; code: string; name: string; service: StoredService; parts: StoredService[] }
  | { kind: 'bundle'; code: string; name: string; bundle: BundleView; parts: StoredService[] };

const properties = (entries: Record<string, string | number | undefined>): Property[] =>
  Object.entries(entries)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([code, value]) => ({ code, value: String(value) }));

/**
 * Services and e-forms — public, as the Portal's 办事指南 are. Zhili keeps one current text of
 * each guide, so every service is version "1"; its e-form's version is a fingerprint of the
 * form (it changes when the guide's questions or materials do).
 */
export class RegistrationServices {
  private readonly services: ServiceCatalog;

  constructor(services: ServiceCatalog) {
    this.services = services;
  }

  /** A service by its code, else a bundle by its code; neither is a 404. */
  async target(id: string): Promise<RegistrationTarget> {
    const service = await this.services.stored(id).catch(notFoundAsNull);
    if (service) return { kind: 'service', code: service.code, name: service.name, service, parts: [service] };
    const bundle = await this.services.bundle(id).catch(notFoundAsNull);
    if (!bundle) throw new NotFoundError('govstack.registration.service_not_found', { serviceId: id });
    const parts = await Promise.all(bundle.parts.map((code) => this.services.stored(code)));
    return { kind: 'bundle', code: bundle.code, name: bundle.name, bundle, parts };
  }

  /** Every bundle and service (bundles first); `name` searched as the Portal searches (plain words, synonyms), not matched exactly. */
  async list(name: string | undefined) {
    const { items: bundles } = await this.services.bundles();
    const text = name?.toLowerCase();
    const matching = text
      ? bundles.filter((b) => [b.name, b.description, ...b.keywords].some((s) => s.toLowerCase().includes(text)))
      : bundles;
    const { items } = await this.services.list({ q: name, limit: 10_000 });
    return [...matching.map(bundleView), ...items.map((s) => serviceView(s, []))];
  }

  /** One service with its whole guide in serviceBody (reading it counts as a use, as the Portal's guide page does). */
  async get(id: string) {
    const target = await this.target(id);
    if (target.kind === 'bundle') return bundleView(target.bundle);
    const guide = await this.services.get(target.code);
    return serviceView(
      guide,
      properties({
        legalBasis: guide.legalBasis,
        conditions: guide.conditions.join('\n'),
        materials: guide.materials
          .map((m) => `${m.name}（${m.form}${m.required ? '' : '，非必需'}${m.exempt ? '，免提交' : ''}）`)
          .join('\n'),
        fees: guide.fees,
        steps: guide.steps.join('\n'),
        keywords: guide.keywords.join('、'),
      }),
    );
  }

  /** A service has one e-form: its application form (a bundle's: the merged form, each question once). */
  async eForms(serviceId: string) {
    const { schema: _schema, ...item } = this.eFormOf(await this.target(serviceId));
    return [item];
  }

  /** An e-form by its id, which is its service's code. */
  async eForm(eFormId: string) {
    const target = await this.target(eFormId).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404) throw new NotFoundError('govstack.registration.eform_not_found', { eFormId });
      throw e;
    });
    return this.eFormOf(target);
  }

  eFormOf(target: RegistrationTarget) {
    const schema = serviceApplicationSchema(target.parts);
    const departments = [...new Set(target.parts.map((p) => p.orgName))].join('、');
    return {
      eFormId: target.code,
      name: `${target.name}申请表`,
      description:
        target.kind === 'bundle'
          ? `${target.parts.map((p) => p.name).join('、')}：一张表，每个问题只问一次（${departments}分别办理）`
          : `${target.service.type}，${departments}受理`,
      version: formVersion(schema),
      latest: true,
      schema,
    };
  }
}

function notFoundAsNull(e: unknown): null {
  if (e instanceof AppError && e.status === 404) return null;
  throw e;
}

function serviceView(s: ServiceSummary, more: Property[]) {
  return {
    id: s.code,
    name: s.name,
    version: '1',
    type: 'Public' as const,
    isExecutable: true,
    isClosed: false,
    description: `${s.type}，${s.orgName}`,
    serviceBody: [
      ...properties({
        kind: 'service',
        eFormId: s.code,
        serviceType: s.type,
        orgId: s.orgId,
        orgName: s.orgName,
        level: s.level,
        audience: s.audience,
        theme: s.theme,
        onlineDepth: s.onlineDepth,
        statutoryDays: s.statutoryDays,
        promisedDays: s.promisedDays,
        materialsToSubmit: s.materialsToSubmit,
        materialsExempt: s.materialsExempt,
      }),
      ...more,
    ],
  };
}

function bundleView(b: BundleView) {
  return {
    id: b.code,
    name: b.name,
    version: '1',
    type: 'Public' as const,
    isExecutable: true,
    isClosed: false,
    description: b.description,
    serviceBody: properties({
      kind: 'bundle',
      eFormId: b.code,
      audience: b.audience,
      theme: b.theme,
      parts: b.parts.join(','),
      partNames: b.services.map((s) => s.name).join('、'),
      departments: [...new Set(b.services.map((s) => s.orgName))].join('、'),
      keywords: b.keywords.join('、'),
    }),
  };
}
