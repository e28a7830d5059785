import type { Field } from '../../platform/catalog/index.ts';

export interface ServedResource {
  code: string;
  name: string;
  description: string;
  version: number;
  fields: Field[];
}

const clearTypes: Partial<Record<Field['type'], { type: string; format?: string }>> = {
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

/** A field as a consumer receives it: L3 and L4 values come masked, so as text. */
function propertyOf(field: Field) {
  const masked = field.grade === 'L3' || field.grade === 'L4';
  return {
    ...(masked ? { type: 'string' } : (clearTypes[field.type] ?? { type: 'string' })),
    description: [field.label, field.description, masked ? `${field.grade}: masked for consumers` : field.grade]
      .filter(Boolean)
      .join(' — '),
    'x-zhili-type': field.type,
    'x-zhili-grade': field.grade,
    ...(field.key ? { 'x-zhili-key': true } : {}),
  };
}

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const refused = {
  '401': { description: 'No app token' },
  '403': { description: 'No grant held for this resource, or a field not granted' },
  '429': { description: 'Rate limit passed (Retry-After)' },
};

/**
 * One served resource as an OpenAPI 3.0 document: its gateway calls and its Digital Registries
 * reads, the record schema from the catalog fields (what a consumer sees only of the fields it
 * was granted, masked by grade).
 */
export function serviceOpenApi(resource: ServedResource, publicUrl: string) {
  const keys = resource.fields.filter((f) => f.key).map((f) => f.name);
  const record = { $ref: '#/components/schemas/Record' };
  const registry = `/govstack/digital-registries/data/${resource.code}/${resource.version}`;
  const imClient = { name: 'Information-Mediator-Client', in: 'header', required: true, schema: { type: 'string' } };
  const queryBody = {
    required: true,
    ...json({ type: 'object', required: ['query'], properties: { query: { type: 'object', properties: { content: record } } } }),
  };
  return {
    openapi: '3.0.3',
    info: {
      title: `${resource.name} (${resource.code})`,
      version: String(resource.version),
      description: `${resource.description}\n\nServed by Zhili's data gateway: an app's OAuth2 client-credentials token; only the fields its organisation was granted, L3/L4 masked; every call audited.`,
    },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    paths: {
      [`/gateway/v1/${resource.code}/records`]: {
        get: {
          summary: 'One record by a key field',
          parameters: [
            { name: 'field', in: 'query', required: true, schema: { type: 'string', enum: keys } },
            { name: 'key', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The record, or null',
              ...json({ type: 'object', properties: { record: { ...record, nullable: true } } }),
            },
            ...refused,
          },
        },
      },
      [`/gateway/v1/${resource.code}/records/query`]: {
        post: {
          summary: 'Records by up to 1,000 keys, in the order asked',
          requestBody: {
            required: true,
            ...json({
              type: 'object',
              required: ['field', 'keys'],
              properties: { field: { type: 'string', enum: keys }, keys: { type: 'array', maxItems: 1000, items: { type: 'string' } } },
            }),
          },
          responses: {
            '200': {
              description: 'null where none',
              ...json({ type: 'object', properties: { records: { type: 'array', items: { ...record, nullable: true } } } }),
            },
            ...refused,
          },
        },
      },
      [registry]: {
        get: {
          summary: 'Records: search, query.<field>=<value>, page, pageSize, ordering',
          parameters: [
            imClient,
            ...['search', 'filter', 'ordering', 'page', 'pageSize'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          ],
          responses: {
            '200': {
              description: 'A page',
              ...json({
                type: 'object',
                required: ['count', 'results'],
                properties: {
                  count: { type: 'integer' },
                  next: { type: 'string', nullable: true },
                  previous: { type: 'string', nullable: true },
                  results: { type: 'array', items: record },
                },
              }),
            },
            ...refused,
          },
        },
      },
      [`${registry}/read`]: {
        post: {
          summary: 'The first record matching query.content',
          parameters: [imClient],
          requestBody: queryBody,
          responses: {
            '200': { description: 'Found', ...json({ type: 'object', properties: { content: record } }) },
            '404': { description: 'no record found' },
            ...refused,
          },
        },
      },
      [`${registry}/exists`]: {
        post: {
          summary: 'Whether a record matches query.content',
          parameters: [imClient],
          requestBody: queryBody,
          responses: {
            '200': {
              description: 'The answer',
              ...json({
                type: 'object',
                properties: { answer: { type: 'object', properties: { status: { type: 'boolean' }, message: { type: 'string' } } } },
              }),
            },
            ...refused,
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: `OAuth2 client credentials: ${publicUrl}/oidc/token` } },
      schemas: {
        Record: { type: 'object', properties: Object.fromEntries(resource.fields.map((f) => [f.name, propertyOf(f)])) },
      },
    },
  };
}
