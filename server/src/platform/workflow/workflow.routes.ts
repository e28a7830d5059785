import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { WorkflowEngine } from './engine.ts';

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), 'identity.invalid_id');
const variables = z.record(z.string().regex(/^[A-Za-z_]\w{0,63}$/), z.unknown()).default({});
const startBody = z.strictObject({ itemId: id('node'), businessKey: z.string().max(100).optional(), variables });
const taskParams = z.strictObject({ id: id('task') });

export function workflowRoutes(app: HttpApp, engine: WorkflowEngine): void {
  app.post(
    '/api/v1/workflow/instances',
    {
      config: { permission: 'workflow.start', idempotent: true },
      schema: { tags: ['workflow'], summary: 'Start an instance of an item’s latest process', body: startBody },
    },
    async (request, reply) => reply.status(201).send(await engine.start(request.actor, request.body)),
  );
  app.get(
    '/api/v1/workflow/instances/:id',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags: ['workflow'],
        summary: 'An instance: status, where it is, its full history',
        params: z.strictObject({ id: id('wfi') }),
      },
    },
    async (request) => engine.instance(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/workflow/tasks',
    { config: { permission: 'workbench.use' }, schema: { tags: ['workflow'], summary: '我的待办 Open tasks I may work on' } },
    async (request) => engine.myTasks(request.actor),
  );
  app.get(
    '/api/v1/workflow/tasks/:id',
    { config: { permission: 'workbench.use' }, schema: { tags: ['workflow'], params: taskParams } },
    async (request) => engine.task(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/claim',
    { config: { permission: 'workbench.use' }, schema: { tags: ['workflow'], summary: '签收 Claim', params: taskParams } },
    async (request) => engine.claim(request.actor, request.params.id, true),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/unclaim',
    { config: { permission: 'workbench.use' }, schema: { tags: ['workflow'], summary: 'Give a claimed task back', params: taskParams } },
    async (request) => engine.claim(request.actor, request.params.id, false),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/complete',
    {
      config: { permission: 'workbench.use' },
      schema: { tags: ['workflow'], summary: '办理 Complete with form data', params: taskParams, body: z.strictObject({ variables }) },
    },
    async (request) => engine.complete(request.actor, request.params.id, request.body.variables),
  );
}
