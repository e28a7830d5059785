import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { ApiKeyService } from './api-keys.service.ts';
import type { ApplicationService } from './applications.service.ts';
import type { DatasetReader } from './dataset-reader.ts';
import {
  applicationParams,
  createApplicationBody,
  createKeyBody,
  datasetParams,
  decisionBody,
  keyParams,
  listApplicationsQuery,
  recordsQuery,
} from './open-data.schemas.ts';

const tags = ['open-data'];

/** `X-API-Key`, optional: other headers pass through untouched. */
export const apiKeyHeaders = z.looseObject({ 'x-api-key': z.string().max(200).optional() });

/** The Portal's own API: a dataset's rows, API keys, and applications for conditionally open data. */
export function portalRoutes(app: HttpApp, deps: { reader: DatasetReader; keys: ApiKeyService; applications: ApplicationService }): void {
  const { reader, keys, applications } = deps;
  app.get(
    '/open/v1/datasets/:name/records',
    {
      schema: {
        tags,
        summary: 'A page of a dataset’s rows (anonymous for open data; X-API-Key of an approved applicant for conditional data)',
        params: datasetParams,
        querystring: recordsQuery,
        headers: apiKeyHeaders,
      },
    },
    async (request) =>
      reader.page(request.actor, request.params.name, request.headers['x-api-key'], request.query.limit, request.query.offset),
  );

  app.post(
    '/open/v1/api-keys',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Create an API key: its secret is shown in this answer only', body: createKeyBody },
    },
    async (request, reply) => reply.status(201).send(await keys.create(request.actor, request.body)),
  );
  app.get(
    '/open/v1/api-keys',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'My API keys, with their calls and last use' } },
    async (request) => keys.list(request.actor),
  );
  app.delete(
    '/open/v1/api-keys/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'Revoke one of my API keys', params: keyParams } },
    async (request) => keys.revoke(request.actor, request.params.id),
  );

  app.post(
    '/open/v1/applications',
    {
      config: { permission: 'authenticated', idempotent: true },
      schema: { tags, summary: '有条件开放申请 Apply to use a conditionally open dataset', body: createApplicationBody },
    },
    async (request, reply) => reply.status(201).send(await applications.apply(request.actor, request.body)),
  );
  app.get(
    '/open/v1/applications',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Applications: mine (view=mine), or those for my organisations’ datasets (view=review, data officers)',
        querystring: listApplicationsQuery,
      },
    },
    async (request) => applications.list(request.actor, request.query),
  );
  app.get(
    '/open/v1/applications/:id',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'One application', params: applicationParams } },
    async (request) => applications.get(request.actor, request.params.id),
  );
  app.post(
    '/open/v1/applications/:id/decision',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: 'Approve or refuse an application (a refusal says why)',
        params: applicationParams,
        body: decisionBody,
      },
    },
    async (request) => applications.decide(request.actor, request.params.id, request.body),
  );
}
