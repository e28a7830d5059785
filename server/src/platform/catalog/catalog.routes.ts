import type { HttpApp } from '../../kernel/index.ts';
import {
  createResourceBody,
  listQuery,
  recordQuery,
  recordsBody,
  replaceFieldsBody,
  resourceParams,
  updateResourceBody,
  versionParams,
} from './catalog.schemas.ts';
import type { CatalogService } from './catalog.service.ts';
import type { RecordStore } from './records.service.ts';

const tags = ['catalog'];

export function catalogRoutes(app: HttpApp, catalog: CatalogService, records: RecordStore): void {
  app.get(
    '/api/v1/catalog/resources',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: '数据目录 Data resources: search by words, filter by owner and attributes', querystring: listQuery },
    },
    async (request) => catalog.list(request.actor, request.query),
  );
  app.post(
    '/api/v1/catalog/resources',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: { tags, summary: '登记资源 Register a data resource with its graded fields', body: createResourceBody },
    },
    async (request, reply) => reply.status(201).send(await catalog.create(request.actor, request.body)),
  );
  app.get(
    '/api/v1/catalog/resources/:id',
    {
      config: { permission: 'catalog.read' },
      schema: { tags, summary: 'A resource with its fields and schema versions', params: resourceParams },
    },
    async (request) => catalog.detail(request.actor, request.params.id),
  );
  app.patch(
    '/api/v1/catalog/resources/:id',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'Change a resource’s description and attributes', params: resourceParams, body: updateResourceBody },
    },
    async (request) => catalog.update(request.actor, request.params.id, request.body),
  );
  app.put(
    '/api/v1/catalog/resources/:id/fields',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'Replace the field list (a new schema version)', params: resourceParams, body: replaceFieldsBody },
    },
    async (request) => catalog.replaceFields(request.actor, request.params.id, request.body.fields, request.body.note),
  );
  app.put(
    '/api/v1/catalog/resources/:id/records',
    {
      config: { permission: 'data.manage', idempotent: true },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Write records (insert or replace by the first key field): all of them, or none with every bad row listed',
        params: resourceParams,
        body: recordsBody,
      },
    },
    async (request) => records.put(request.actor, request.params.id, request.body.records),
  );
  app.get(
    '/api/v1/catalog/resources/:id/records',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: 'One record by a key field (the owner’s view, L4 fields opened)',
        params: resourceParams,
        querystring: recordQuery,
      },
    },
    async (request) => records.get(request.actor, request.params.id, request.query.field, request.query.value),
  );
  app.get(
    '/api/v1/catalog/resources/:id/versions/:version',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: 'One schema version of a resource', params: versionParams } },
    async (request) => catalog.version(request.actor, request.params.id, request.params.version),
  );
}
