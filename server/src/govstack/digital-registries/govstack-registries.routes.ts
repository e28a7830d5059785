import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError, translate, ValidationError, type HttpApp } from '../../kernel/index.ts';
import {
  createBody,
  listQuery,
  mediatorClientHeaders as headers,
  personalDataUsageQuery,
  queryBody,
  recordParams,
  registryParams,
  updateBody,
  updateEntriesBody,
  valueParams,
} from './govstack-registries.schemas.ts';
import { asText, RegistryService, type RegistryDeps } from './govstack-registries.service.ts';

/**
 * GovStack Digital Registries BB data API
 * (../shared/govstack/digital-registries/GovStack_Digital_registries_BB_Data_API_template-1.3.0.yaml):
 * a registry is a data resource by its code, its version the resource's schema version.
 */
const base = '/govstack/digital-registries/data';
const tags = ['govstack-digital-registries'];
const config = { permission: 'authenticated' };

/**
 * The contract's one error body is `{"detail": "…"}` (a read that finds nothing: "no record
 * found"); every error here carries it beside Zhili's own `error` object.
 */
async function withDetail(_request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
  try {
    const body = JSON.parse(payload) as { error?: { code?: string; message?: string }; detail?: unknown };
    if (!body.error || 'detail' in body) return payload;
    return JSON.stringify({ detail: body.error.code === 'govstack.registry.no_record' ? 'no record found' : body.error.message, ...body });
  } catch {
    return payload;
  }
}

export function govstackDigitalRegistriesRoutes(app: HttpApp, deps: RegistryDeps & { publicUrl: string }): void {
  const registries = new RegistryService(deps);
  const onSend = withDetail;

  app.get(
    `${base}/myPersonalDataUsage`,
    {
      config,
      onSend,
      schema: {
        tags,
        summary: 'Who read a person’s data — not recorded by Zhili (404, explained)',
        headers,
        querystring: personalDataUsageQuery,
      },
    },
    async () => {
      throw new NotFoundError('govstack.registry.usage_not_recorded');
    },
  );

  app.get(
    `${base}/:registryName/:versionNumber`,
    {
      config,
      onSend,
      schema: {
        tags,
        summary: 'Records of a registry: search (in `filter`’s field, else in every field shown in clear), query.<field>=<value>, pages',
        params: registryParams,
        headers,
        querystring: listQuery,
      },
    },
    async (request) => {
      const { registryName, versionNumber } = request.params;
      const registry = await registries.registry(registryName, versionNumber);
      const q = request.query;
      const equals: Record<string, string> = {};
      for (const [key, value] of Object.entries(q)) if (key.startsWith('query.')) equals[key.slice(6)] = String(value);
      const { records, total } = await registries.find(request.actor, registry, {
        equals,
        contains: q.search ? { field: q.filter || undefined, text: q.search } : undefined,
        descending: q.ordering === 'descending',
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const pageUrl = (page: number) => {
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(q)) if (value !== undefined && key !== 'page') params.set(key, String(value));
        params.set('page', String(page));
        return `${deps.publicUrl.replace(/\/$/, '')}${base}/${encodeURIComponent(registryName)}/${encodeURIComponent(versionNumber)}?${params}`;
      };
      return {
        count: total,
        next: (q.page - 1) * q.pageSize + records.length < total ? pageUrl(q.page + 1) : null,
        previous: q.page > 1 ? pageUrl(q.page - 1) : null,
        results: records,
      };
    },
  );

  app.post(
    `${base}/:registryName/:versionNumber/read`,
    {
      config,
      onSend,
      schema: { tags, summary: 'The first record matching query.content', params: registryParams, headers, body: queryBody },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      const [record] = (await registries.find(request.actor, registry, { equals: asText(request.body.query.content), limit: 1, offset: 0 }))
        .records;
      if (!record) throw new NotFoundError('govstack.registry.no_record');
      return { content: record };
    },
  );

  app.post(
    `${base}/:registryName/:versionNumber/exists`,
    {
      config,
      onSend,
      schema: { tags, summary: 'Whether a record matches query.content', params: registryParams, headers, body: queryBody },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      const { total } = await registries.find(request.actor, registry, { equals: asText(request.body.query.content), limit: 1, offset: 0 });
      return {
        answer: {
          status: total > 0,
          message: translate(total > 0 ? 'govstack.registry.exists' : 'govstack.registry.not_exists', request.locale),
        },
      };
    },
  );

  app.get(
    `${base}/:registryName/:versionNumber/:uuid/readValue/:field.:ext`,
    {
      config,
      onSend,
      schema: {
        tags,
        summary: 'One field of the record with this primary key (field by name or label; .json)',
        params: valueParams,
        headers,
      },
    },
    async (request) => {
      const { registryName, versionNumber, uuid, field, ext } = request.params;
      if (ext !== 'json') throw new ValidationError('govstack.registry.unsupported_format', { ext });
      const registry = await registries.registry(registryName, versionNumber);
      return { value: await registries.readValue(request.actor, registry, uuid, field) };
    },
  );

  app.post(
    `${base}/:registryName/:versionNumber/create`,
    {
      config,
      onSend,
      schema: { tags, summary: 'A new record (the owner organisation only)', params: registryParams, headers, body: createBody },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      return { content: await registries.create(request.actor, registry, request.body.write.content) };
    },
  );

  app.put(
    `${base}/:registryName/:versionNumber/update`,
    {
      config,
      onSend,
      schema: {
        tags,
        summary: 'Changes the one record query.content names (else the primary key in write); the owner only',
        params: registryParams,
        headers,
        body: updateBody,
      },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      return { content: await registries.update(request.actor, registry, request.body.query?.content, request.body.write.content) };
    },
  );

  app.put(
    `${base}/:registryName/:versionNumber/updateEntries`,
    {
      config,
      onSend,
      schema: {
        tags,
        summary: 'Changes every record matching query.content (required here; at most 1,000); the owner only',
        params: registryParams,
        headers,
        body: updateEntriesBody,
      },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      return registries.updateEntries(request.actor, registry, request.body.query.content, request.body.write.content);
    },
  );

  app.post(
    `${base}/:registryName/:versionNumber/updateOrCreate`,
    {
      config,
      onSend,
      schema: {
        tags,
        summary: 'update, or create when nothing matches; the owner only',
        params: registryParams,
        headers,
        body: updateBody,
      },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      return { content: await registries.updateOrCreate(request.actor, registry, request.body.query?.content, request.body.write.content) };
    },
  );

  app.delete(
    `${base}/:registryName/:versionNumber/:ID/delete`,
    {
      config,
      onSend,
      schema: { tags, summary: 'Refused (409): records are only added or replaced', params: recordParams, headers },
    },
    async (request) => {
      const registry = await registries.registry(request.params.registryName, request.params.versionNumber);
      return registries.remove(request.actor, registry, request.params.ID);
    },
  );
}
