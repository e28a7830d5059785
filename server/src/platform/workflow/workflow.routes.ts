import { z } from 'zod';
import { timeCursorSchema, type HttpApp } from '../../kernel/index.ts';
import { attachmentTypes, maxAttachmentBytes, uploadHeaders, type AttachmentStore } from './attachments.ts';
import { calendarDate, calendarDayBody, type CalendarStore } from './calendar.ts';
import type { WorkflowEngine } from './engine.ts';

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), 'identity.invalid_id');
const variables = z.record(z.string().regex(/^[A-Za-z_]\w{0,63}$/), z.unknown()).default({});
const startBody = z.strictObject({ itemId: id('node'), businessKey: z.string().trim().min(1).max(100).optional(), variables });
const taskParams = z.strictObject({ id: id('task') });
const instanceParams = z.strictObject({ id: id('wfi') });
const text = (max: number) => z.string().trim().min(1).max(max);
const tags = ['workflow'];

export function workflowRoutes(app: HttpApp, engine: WorkflowEngine, calendar: CalendarStore, attachments: AttachmentStore): void {
  app.post(
    '/api/v1/workflow/instances',
    {
      config: { permission: 'workflow.start', idempotent: true },
      schema: { tags, summary: 'Start an instance of an item’s latest process', body: startBody },
    },
    async (request, reply) => reply.status(201).send(await engine.start(request.actor, request.locale, request.body)),
  );
  app.get(
    '/api/v1/workflow/instances',
    {
      config: { permission: 'workflow.monitor' },
      schema: {
        tags,
        summary: '流程监控 Instances in my scope, newest first',
        querystring: z.strictObject({
          itemId: id('node').optional(),
          status: z.enum(['running', 'completed', 'failed', 'cancelled']).optional(),
          cursor: timeCursorSchema('wfi').optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => engine.instances(request.actor, request.query),
  );
  app.get(
    '/api/v1/workflow/instances/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'An instance: status, where it is, its full history', params: instanceParams },
    },
    async (request) => engine.instance(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/workflow/instances/:id/diagram',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'The BPMN XML the instance runs', params: instanceParams } },
    async (request, reply) => reply.type('application/xml; charset=utf-8').send(await engine.diagram(request.actor, request.params.id)),
  );
  app.post(
    '/api/v1/workflow/instances/:id/supplement-request',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '要求补正 Ask for a supplement (the clock stops)',
        params: instanceParams,
        body: z.strictObject({ reason: text(500) }),
      },
    },
    async (request) => engine.requestSupplement(request.actor, request.params.id, request.body.reason),
  );
  app.post(
    '/api/v1/workflow/instances/:id/supplement',
    {
      config: { permission: 'authenticated', idempotent: true },
      schema: {
        tags,
        summary: '补正 The supplement arrived (the clock runs again)',
        params: instanceParams,
        body: z.strictObject({ variables, comment: z.string().trim().max(500).optional() }),
      },
    },
    async (request) => engine.receiveSupplement(request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/v1/workflow/messages',
    {
      config: { permission: 'workflow.start', idempotent: true },
      schema: {
        tags,
        summary: 'Deliver a message to the instance waiting for it',
        body: z.strictObject({ name: text(200), correlationKey: z.string().trim().min(1).max(200).optional(), variables }),
      },
    },
    async (request) => engine.correlate(request.actor, request.body),
  );
  app.get(
    '/api/v1/workflow/tasks',
    { config: { permission: 'workbench.use' }, schema: { tags, summary: '我的待办 Open tasks I may work on, by deadline' } },
    async (request) => engine.myTasks(request.actor),
  );
  app.get(
    '/api/v1/workflow/tasks/:id',
    {
      config: { permission: 'workbench.use' },
      schema: { tags, summary: 'A task with its form and where it can be returned to', params: taskParams },
    },
    async (request) => engine.task(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/workflow/tasks/:id/prefill',
    {
      config: { permission: 'workbench.use' },
      schema: { tags, summary: 'Values the platform already has for the task’s form', params: taskParams },
    },
    async (request) => engine.prefill(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/workflow/prefill',
    {
      config: { permission: 'workflow.start' },
      schema: {
        tags,
        summary: 'Values the platform already has for an item’s application form',
        querystring: z.strictObject({ itemId: id('node') }),
      },
    },
    async (request) => engine.prefillForItem(request.actor, request.query.itemId),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/claim',
    { config: { permission: 'workbench.use' }, schema: { tags, summary: '签收 Claim', params: taskParams } },
    async (request) => engine.claim(request.actor, request.params.id, true),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/unclaim',
    { config: { permission: 'workbench.use' }, schema: { tags, summary: 'Give a claimed task back', params: taskParams } },
    async (request) => engine.claim(request.actor, request.params.id, false),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/complete',
    {
      config: { permission: 'workbench.use' },
      schema: { tags, summary: '办理 Complete with form data', params: taskParams, body: z.strictObject({ variables }) },
    },
    async (request) => engine.complete(request.actor, request.locale, request.params.id, request.body.variables),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/delegate',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '转办 Hand the task to a colleague',
        params: taskParams,
        body: z.strictObject({ accountId: id('acc'), comment: z.string().trim().max(500).optional() }),
      },
    },
    async (request) => engine.delegate(request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/return',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '退回 Send the task back to an earlier step',
        params: taskParams,
        body: z.strictObject({ toNodeId: z.string().min(1).max(200).optional(), comment: text(500) }),
      },
    },
    async (request) => engine.returnTask(request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/v1/workflow/tasks/:id/comments',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: 'Comment on a task (in the instance history)',
        params: taskParams,
        body: z.strictObject({ text: text(1000) }),
      },
    },
    async (request, reply) => reply.status(201).send(await engine.comment(request.actor, request.params.id, request.body.text)),
  );

  app.get(
    '/api/v1/workflow/calendar',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '工作日历 Holidays and adjusted working days of a year',
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (request) => calendar.year(request.actor, request.query.year),
  );
  app.put(
    '/api/v1/workflow/calendar/days/:date',
    {
      config: { permission: 'calendar.manage' },
      schema: {
        tags,
        summary: 'Mark a day a holiday or an adjusted working day',
        params: z.strictObject({ date: calendarDate }),
        body: calendarDayBody,
      },
    },
    async (request) => calendar.setDay(request.actor, request.params.date, request.body),
  );
  app.delete(
    '/api/v1/workflow/calendar/days/:date',
    {
      config: { permission: 'calendar.manage' },
      schema: { tags, summary: 'Make a day ordinary again', params: z.strictObject({ date: calendarDate }) },
    },
    async (request, reply) => {
      await calendar.clearDay(request.actor, request.params.date);
      return reply.status(204).send();
    },
  );

  app.register(async (scope) => {
    scope.addContentTypeParser(Object.keys(attachmentTypes), { parseAs: 'buffer', bodyLimit: maxAttachmentBytes }, (_request, body, done) =>
      done(null, body),
    );
    (scope as unknown as HttpApp).post(
      '/api/v1/workflow/attachments',
      {
        bodyLimit: maxAttachmentBytes,
        config: { permission: 'attachment.upload' },
        schema: {
          tags,
          summary: 'Upload a form attachment (raw body; X-File-Name, optional X-Checksum-SM3)',
          headers: uploadHeaders('workflow.invalid_file_name'),
          body: z.instanceof(Buffer),
        },
      },
      async (request, reply) => {
        const mimeType = request.headers['content-type']!.split(';')[0]!.trim().toLowerCase();
        const view = await attachments.upload(request.actor, {
          name: request.headers['x-file-name'],
          mimeType,
          content: request.body,
          checksum: request.headers['x-checksum-sm3'],
        });
        return reply.status(201).send(view);
      },
    );
  });
  app.get(
    '/api/v1/workflow/attachments/:id',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'Download an attachment', params: z.strictObject({ id: id('att') }) },
    },
    async (request, reply) => {
      const file = await attachments.read(request.actor, request.params.id);
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-checksum-sm3', file.sm3)
        .send(file.content);
    },
  );
}
