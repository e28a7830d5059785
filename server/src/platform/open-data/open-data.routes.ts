import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { CkanError, license } from './ckan.ts';
import { DcatCatalog } from './dcat.ts';
import type { OpenData } from './open-data.module.ts';
import { downloadParams } from './open-data.schemas.ts';
import { apiKeyHeaders, portalRoutes } from './portal.routes.ts';

const tags = ['open-data'];
const number = (value: unknown, fallback: number, name: string, max: number) => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new CkanError(409, 'Validation Error', `Invalid ${name}`, { [name]: ['Invalid integer'] });
  return n;
};

/** CKAN's Action API at /api/3/action/ (its envelope and errors), DCAT-AP, the downloads, and the Portal's API. */
export function openDataRoutes(app: HttpApp, openData: OpenData): void {
  const { ckan, publicUrl } = openData;
  portalRoutes(app, openData);
  const actions: Record<string, (p: Record<string, unknown>) => Promise<unknown>> = {
    package_list: () => ckan.packageList(),
    package_show: (p) => ckan.packageShow(String(p.id ?? '')),
    package_search: (p) =>
      ckan.packageSearch({
        q: p.q === undefined ? undefined : String(p.q),
        fq: p.fq === undefined ? undefined : String(p.fq),
        rows: number(p.rows, 10, 'rows', 1000),
        start: number(p.start, 0, 'start', 1_000_000),
        sort: p.sort === undefined ? undefined : String(p.sort),
      }),
    current_package_list_with_resources: (p) =>
      ckan.currentPackageListWithResources(number(p.limit, 10, 'limit', 1000), number(p.offset, 0, 'offset', 1_000_000)),
    resource_show: (p) => ckan.resourceShow(String(p.id ?? '')),
    organization_list: (p) => ckan.organizationList(p.all_fields === true || p.all_fields === 'true' || p.all_fields === 'True'),
    organization_show: (p) => ckan.organizationShow(String(p.id ?? '')),
    group_list: async () => [],
    group_show: async () => {
      throw new CkanError(404, 'Not Found Error', 'Not found');
    },
    tag_list: () => ckan.tagList(),
    license_list: async () => [license],
    status_show: async () => ({
      site_title: 'Zhili 治理 · 公共数据开放',
      site_url: publicUrl,
      site_description: '浙江省公共数据开放（Zhili）',
      ckan_version: '2.10.4',
      locale_default: 'zh_Hans_CN',
      error_emails_to: null,
      extensions: [],
    }),
  };
  const help = (action: string) => `${publicUrl}/api/3/action/help_show?name=${action}`;
  const run = async (
    action: string,
    params: Record<string, unknown>,
    reply: { status: (n: number) => { send: (b: unknown) => unknown } },
  ) => {
    const handler = actions[action];
    if (!handler)
      return reply
        .status(400)
        .send({ help: help(action), success: false, error: { __type: 'Bad request', message: `Action name not known: ${action}` } });
    try {
      return reply.status(200).send({ help: help(action), success: true, result: await handler(params) });
    } catch (error) {
      if (!(error instanceof CkanError)) throw error;
      return reply
        .status(error.status)
        .send({ help: help(action), success: false, error: { __type: error.type, message: error.message, ...error.extra } });
    }
  };
  const params = z.strictObject({ action: z.string().regex(/^[a-z_]{1,60}$/, 'opendata.invalid_action') });
  app.get(
    '/api/3/action/:action',
    { schema: { tags, summary: 'CKAN Action API (GET)', params, querystring: z.record(z.string(), z.string().max(1000)) } },
    async (request, reply) => run(request.params.action, request.query, reply),
  );
  app.post(
    '/api/3/action/:action',
    { schema: { tags, summary: 'CKAN Action API (POST, JSON body)', params, body: z.record(z.string(), z.unknown()).default({}) } },
    async (request, reply) => run(request.params.action, request.body, reply),
  );

  const dcat = new DcatCatalog(ckan, publicUrl);
  const rdfType = { ttl: 'text/turtle; charset=utf-8', jsonld: 'application/ld+json; charset=utf-8' } as const;
  app.get(
    '/catalog.:format',
    { schema: { tags, summary: 'DCAT-AP catalog of the open datasets', params: z.strictObject({ format: z.enum(['ttl', 'jsonld']) }) } },
    async (request, reply) => {
      const body = await dcat.catalog(request.params.format);
      return reply.type(rdfType[request.params.format]).send(typeof body === 'string' ? body : JSON.stringify(body));
    },
  );
  app.get(
    '/dataset/:name.:format',
    {
      schema: {
        tags,
        summary: 'DCAT-AP description of one open dataset',
        params: z.strictObject({
          name: z.string().regex(/^[a-z0-9_-]{2,100}$/, 'opendata.invalid_name'),
          format: z.enum(['ttl', 'jsonld']),
        }),
      },
    },
    async (request, reply) => {
      try {
        const body = await dcat.dataset(request.params.name, request.params.format);
        return reply.type(rdfType[request.params.format]).send(typeof body === 'string' ? body : JSON.stringify(body));
      } catch (error) {
        if (error instanceof CkanError)
          return reply.status(404).send({ error: { code: 'opendata.not_found', message: 'Not found', details: {} } });
        throw error;
      }
    },
  );
  app.get(
    '/open/v1/datasets/:name/download.:format',
    {
      schema: {
        tags,
        summary: 'Download a dataset as CSV, JSON or XLSX (a conditionally open one with the X-API-Key of an approved applicant)',
        params: downloadParams,
        headers: apiKeyHeaders,
      },
    },
    async (request, reply) => {
      const { dataset, rows } = await openData.reader.all(
        request.actor,
        request.params.name,
        request.headers['x-api-key'],
        request.params.format,
      );
      const fields = dataset.fields;
      const file = `${encodeURIComponent(dataset.name)}.${request.params.format}`;
      reply.header('content-disposition', `attachment; filename*=UTF-8''${file}`);
      if (request.params.format === 'json') return reply.type('application/json; charset=utf-8').send(rows);
      if (request.params.format === 'csv') {
        const cell = (v: unknown) => {
          const text = v === null || v === undefined ? '' : String(v);
          return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
        };
        const lines = [fields.map((f) => cell(f.label)).join(','), ...rows.map((row) => fields.map((f) => cell(row[f.name])).join(','))];
        return reply.type('text/csv; charset=utf-8').send(`\ufeff${lines.join('\r\n')}\r\n`);
      }
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet(dataset.name.slice(0, 31));
      sheet.addRow(fields.map((f) => f.label));
      for (const row of rows) sheet.addRow(fields.map((f) => row[f.name] ?? null));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(Buffer.from(await book.xlsx.writeBuffer()));
    },
  );
}
