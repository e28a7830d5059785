import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { SharingMetrics } from './metrics.ts';
import { createObjectionBody, type ObjectionService } from './objections.ts';
import { createRequestBody, type SharingService } from './sharing.service.ts';

const tags = ['sharing'];

export function sharingRoutes(app: HttpApp, sharing: SharingService, metrics: SharingMetrics, objections: ObjectionService): void {
  app.post(
    '/api/v1/sharing/objections',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: {
        tags,
        summary: '数据异议 Flag a record of a granted resource as wrong; the owner answers within 3 working days',
        body: createObjectionBody,
      },
    },
    async (request, reply) => reply.status(201).send(await objections.raise(request.actor, request.body)),
  );
  app.get(
    '/api/v1/sharing/objections',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: 'Objections raised by or against my organisations',
        querystring: z.strictObject({ status: z.enum(['open', 'accepted', 'rejected']).optional() }),
      },
    },
    async (request) => objections.list(request.actor, request.query.status),
  );
  app.get(
    '/api/v1/sharing/objections/:id',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: 'One objection with its answer',
        params: z.strictObject({ id: z.string().regex(/^obj_[0-9a-z]{26}$/, 'identity.invalid_id') }),
      },
    },
    async (request) => objections.get(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/sharing/metrics',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: '共享指标 Needs, requests, 共享需求满足率, 分钟级满足率, calls, latency, consumers, refusals',
        querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) }),
      },
    },
    async (request) => metrics.metrics(request.actor, request.query.days),
  );
  app.post(
    '/api/v1/sharing/requests',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: { tags, summary: '共享申请 Ask for fields of a resource for one of your items', body: createRequestBody },
    },
    async (request, reply) => reply.status(201).send(await sharing.request(request.actor, request.body)),
  );
  app.get(
    '/api/v1/sharing/requests',
    { config: { permission: 'data.manage' }, schema: { tags, summary: 'Requests asked by or of my organisations' } },
    async (request) => sharing.list(request.actor),
  );
  app.get(
    '/api/v1/sharing/requests/:id',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: 'One request, with its approval instance',
        params: z.strictObject({ id: z.string().regex(/^shr_[0-9a-z]{26}$/, 'identity.invalid_id') }),
      },
    },
    async (request) => sharing.get(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/sharing/grants/:id/revoke',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: '撤销授权 The owner withdraws a grant, with a reason; the gateway refuses its next call',
        params: z.strictObject({ id: z.string().regex(/^grt_[0-9a-z]{26}$/, 'identity.invalid_id') }),
        body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
      },
    },
    async (request) => sharing.revokeGrant(request.actor, request.params.id, request.body.reason),
  );
  app.get(
    '/api/v1/sharing/grants',
    {
      config: { permission: 'data.manage' },
      schema: {
        tags,
        summary: 'Active grants of a consuming organisation',
        querystring: z.strictObject({ orgId: z.string().regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id') }),
      },
    },
    async (request) => sharing.grants(request.actor, request.query.orgId),
  );
}
