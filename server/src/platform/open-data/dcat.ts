import { DataFactory, Writer, type Quad } from 'n3';
import type { CkanApi } from './ckan.ts';

const { namedNode, literal, quad } = DataFactory;

const ns = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};
const frequencies: Record<string, string> = {
  realtime: 'CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  yearly: 'ANNUAL',
  irregular: 'IRREG',
};

type Dataset = Awaited<ReturnType<CkanApi['packageShow']>>;

/**
 * DCAT-AP for the open datasets: the same packages the CKAN API serves, as RDF — written to
 * Turtle by n3 and to JSON-LD with DCAT's own terms.
 */
export class DcatCatalog {
  private readonly ckan: CkanApi;
  private readonly publicUrl: string;

  constructor(ckan: CkanApi, publicUrl: string) {
    this.ckan = ckan;
    this.publicUrl = publicUrl;
  }

  private datasetIri(d: Dataset) {
    return `${this.publicUrl}/dataset/${d.name}`;
  }

  private datasetQuads(d: Dataset): Quad[] {
    const s = namedNode(this.datasetIri(d));
    const frequency = d.extras.find((e) => e.key === 'update_frequency')?.value ?? 'irregular';
    const quads: Quad[] = [
      quad(s, namedNode(`${ns.rdf}type`), namedNode(`${ns.dcat}Dataset`)),
      quad(s, namedNode(`${ns.dct}identifier`), literal(d.name)),
      quad(s, namedNode(`${ns.dct}title`), literal(d.title, 'zh')),
      quad(s, namedNode(`${ns.dct}description`), literal(d.notes, 'zh')),
      quad(s, namedNode(`${ns.dct}issued`), literal(d.metadata_created, namedNode(`${ns.xsd}dateTime`))),
      quad(s, namedNode(`${ns.dct}modified`), literal(d.metadata_modified, namedNode(`${ns.xsd}dateTime`))),
      quad(s, namedNode(`${ns.dct}publisher`), namedNode(`${this.publicUrl}/organization/${d.owner_org}`)),
      quad(
        s,
        namedNode(`${ns.dct}accrualPeriodicity`),
        namedNode(`http://publications.europa.eu/resource/authority/frequency/${frequencies[frequency] ?? 'IRREG'}`),
      ),
      quad(s, namedNode(`${ns.dcat}landingPage`), namedNode(d.url)),
      // 无条件开放 is PUBLIC; 有条件开放 (rows on an approved application) RESTRICTED.
      quad(
        s,
        namedNode(`${ns.dct}accessRights`),
        namedNode(`http://publications.europa.eu/resource/authority/access-right/${d.open_type === 'open' ? 'PUBLIC' : 'RESTRICTED'}`),
      ),
      ...d.tags.map((t) => quad(s, namedNode(`${ns.dcat}keyword`), literal(t.name, 'zh'))),
    ];
    const publisher = namedNode(`${this.publicUrl}/organization/${d.owner_org}`);
    quads.push(quad(publisher, namedNode(`${ns.rdf}type`), namedNode(`${ns.foaf}Organization`)));
    quads.push(quad(publisher, namedNode(`${ns.foaf}name`), literal(d.organization.title, 'zh')));
    for (const r of d.resources) {
      const dist = namedNode(`${this.datasetIri(d)}/distribution/${r.format.toLowerCase()}`);
      quads.push(
        quad(s, namedNode(`${ns.dcat}distribution`), dist),
        quad(dist, namedNode(`${ns.rdf}type`), namedNode(`${ns.dcat}Distribution`)),
        quad(dist, namedNode(`${ns.dct}title`), literal(r.name, 'zh')),
        quad(dist, namedNode(`${ns.dcat}downloadURL`), namedNode(r.url)),
        quad(dist, namedNode(`${ns.dcat}accessURL`), namedNode(r.url)),
        quad(dist, namedNode(`${ns.dcat}mediaType`), literal(r.mimetype)),
        quad(dist, namedNode(`${ns.dct}format`), literal(r.format)),
        quad(dist, namedNode(`${ns.dct}license`), namedNode(d.license_url)),
      );
    }
    return quads;
  }

  private catalogQuads(datasets: Dataset[]): Quad[] {
    const c = namedNode(`${this.publicUrl}/catalog`);
    return [
      quad(c, namedNode(`${ns.rdf}type`), namedNode(`${ns.dcat}Catalog`)),
      quad(c, namedNode(`${ns.dct}title`), literal('浙江省公共数据开放目录', 'zh')),
      quad(c, namedNode(`${ns.dct}description`), literal('Zhili 治理 公共数据开放（DCAT-AP）', 'zh')),
      quad(c, namedNode(`${ns.foaf}homepage`), namedNode(`${this.publicUrl}/portal`)),
      ...datasets.map((d) => quad(c, namedNode(`${ns.dcat}dataset`), namedNode(this.datasetIri(d)))),
      ...datasets.flatMap((d) => this.datasetQuads(d)),
    ];
  }

  private turtle(quads: Quad[]): Promise<string> {
    const writer = new Writer({ prefixes: ns });
    writer.addQuads(quads);
    return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
  }

  /** JSON-LD: each subject a node with its predicates compacted to `dcat:`/`dct:`/`foaf:` names. */
  private jsonld(quads: Quad[]) {
    const compact = (iri: string) => {
      for (const [prefix, base] of Object.entries(ns)) if (iri.startsWith(base)) return `${prefix}:${iri.slice(base.length)}`;
      return iri;
    };
    const nodes = new Map<string, Record<string, unknown>>();
    for (const q of quads) {
      const node = nodes.get(q.subject.value) ?? { '@id': q.subject.value };
      nodes.set(q.subject.value, node);
      const key = q.predicate.value === `${ns.rdf}type` ? '@type' : compact(q.predicate.value);
      const value =
        q.predicate.value === `${ns.rdf}type`
          ? compact(q.object.value)
          : q.object.termType === 'NamedNode'
            ? { '@id': q.object.value }
            : 'language' in q.object && q.object.language
              ? { '@value': q.object.value, '@language': q.object.language }
              : q.object.value;
      const existing = node[key];
      node[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    return { '@context': { dcat: ns.dcat, dct: ns.dct, foaf: ns.foaf, xsd: ns.xsd }, '@graph': [...nodes.values()] };
  }

  async catalog(format: 'ttl' | 'jsonld') {
    const quads = this.catalogQuads(await this.ckan.allPackages());
    return format === 'ttl' ? this.turtle(quads) : this.jsonld(quads);
  }

  async dataset(name: string, format: 'ttl' | 'jsonld') {
    const quads = this.datasetQuads(await this.ckan.packageShow(name));
    return format === 'ttl' ? this.turtle(quads) : this.jsonld(quads);
  }
}
