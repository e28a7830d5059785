import { z } from 'zod';
import { AppError, type HttpApp } from '../../kernel/index.ts';
import { fileFormats } from './file-rows.ts';
import type { LoadService } from './loads.ts';
import type { QualityService } from './quality.ts';
import { createSourceBody, updateSourceBody, type SourceService } from './sources.ts';

const tags = ['collection'];
const resourceId = z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id');
const loadParams = z.strictObject({ id: z.string().regex(/^load_[0-9a-z]{26}$/, 'identity.invalid_id') });
const sourceParams = z.strictObject({ id: z.string().regex(/^src_[0-9a-z]{26}$/, 'identity.invalid_id') });
const createLoadBody = z.strictObject({
  resourceId,
  format: z.enum(fileFormats),
  fileName: z.string().trim().max(200).optional(),
  mode: z.enum(['upsert', 'replace']).default('upsert'),
  onError: z.enum(['reject', 'skip']).default('reject'),
});

/** The largest file one load takes (a million rows of a wide resource fit well within). */
export const maxLoadBytes = 2 * 1024 * 1024 * 1024;

export function collectionRoutes(app: HttpApp, loads: LoadService, sources: SourceService, quality: QualityService): void {
  app.post(
    '/api/v1/collection/loads',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: { tags, summary: '归集 Start a load of a file into a resource (then PUT its file)', body: createLoadBody },
    },
    async (request, reply) => reply.status(201).send(await loads.create(request.actor, request.body)),
  );
  app.get(
    '/api/v1/collection/loads',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'A resource’s latest loads', querystring: z.strictObject({ resourceId }) },
    },
    async (request) => loads.list(request.actor, request.query.resourceId),
  );
  app.get(
    '/api/v1/collection/loads/:id',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'A load’s progress, result and row problems', params: loadParams },
    },
    async (request) => loads.get(request.actor, request.params.id),
  );
  app.register(async (scope) => {
    // The file streams straight into the load: no parser buffers it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { bodyLimit: maxLoadBytes }, (_request, payload, done) => done(null, payload));
    (scope as unknown as HttpApp).put(
      '/api/v1/collection/loads/:id/file',
      {
        bodyLimit: maxLoadBytes,
        config: { permission: 'data.manage' },
        schema: {
          tags,
          summary: 'The load’s file (CSV, XLSX or JSON as the raw body): answers when published, or 422 with every bad row',
          params: loadParams,
        },
      },
      async (request) => {
        const body = request.body as AsyncIterable<Buffer> | undefined;
        const load = await loads.receive(request.actor, request.params.id, body ?? (async function* () {})());
        if (load.status === 'rejected')
          throw new AppError(422, load.failure ?? 'collection.rows_invalid', {
            loadId: load.id,
            total: load.rowsBad,
            reasons: load.reasons,
            problems: load.problems.slice(0, 200),
          });
        return load;
      },
    );
  });

  app.post(
    '/api/v1/collection/sources',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: { tags, summary: '定时归集 Register a scheduled pull from a department’s HTTP JSON API', body: createSourceBody },
    },
    async (request, reply) => reply.status(201).send(await sources.create(request.actor, request.body)),
  );
  app.get(
    '/api/v1/collection/sources',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'A resource’s scheduled pulls', querystring: z.strictObject({ resourceId }) },
    },
    async (request) => sources.list(request.actor, request.query.resourceId),
  );
  app.patch(
    '/api/v1/collection/sources/:id',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'Pause, resume or re-time a pull', params: sourceParams, body: updateSourceBody },
    },
    async (request) => sources.update(request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/v1/collection/sources/:id/run',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: '立即归集 Run a pull now (answers with its load)', params: sourceParams },
    },
    async (request) => sources.runNow(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/collection/quality/:resourceId',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: '数据质量 A resource’s quality score, problems and open rectification',
        params: z.strictObject({ resourceId }),
      },
    },
    async (request) => quality.quality(request.actor, request.params.resourceId),
  );
  app.post(
    '/api/v1/collection/quality/:resourceId/check',
    {
      config: { permission: 'data.manage' },
      schema: { tags, summary: 'Check every stored record against the current rules', params: z.strictObject({ resourceId }) },
    },
    async (request) => quality.check(request.actor, request.params.resourceId),
  );
}
