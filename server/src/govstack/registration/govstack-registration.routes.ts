import type { FastifyReply, FastifyRequest } from 'fastify';
import { translate, type Database, type HttpApp } from '../../kernel/index.ts';
import type { CertificateService } from '../../platform/certificates/index.ts';
import type { AttachmentStore, WorkflowEngine } from '../../platform/workflow/index.ts';
import type { CaseService, ServiceCatalog } from '../../systems/one-stop/index.ts';
import { maxUploadBodyBytes, parseUploadBody, uploadFiles } from './document-upload.ts';
import {
  applicationListQuery,
  applicationSubmit,
  completeTaskBody,
  documentsBody,
  documentsQuery,
  eFormParams,
  fileParams,
  mediatorClientHeaders as headers,
  serviceListQuery,
  serviceParams,
  statisticsQuery,
  taskListQuery,
  taskParams,
} from './govstack-registration.schemas.ts';
import { RegistrationApplications } from './registration-applications.service.ts';
import { RegistrationServices } from './registration-services.service.ts';
import { RegistrationStatistics } from './registration-statistics.service.ts';
import { RegistrationTasks } from './registration-tasks.service.ts';

/**
 * GovStack Registration BB (../shared/govstack/registration/GovStack_Registration_BB_API.json
 * and …_statistics.json) over 一网通办: services are 政务服务事项 and 一件事 bundles, e-forms
 * their application forms, applications 办件, tasks the workflow's steps of those cases.
 */
const base = '/govstack/registration';
const tags = ['govstack-registration'];
/** Applications and tasks are a person's: the kernel resolves the session or bearer token; apps are refused in the service. */
const person = { permission: 'authenticated' };

export interface RegistrationDeps {
  db: Database;
  services: ServiceCatalog;
  cases: CaseService;
  workflow: WorkflowEngine;
  attachments: AttachmentStore;
  certificates: CertificateService;
  publicUrl: string;
}

/**
 * The contract's error body is `systemError` ({traceId, code, message, localizedMessage}); every
 * error here carries it beside Zhili's own `error` object.
 */
async function withSystemError(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
  try {
    const body = JSON.parse(payload) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
    if (!body.error?.code || 'traceId' in body) return payload;
    return JSON.stringify({
      traceId: request.id,
      code: body.error.code,
      message: translate(body.error.code, 'en', body.error.details ?? {}),
      localizedMessage: body.error.message,
      ...body,
    });
  } catch {
    return payload;
  }
}

export function govstackRegistrationRoutes(app: HttpApp, deps: RegistrationDeps): void {
  const catalog = new RegistrationServices(deps.services);
  const applications = new RegistrationApplications({ ...deps, catalog });
  const tasks = new RegistrationTasks(deps);
  const statistics = new RegistrationStatistics(deps);
  const onSend = withSystemError;

  // ── services and e-forms: public, as the Portal's 办事指南 ──
  app.get(
    `${base}/services`,
    { onSend, schema: { tags, summary: '政务服务事项 and 一件事 bundles; `name` searched in plain words', querystring: serviceListQuery } },
    async (request) => catalog.list(request.query.name || undefined),
  );
  app.get(
    `${base}/services/:serviceId`,
    { onSend, schema: { tags, summary: 'One service (its 办事指南 in serviceBody) or bundle, by its code', params: serviceParams } },
    async (request) => catalog.get(request.params.serviceId),
  );
  app.get(
    `${base}/services/:serviceId/eForms`,
    { onSend, schema: { tags, summary: 'The e-form of a service (its application form; a bundle’s merged form)', params: serviceParams } },
    async (request) => catalog.eForms(request.params.serviceId),
  );
  app.get(
    `${base}/eForms/:eFormId`,
    { onSend, schema: { tags, summary: 'An e-form with its JSON Schema (its id is its service’s code)', params: eFormParams } },
    async (request) => catalog.eForm(request.params.eFormId),
  );

  // ── applications: the applicant's own; a civil servant's organisation's ──
  app.post(
    `${base}/services/:serviceId/applications`,
    {
      config: { ...person, idempotent: true },
      onSend,
      schema: {
        tags,
        summary: 'Apply (a citizen or enterprise, for themselves, with consent: true); Idempotency-Key',
        params: serviceParams,
        headers,
        body: applicationSubmit,
      },
    },
    async (request) => applications.submit(request.actor, request.locale, request.params.serviceId, request.body),
  );
  app.get(
    `${base}/applications`,
    {
      config: person,
      onSend,
      schema: { tags, summary: 'My applications; a civil servant’s organisation’s', headers, querystring: applicationListQuery },
    },
    async (request) => applications.list(request.actor, request.locale, request.query),
  );
  app.get(
    `${base}/applications/:fileId`,
    { config: person, onSend, schema: { tags, summary: 'One application (case_… or bapp_…)', params: fileParams, headers } },
    async (request) => applications.file(request.actor, request.locale, request.params.fileId),
  );
  app.put(
    `${base}/applications/:fileId`,
    {
      config: person,
      onSend,
      schema: {
        tags,
        summary: 'The applicant’s 补正 answer; civil servants’ edits are not taken (501: complete the task)',
        params: fileParams,
        headers,
        body: applicationSubmit,
      },
    },
    async (request) => applications.update(request.actor, request.locale, request.params.fileId, request.body),
  );

  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['multipart/form-data', 'application/x-www-form-urlencoded'],
      { parseAs: 'buffer', bodyLimit: maxUploadBodyBytes },
      (request, body, done) => {
        try {
          done(null, parseUploadBody(request.headers['content-type'], body as Buffer));
        } catch (e) {
          done(e as Error);
        }
      },
    );
    (scope as unknown as HttpApp).post(
      `${base}/documents`,
      {
        bodyLimit: maxUploadBodyBytes,
        config: { permission: 'attachment.upload' },
        onSend,
        schema: {
          tags,
          summary: 'Upload documents (multipart `file` parts or base64 strings); put each id or URL under its material field',
          consumes: ['multipart/form-data', 'application/x-www-form-urlencoded', 'application/json'],
          querystring: documentsQuery,
          body: documentsBody,
        },
      },
      async (request) => {
        const sent = typeof request.body.file === 'string' ? [request.body.file] : request.body.file;
        const stored = await applications.upload(request.actor, uploadFiles(sent));
        return {
          code: 200,
          type: 'success',
          message: translate('govstack.registration.uploaded', request.locale, { count: stored.length }),
          url: stored[0]!.url,
          documents: stored,
        };
      },
    );
  });

  // ── tasks: the steps of cases, for the civil servants who work on them ──
  app.get(
    `${base}/tasks`,
    { config: person, onSend, schema: { tags, summary: 'Open tasks of cases I may work on', querystring: taskListQuery } },
    async (request) => tasks.list(request.actor, request.locale, request.query),
  );
  app.get(
    `${base}/tasks/:taskId`,
    { config: person, onSend, schema: { tags, summary: 'One task with its case’s application and its step’s form', params: taskParams } },
    async (request) => tasks.get(request.actor, request.locale, request.params.taskId),
  );
  app.post(
    `${base}/tasks/:taskId/complete`,
    {
      config: { ...person, idempotent: true },
      onSend,
      schema: { tags, summary: 'Complete a task with its decision in `data`', params: taskParams, body: completeTaskBody },
    },
    async (request) => tasks.complete(request.actor, request.locale, request.params.taskId, request.body.data),
  );

  // ── statistics: counts anyone may see ──
  for (const path of ['/data/statistics', '/data/statistics/1.0'])
    app.get(
      `${base}${path}`,
      {
        onSend,
        schema: {
          tags,
          summary: 'Applications processed, approved, sent back and rejected, by timeframe',
          headers,
          querystring: statisticsQuery,
        },
      },
      async (request) => statistics.statistics(request.locale, request.query),
    );
}
