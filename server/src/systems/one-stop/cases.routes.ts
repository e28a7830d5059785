import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { CaseService } from './case.service.ts';
import type { OneStopKpis } from './kpis.ts';
import type { ServiceCatalog } from './service-catalog.ts';

const tags = ['one-stop'];
const code = z.string().regex(/^[0-9A-Z-]{6,40}$/, 'onestop.invalid_code');
const caseId = z.string().regex(/^case_[0-9a-z]{26}$/, 'onestop.case_not_found');
const reason = z.string().trim().min(2).max(500);
const formData = z.record(z.string().max(64), z.unknown());
/** 授权同意 given on the form: only then is shared data read to prefill it */
const consentQuery = z.strictObject({ consent: z.enum(['true', 'false']).optional() });

export const applyBody = z
  .strictObject({
    serviceCode: code.optional(),
    bundleCode: code.optional(),
    resubmitOf: caseId.optional(),
    /** 授权同意: the applicant agrees that their shared data is read for this application */
    consent: z.boolean(),
    form: formData,
  })
  .refine((b) => [b.serviceCode, b.bundleCode, b.resubmitOf].filter(Boolean).length === 1, {
    message: 'onestop.apply_one_target',
    path: ['serviceCode'],
  });

export function caseRoutes(app: HttpApp, cases: CaseService, services: ServiceCatalog, kpis: OneStopKpis): void {
  app.get(
    '/api/v1/one-stop/kpis',
    {
      config: { permission: 'workflow.monitor' },
      schema: {
        tags,
        summary: '一网通办 KPIs by organisation and region: 网上可办率, 跑零次可办率, handling time vs promised, on-time rate, 好评率',
        querystring: z.strictObject({
          regionCode: z
            .string()
            .regex(/^\d{6}(\d{3})?$/, 'identity.invalid_region_code')
            .optional(),
        }),
      },
    },
    async (request) => kpis.read(request.actor, request.query),
  );
  app.get('/api/v1/bundles', { schema: { tags, summary: '一件事 bundles, with their parts — public' } }, async () => services.bundles());
  app.get(
    '/api/v1/bundles/:code',
    { schema: { tags, summary: 'One 一件事 bundle — public', params: z.strictObject({ code }) } },
    async (request) => services.bundle(request.params.code),
  );
  app.get(
    '/api/v1/services/:code/application-form',
    {
      config: { permission: 'portal.use' },
      schema: {
        tags,
        summary: 'The application form of a service; with consent=true prefilled from shared data (each answer with its department)',
        params: z.strictObject({ code }),
        querystring: consentQuery,
      },
    },
    async (request) => cases.applicationForm(request.actor, { serviceCode: request.params.code }, request.query.consent === 'true'),
  );
  app.get(
    '/api/v1/bundles/:code/application-form',
    {
      config: { permission: 'portal.use' },
      schema: {
        tags,
        summary: 'The merged form of a 一件事 bundle; with consent=true prefilled',
        params: z.strictObject({ code }),
        querystring: consentQuery,
      },
    },
    async (request) => cases.applicationForm(request.actor, { bundleCode: request.params.code }, request.query.consent === 'true'),
  );
  app.post(
    '/api/v1/cases',
    {
      config: { permission: 'portal.use', idempotent: true },
      schema: {
        tags,
        summary: 'Apply (one service, a bundle, or a refused case again), with consent and Idempotency-Key',
        body: applyBody,
      },
    },
    async (request, reply) => reply.status(201).send(await cases.apply(request.actor, request.locale, request.body)),
  );
  app.get(
    '/api/v1/cases/mine',
    { config: { permission: 'portal.use' }, schema: { tags, summary: '我的办件: my cases and bundle applications' } },
    async (request) => cases.mine(request.actor),
  );
  app.get(
    '/api/v1/cases',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: 'My organisation’s cases (Workbench)',
        querystring: z.strictObject({
          status: z.enum(['submitted', 'handling', 'completed', 'refused', 'withdrawn']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => cases.ofOrganisation(request.actor, request.query),
  );
  app.get(
    '/api/v1/cases/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'One case: status, history, time limit', params: z.strictObject({ id: caseId }) },
    },
    async (request) => cases.get(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/bundle-applications/:id',
    {
      config: { permission: 'portal.use' },
      schema: {
        tags,
        summary: 'One 一件事 application: overall status and each department’s part',
        params: z.strictObject({ id: z.string().max(40) }),
      },
    },
    async (request) => cases.bundleApplication(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/cases/:id/withdraw',
    {
      config: { permission: 'portal.use' },
      schema: { tags, summary: '撤回 before acceptance', params: z.strictObject({ id: caseId }), body: z.strictObject({ reason }) },
    },
    async (request) => cases.withdraw(request.actor, request.params.id, request.body.reason),
  );
  app.post(
    '/api/v1/cases/:id/supplement-request',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '补正: ask the applicant for more',
        params: z.strictObject({ id: caseId }),
        body: z.strictObject({ reason }),
      },
    },
    async (request) => cases.requestSupplement(request.actor, request.params.id, request.body.reason),
  );
  app.post(
    '/api/v1/cases/:id/supplement',
    {
      config: { permission: 'portal.use' },
      schema: {
        tags,
        summary: '补正 answered by the applicant',
        params: z.strictObject({ id: caseId }),
        body: z.strictObject({ form: formData, comment: z.string().trim().max(500).optional() }),
      },
    },
    async (request) => cases.supplement(request.actor, request.locale, request.params.id, request.body),
  );
}
