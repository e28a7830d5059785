import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { ExecutionChain } from './execution-chain.service.ts';
import {
  acknowledgeBody,
  cancelBody,
  instructionId,
  issueBody,
  listQuery,
  progressBody,
  reopenBody,
  resultBody,
  superviseBody,
} from './execution-chain.schemas.ts';

const tags = ['execution-chain'];
const params = z.strictObject({ id: instructionId });

/** S1.2 执行链 over HTTP: each route parses, lets the service check who may, and answers the instruction as it now stands. */
export function executionChainRoutes(app: HttpApp, chain: ExecutionChain): void {
  app.post(
    '/api/v1/instructions',
    {
      config: { permission: 'instruction.issue', idempotent: true },
      schema: {
        tags,
        summary: '批示: attach an instruction to a case, task, warning, report or document, for organisations and people, with a deadline',
        body: issueBody,
      },
    },
    async (request, reply) => reply.status(201).send(await chain.issue(request.actor, request.body, new Date())),
  );
  app.get(
    '/api/v1/instructions',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary:
          'Instructions with their 红黄绿灯: addressed to me or my organisation (mine), issued by me, or in my 督办 scope (supervised)',
        querystring: listQuery,
      },
    },
    async (request) => chain.list(request.actor, request.query, new Date()),
  );
  app.get(
    '/api/v1/instructions/:id',
    {
      config: { permission: 'workbench.use' },
      schema: { tags, summary: 'One instruction: every recipient’s state and the whole chain in order (一贯到底)', params },
    },
    async (request) => chain.get(request.actor, request.params.id, new Date()),
  );
  app.post(
    '/api/v1/instructions/:id/acknowledge',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '签收: the addressed person or staff of the addressed organisation',
        params,
        body: acknowledgeBody.optional(),
      },
    },
    async (request) => chain.acknowledge(request.actor, request.params.id, request.body ?? {}, new Date()),
  );
  app.post(
    '/api/v1/instructions/:id/progress',
    {
      config: { permission: 'workbench.use', idempotent: true },
      schema: { tags, summary: '进展反馈: text, percent and the reporter’s own uploaded files (implies 签收)', params, body: progressBody },
    },
    async (request) => chain.reportProgress(request.actor, request.params.id, request.body, new Date()),
  );
  app.post(
    '/api/v1/instructions/:id/result',
    {
      config: { permission: 'workbench.use', idempotent: true },
      schema: { tags, summary: '办结: the recipient’s result; the last one completes the instruction', params, body: resultBody },
    },
    async (request) => chain.reportResult(request.actor, request.params.id, request.body, new Date()),
  );
  app.post(
    '/api/v1/instructions/:id/supervise',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '督办: the issuer or a supervisor presses the recipients (urgent notice), optionally with a new deadline',
        params,
        body: superviseBody,
      },
    },
    async (request) => chain.supervise(request.actor, request.params.id, request.body, new Date()),
  );
  app.post(
    '/api/v1/instructions/:id/reopen',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: '修正: send a completed instruction back to its recipients with a note and a new deadline',
        params,
        body: reopenBody,
      },
    },
    async (request) => chain.reopen(request.actor, request.params.id, request.body, new Date()),
  );
  app.post(
    '/api/v1/instructions/:id/cancel',
    {
      config: { permission: 'workbench.use' },
      schema: { tags, summary: 'The issuer withdraws an open instruction', params, body: cancelBody },
    },
    async (request) => chain.cancel(request.actor, request.params.id, request.body, new Date()),
  );
  app.get(
    '/api/v1/instructions/:id/attachments/:attachmentId',
    {
      config: { permission: 'workbench.use' },
      schema: {
        tags,
        summary: 'A file of a 进展反馈 or 办结 report, to whoever may read the instruction',
        params: z.strictObject({ id: instructionId, attachmentId: z.string().regex(/^att_[0-9a-z]{26}$/, 'chain.attachment_not_found') }),
      },
    },
    async (request, reply) => {
      const file = await chain.file(request.actor, request.params.id, request.params.attachmentId);
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-checksum-sm3', file.sm3)
        .send(file.content);
    },
  );
}
