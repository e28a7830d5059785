import { searchWords } from '../catalog/index.ts';
import type { PublishedCatalog, PublishedResource } from './published.ts';

type OpenResource = PublishedResource;

/** Zhejiang's open-data licence, the one licence datasets here carry. */
export const license = {
  id: 'zj-public-data-open',
  title: '浙江省公共数据开放许可协议',
  url: 'https://data.zjzwfw.gov.cn/',
  od_conformance: 'approved',
  osd_conformance: 'not reviewed',
  status: 'active',
  domain_content: true,
  domain_data: true,
  domain_software: false,
  family: '',
  maintainer: '',
  is_generic: false,
};

/** A CKAN error: the Action API's own envelope and types, so CKAN clients read it. */
export class CkanError extends Error {
  readonly status: number;
  readonly type: string;
  readonly extra: Record<string, unknown>;
  constructor(
    status: number,
    type: 'Not Found Error' | 'Validation Error' | 'Authorization Error',
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = status;
    this.type = type;
    this.extra = extra;
  }
}

/** CKAN names are lower-case letters, digits, - and _: a resource's code is one already, lower-cased. */
export const packageName = (code: string) => code.toLowerCase();

/**
 * P4 open data through CKAN's Action API (the subset harvesters and clients use): datasets are
 * the catalog's resources open to all (无条件开放) and open on application (有条件开放, extra
 * `open_type: conditional`), organisations their owners, each dataset's records downloadable as
 * CSV, JSON and XLSX — a conditional one's only with an approved API key.
 */
export class CkanApi {
  private readonly published: PublishedCatalog;
  private readonly publicUrl: string;

  constructor(published: PublishedCatalog, publicUrl: string) {
    this.published = published;
    this.publicUrl = publicUrl;
  }

  private async tags(resource: OpenResource): Promise<string[]> {
    return (await searchWords(resource.name)).filter((w) => w.length > 1);
  }

  private organization(resource: OpenResource) {
    return {
      id: resource.orgId,
      name: resource.orgId,
      title: resource.orgName,
      type: 'organization',
      description: '',
      image_url: '',
      created: resource.createdAt,
      is_organization: true,
      approval_status: 'approved',
      state: 'active',
    };
  }

  private resources(resource: OpenResource) {
    const name = packageName(resource.code);
    return (['csv', 'json', 'xlsx'] as const).map((format, position) => ({
      id: `${resource.id}-${format}`,
      package_id: resource.id,
      name: `${resource.name}（${format.toUpperCase()}）`,
      description: resource.description,
      format: format.toUpperCase(),
      mimetype: { csv: 'text/csv', json: 'application/json', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }[
        format
      ],
      url: `${this.publicUrl}/open/v1/datasets/${name}/download.${format}`,
      url_type: null,
      position,
      created: resource.createdAt,
      last_modified: resource.updatedAt,
      state: 'active',
      datastore_active: false,
    }));
  }

  private async dataset(resource: OpenResource) {
    const tags = await this.tags(resource);
    const resources = this.resources(resource);
    return {
      id: resource.id,
      name: packageName(resource.code),
      title: resource.name,
      notes: resource.description,
      type: 'dataset',
      state: 'active',
      private: false,
      owner_org: resource.orgId,
      organization: this.organization(resource),
      author: resource.orgName,
      maintainer: resource.orgName,
      license_id: license.id,
      license_title: license.title,
      license_url: license.url,
      metadata_created: resource.createdAt,
      metadata_modified: resource.updatedAt,
      version: String(resource.version),
      url: `${this.publicUrl}/open/datasets/${packageName(resource.code)}`,
      open_type: resource.openType,
      num_resources: resources.length,
      num_tags: tags.length,
      resources,
      tags: tags.map((name) => ({ id: name, name, display_name: name, state: 'active', vocabulary_id: null })),
      groups: [],
      extras: [
        { key: 'open_type', value: resource.openType },
        { key: 'update_frequency', value: resource.updateFrequency },
        { key: 'source_system', value: resource.sourceSystem },
        { key: 'fields', value: JSON.stringify(resource.fields.map((f) => ({ name: f.name, label: f.label, type: f.type, key: f.key }))) },
      ],
    };
  }

  /** A published dataset by id or name (its lower-cased code). */
  async find(idOrName: string): Promise<OpenResource> {
    const found = await this.published.find(idOrName);
    if (!found) throw new CkanError(404, 'Not Found Error', 'Not found');
    return found;
  }

  async packageList() {
    return (await this.published.all()).map((r) => packageName(r.code));
  }

  async packageShow(id: string) {
    return this.dataset(await this.find(id));
  }

  /** Every open dataset as a package, read once (the DCAT-AP catalog). */
  async allPackages() {
    return Promise.all((await this.published.all()).map((r) => this.dataset(r)));
  }

  async currentPackageListWithResources(limit: number, offset: number) {
    const all = await this.published.all();
    const sorted = [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return Promise.all(sorted.slice(offset, offset + limit).map((r) => this.dataset(r)));
  }

  /** `q` words (jieba) must all appear; `fq` takes `organization:<id>`, `tags:<tag>`, `res_format:<fmt>`, `open_type:<open|conditional>`; sort by `metadata_modified`, `title_string` or `name`. */
  async packageSearch(query: { q?: string | undefined; fq?: string | undefined; rows: number; start: number; sort?: string | undefined }) {
    let found = await this.published.all();
    const words = query.q && query.q !== '*:*' ? await searchWords(query.q) : [];
    found = found.filter((r) => words.every((w) => r.searchText.includes(w)));
    for (const clause of (query.fq ?? '').split(/\s+(?:AND\s+)?/).filter(Boolean)) {
      const match = /^\+?(\w+):"?([^"]+)"?$/.exec(clause);
      if (!match) throw new CkanError(409, 'Validation Error', 'Invalid fq', { fq: [clause] });
      const [, key, value] = match;
      if (key === 'organization' || key === 'owner_org') found = found.filter((r) => r.orgId === value);
      else if (key === 'tags') {
        const keep: OpenResource[] = [];
        for (const r of found) if ((await this.tags(r)).includes(value!)) keep.push(r);
        found = keep;
      } else if (key === 'res_format') found = ['CSV', 'JSON', 'XLSX'].includes(value!.toUpperCase()) ? found : [];
      else if (key === 'license_id') found = value === license.id ? found : [];
      else if (key === 'open_type') found = found.filter((r) => r.openType === value);
      else throw new CkanError(409, 'Validation Error', 'Invalid fq', { fq: [clause] });
    }
    const [field, direction] = (query.sort ?? 'metadata_modified desc').split(/\s+/);
    const key = (r: OpenResource) => (field === 'title_string' ? r.name : field === 'name' ? r.code.toLowerCase() : r.updatedAt);
    if (!['metadata_modified', 'title_string', 'name', 'score'].includes(field!))
      throw new CkanError(409, 'Validation Error', 'Invalid sort', { sort: [query.sort] });
    found = [...found].sort((a, b) => key(a).localeCompare(key(b), 'zh-CN') * (direction === 'asc' ? 1 : -1));
    return {
      count: found.length,
      sort: query.sort ?? 'metadata_modified desc',
      facets: {},
      search_facets: {},
      results: await Promise.all(found.slice(query.start, query.start + query.rows).map((r) => this.dataset(r))),
    };
  }

  async resourceShow(id: string) {
    const [resourceId, format] = [id.slice(0, id.lastIndexOf('-')), id.slice(id.lastIndexOf('-') + 1)];
    const dataset = await this.find(resourceId);
    const resource = this.resources(dataset).find((r) => r.id === id && format);
    if (!resource) throw new CkanError(404, 'Not Found Error', 'Not found');
    return resource;
  }

  private organizations(open: OpenResource[]) {
    const byOrg = new Map<string, { resource: OpenResource; count: number }>();
    for (const r of open) {
      const entry = byOrg.get(r.orgId);
      if (entry) entry.count += 1;
      else byOrg.set(r.orgId, { resource: r, count: 1 });
    }
    return [...byOrg.values()].map(({ resource, count }) => ({ ...this.organization(resource), package_count: count }));
  }

  async organizationList(allFields: boolean) {
    const orgs = this.organizations(await this.published.all());
    return allFields ? orgs : orgs.map((o) => o.name);
  }

  async organizationShow(id: string) {
    const open = await this.published.all();
    const org = this.organizations(open).find((o) => o.id === id);
    if (!org) throw new CkanError(404, 'Not Found Error', 'Not found');
    const datasets = open.filter((r) => r.orgId === id);
    return { ...org, packages: await Promise.all(datasets.map((r) => this.dataset(r))), users: [], extras: [], groups: [], tags: [] };
  }

  async tagList() {
    const tags = new Set<string>();
    for (const r of await this.published.all()) for (const tag of await this.tags(r)) tags.add(tag);
    return [...tags].sort();
  }
}
