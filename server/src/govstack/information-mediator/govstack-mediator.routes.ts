import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { MediatorDirectory, type MediatorDeps } from './govstack-mediator.service.ts';

/**
 * GovStack Information Mediator BB directory services
 * (../shared/govstack/information-mediator/GovStack_IM_Directory_Services_API.yaml):
 * X-Road's listClients, listMethods, allowedMethods and getOpenAPI over Zhili's directory.
 */
const base = '/govstack/information-mediator';
const tags = ['govstack-information-mediator'];
const config = { permission: 'authenticated' };

const identifier = z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'govstack.im.invalid_identifier');
const subsystemParams = z.strictObject({
  instanceId: identifier,
  memberClass: identifier,
  memberCode: identifier,
  applicationCode: identifier,
});
/** The calling client, INSTANCE/CLASS/MEMBER[/SUBSYSTEM]: required by the contract; the token, not the header, says who calls. */
const headers = z.object({
  'x-govstack-client': z.string().regex(/^[A-Za-z0-9._:-]{1,100}(\/[A-Za-z0-9._:-]{1,100}){2,3}$/, 'govstack.im.invalid_client_header'),
});
const serviceCode = z.string().regex(/^[A-Za-z0-9-]{3,40}$/, 'govstack.im.invalid_service_code');
// Unknown query parameters are ignored, as X-Road does (conformance suites send `serviceId` to listClients).
const methodsQuery = z.object({ serviceId: serviceCode.optional() });

export function govstackInformationMediatorRoutes(app: HttpApp, deps: MediatorDeps): void {
  const directory = new MediatorDirectory(deps);

  app.get(
    `${base}/listClients`,
    {
      config,
      schema: {
        tags,
        summary: 'Members (organisations) and their subsystems (apps, and `gateway` where the data gateway serves their resources)',
        querystring: z.object({ instanceId: identifier.optional() }),
      },
    },
    async (request) => directory.listClients(request.actor, request.query.instanceId),
  );
  app.get(
    `${base}/r1/:instanceId/:memberClass/:memberCode/:applicationCode/listMethods`,
    {
      config,
      schema: {
        tags,
        summary: 'The services of a subsystem (a member’s shared resources, under `gateway`)',
        params: subsystemParams,
        headers,
        querystring: methodsQuery,
      },
    },
    async (request) => directory.listMethods(request.actor, request.params, request.query.serviceId),
  );
  app.get(
    `${base}/r1/:instanceId/:memberClass/:memberCode/:applicationCode/allowedMethods`,
    {
      config,
      schema: {
        tags,
        summary: 'The services of a subsystem the caller’s organisation may invoke (its own, or granted to it)',
        params: subsystemParams,
        headers,
        querystring: methodsQuery,
      },
    },
    async (request) => directory.allowedMethods(request.actor, request.params, request.query.serviceId),
  );
  app.get(
    `${base}/r1/:instanceId/:memberClass/:memberCode/:applicationCode/getOpenAPI`,
    {
      config,
      schema: {
        tags,
        summary: 'The OpenAPI description of one service, as a JSON string',
        params: subsystemParams,
        headers,
        querystring: z.object({ serviceCode }),
      },
    },
    async (request, reply) => {
      const description = await directory.openApi(request.actor, request.params, request.query.serviceCode);
      // The contract's body is a string (`application/json`, `type: string`): the document's JSON text as a JSON string.
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(description));
    },
  );
}
