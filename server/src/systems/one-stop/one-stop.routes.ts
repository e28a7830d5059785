import { ValidationError, type HttpApp } from '../../kernel/index.ts';
import type { ServiceCatalog } from './service-catalog.ts';
import { serviceCodeParams, serviceGuideBody, serviceListQuery } from './service-item.schemas.ts';

const tags = ['one-stop'];

export function oneStopRoutes(app: HttpApp, services: ServiceCatalog): void {
  app.get(
    '/api/v1/services',
    {
      schema: {
        tags,
        summary: '政务服务事项 Services, searched in plain Chinese (q), or by theme, organisation and audience — public',
        querystring: serviceListQuery,
      },
    },
    async (request) => services.list(request.query),
  );
  app.get(
    '/api/v1/services/:code',
    { schema: { tags, summary: '办事指南 One service’s whole guide — public', params: serviceCodeParams } },
    async (request) => services.get(request.params.code),
  );
  app.put(
    '/api/v1/services/:code',
    {
      config: { permission: 'model.manage' },
      schema: {
        tags,
        summary: 'Write a service’s guide (those who manage its organisation’s business model)',
        params: serviceCodeParams,
        body: serviceGuideBody,
      },
    },
    async (request) => {
      if (request.body.code !== request.params.code) throw new ValidationError('onestop.code_mismatch');
      return services.put(request.actor, request.body);
    },
  );
}
