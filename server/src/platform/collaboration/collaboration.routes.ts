import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { createServiceBody, createServiceRequestBody, type CollaborationService } from './collaboration.service.ts';

const tags = ['collaboration'];
const idParams = (prefix: string) =>
  z.strictObject({ id: z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), 'identity.invalid_id') });

export function collaborationRoutes(app: HttpApp, services: CollaborationService): void {
  app.post(
    '/api/v1/collaboration/services',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: { tags, summary: '业务协同 Offer a service: a question over your resource, or your HTTP endpoint', body: createServiceBody },
    },
    async (request, reply) => reply.status(201).send(await services.register(request.actor, request.body)),
  );
  app.get(
    '/api/v1/collaboration/services',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: 'The services departments offer' } },
    async (request) => services.list(request.actor),
  );
  app.get(
    '/api/v1/collaboration/services/:id',
    { config: { permission: 'catalog.read' }, schema: { tags, summary: 'One service', params: idParams('svc') } },
    async (request) => services.get(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/collaboration/requests',
    {
      config: { permission: 'data.manage', idempotent: true },
      schema: { tags, summary: 'Ask to call a service for one of your items', body: createServiceRequestBody },
    },
    async (request, reply) => reply.status(201).send(await services.request(request.actor, request.body)),
  );
  app.get(
    '/api/v1/collaboration/requests',
    { config: { permission: 'data.manage' }, schema: { tags, summary: 'Requests asked by or of my organisations' } },
    async (request) => services.requests(request.actor),
  );
  app.get(
    '/api/v1/collaboration/requests/:id',
    { config: { permission: 'data.manage' }, schema: { tags, summary: 'One request', params: idParams('csr') } },
    async (request) => services.getRequest(request.actor, request.params.id),
  );
}
