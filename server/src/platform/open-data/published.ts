import { gradeRank, serviceActor } from '../../kernel/index.ts';
import type { CatalogService, Field } from '../catalog/index.ts';

/** The catalog read on the portal's behalf: browsing the register needs `catalog.read`, nothing more. */
const portalActor = serviceActor('zhili-open-data', '公共数据开放门户', ['catalog.read']);

export type OpenType = 'open' | 'conditional';

/** A resource the portal publishes: open to all (无条件开放) or on application (有条件开放). */
export interface PublishedResource {
  id: string;
  code: string;
  name: string;
  description: string;
  orgId: string;
  orgName: string;
  openType: OpenType;
  updateFrequency: string;
  sourceSystem: string;
  version: number;
  /** What a reader gets: every field of an open dataset; fields up to L2 of a conditional one. */
  fields: Field[];
  createdAt: string;
  updatedAt: string;
  searchText: string;
}

type Detail = Awaited<ReturnType<CatalogService['detail']>>;

/**
 * A conditionally open dataset opens its fields graded L1 公开 and L2 内部 to approved
 * applicants; L3/L4 (personal and important data) never leave through open data — they are
 * shared between departments under grants, through the gateway.
 */
export function servedFields(fields: Field[], openType: OpenType): Field[] {
  return openType === 'open' ? fields : fields.filter((f) => gradeRank(f.grade) <= 2);
}

/**
 * The catalog's open and conditionally open resources, as the portal, CKAN and DCAT show them.
 * Open ones come from the catalog's public listing; conditional ones through its browse API,
 * their details kept while a resource's `updatedAt` stays the same.
 */
export class PublishedCatalog {
  private readonly catalog: CatalogService;
  private readonly details = new Map<string, { updatedAt: string; detail: Detail }>();

  constructor(catalog: CatalogService) {
    this.catalog = catalog;
  }

  private async conditional(): Promise<PublishedResource[]> {
    const summaries: Awaited<ReturnType<CatalogService['list']>>['items'] = [];
    let cursor: string | undefined;
    do {
      const page = await this.catalog.list(portalActor, { openType: 'conditional', limit: 200, cursor });
      summaries.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const found: PublishedResource[] = [];
    for (const summary of summaries) {
      let cached = this.details.get(summary.id);
      if (!cached || cached.updatedAt !== summary.updatedAt) {
        cached = { updatedAt: summary.updatedAt, detail: await this.catalog.detail(portalActor, summary.id) };
        this.details.set(summary.id, cached);
      }
      const { detail } = cached;
      const first = detail.versions.at(-1);
      found.push({
        id: detail.id,
        code: detail.code,
        name: detail.name,
        description: detail.description,
        orgId: detail.orgId,
        orgName: detail.orgName,
        openType: 'conditional',
        updateFrequency: detail.updateFrequency,
        sourceSystem: detail.sourceSystem,
        version: detail.version,
        fields: servedFields(detail.fields, 'conditional'),
        createdAt: first?.changedAt ?? detail.updatedAt,
        updatedAt: detail.updatedAt,
        searchText: [detail.name, detail.code, detail.description, ...detail.fields.map((f) => f.label)].join(' ').toLowerCase(),
      });
    }
    return found;
  }

  /** Every published resource, ordered by code. */
  async all(): Promise<PublishedResource[]> {
    const open = (await this.catalog.openResources()).map((r): PublishedResource => ({
      id: r.id,
      code: r.code,
      name: r.name,
      description: r.description,
      orgId: r.orgId,
      orgName: r.orgName,
      openType: 'open',
      updateFrequency: r.updateFrequency,
      sourceSystem: r.sourceSystem,
      version: r.version,
      fields: r.fields,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      searchText: r.searchText,
    }));
    return [...open, ...(await this.conditional())].sort((a, b) => a.code.localeCompare(b.code));
  }

  /** A published resource by id or dataset name (its lower-cased code). */
  async find(idOrName: string): Promise<PublishedResource | undefined> {
    const name = idOrName.toLowerCase();
    return (await this.all()).find((r) => r.id === idOrName || r.code.toLowerCase() === name);
  }
}
