import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { maxBatchKeys, type DataGateway } from './gateway.ts';

const tags = ['gateway'];
const resourceParams = z.strictObject({ resource: z.string().regex(/^[A-Za-z0-9_-]{3,40}$/, 'catalog.invalid_code') });
const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name');

export function gatewayRoutes(app: HttpApp, gateway: DataGateway): void {
  app.get(
    '/api/v1/data-uses/mine',
    {
      config: { permission: 'portal.use' },
      schema: { tags, summary: '谁用了我的数据: which department read which of my data through the gateway, for what, when' },
    },
    async (request) => gateway.usesOf(request.actor),
  );
  app.get(
    '/gateway/v1/:resource/records',
    {
      schema: {
        tags,
        summary: 'One record by key — granted fields only, masked by grade (Bearer token of an app)',
        params: resourceParams,
        querystring: z.strictObject({ field: fieldName, key: z.string().min(1).max(200) }),
      },
    },
    async (request) => {
      const [record] = await gateway.query(request.actor, request.params.resource, request.query.field, [request.query.key]);
      return { record };
    },
  );
  app.post(
    '/gateway/v1/services/:code/call',
    {
      schema: {
        tags,
        summary: '业务协同 Call a department’s service under your organisation’s grant (Bearer token of an app)',
        params: z.strictObject({ code: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'catalog.invalid_code') }),
        body: z.strictObject({
          key: z.string().min(1).max(200).optional(),
          input: z.record(z.string(), z.unknown()).optional(),
        }),
      },
    },
    async (request) => gateway.callService(request.actor, request.params.code, request.body),
  );
  app.post(
    '/gateway/v1/:resource/records/query',
    {
      schema: {
        tags,
        summary: `Records by up to ${maxBatchKeys} keys, in the order asked (null where none)`,
        params: resourceParams,
        body: z.strictObject({ field: fieldName, keys: z.array(z.string().min(1).max(200)).min(1) }),
      },
    },
    async (request) => ({ records: await gateway.query(request.actor, request.params.resource, request.body.field, request.body.keys) }),
  );
}
