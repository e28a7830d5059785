import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, PayloadTooLargeError, type HttpApp } from '../../kernel/index.ts';
import type { LiveEvent } from './live.ts';
import { maxMessageFileBytes, messageFileTypes } from './message-files.ts';
import { uploadHeaders } from '../workflow/index.ts';
import {
  conversationParams,
  conversationsQuery,
  directBody,
  fileQuery,
  groupBody,
  membersBody,
  messageParams,
  messagesQuery,
  pendingUrgentQuery,
  readBody,
  searchQuery,
  textBody,
} from './messaging.schemas.ts';
import type { MessagingService } from './messaging.service.ts';

const tags = ['messages'];
const config = { permission: 'workbench.use' };
/** A comment line on an idle stream, so proxies and browsers keep it open. */
export const heartbeatMs = 20_000;

/** 消息 (P11.2): the Workbench's 单聊 and 群聊, for civil servants. */
export function messagingRoutes(app: HttpApp, messages: MessagingService): void {
  app.post(
    '/api/v1/conversations/direct',
    {
      config,
      schema: { tags, summary: '单聊: open the conversation with a person in my address book (the existing one if any)', body: directBody },
    },
    async (request, reply) => {
      const { created, conversation } = await messages.openDirect(request.actor, request.body);
      return reply.status(created ? 201 : 200).send(conversation);
    },
  );
  app.post(
    '/api/v1/conversations',
    {
      config,
      schema: {
        tags,
        summary: '群聊: create a group (I own it), optionally about a case, task or instruction — one group per subject',
        body: groupBody,
      },
    },
    async (request, reply) => reply.status(201).send(await messages.createGroup(request.actor, request.body)),
  );
  app.get(
    '/api/v1/conversations',
    {
      config,
      schema: {
        tags,
        summary: 'My conversations, latest activity first, with unread counts and last messages',
        querystring: conversationsQuery,
      },
    },
    async (request) => messages.conversations(request.actor, request.query),
  );
  app.get(
    '/api/v1/conversations/:id',
    { config, schema: { tags, summary: 'A conversation I belong to, with its members', params: conversationParams } },
    async (request) => messages.conversation(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/conversations/:id/members',
    { config, schema: { tags, summary: 'Add people to a group (its owner only)', params: conversationParams, body: membersBody } },
    async (request) => messages.addMembers(request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/v1/conversations/:id/messages',
    {
      config,
      schema: {
        tags,
        summary: 'Messages, newest first (before=<seq> for older); my own with 已读/未读 counts',
        params: conversationParams,
        querystring: messagesQuery,
      },
    },
    async (request) => messages.messages(request.actor, request.params.id, request.query),
  );
  app.post(
    '/api/v1/conversations/:id/messages',
    {
      config: { ...config, idempotent: true },
      schema: {
        tags,
        summary: 'Send a text message (≤ 4000 characters); urgent: true makes it a 紧急消息 (DING). Idempotency-Key accepted',
        params: conversationParams,
        body: textBody,
      },
    },
    async (request, reply) => reply.status(201).send(await messages.sendText(request.actor, request.params.id, request.body)),
  );
  app.post(
    '/api/v1/conversations/:id/read',
    {
      config,
      schema: { tags, summary: '已读: mark the conversation read up to a seq', params: conversationParams, body: readBody },
    },
    async (request) => messages.markRead(request.actor, request.params.id, request.body),
  );

  app.register(async (scope) => {
    scope.addContentTypeParser(
      Object.keys(messageFileTypes),
      { parseAs: 'buffer', bodyLimit: maxMessageFileBytes },
      (_request, body, done) => done(null, body),
    );
    // A declared size over the limit is refused before a byte of the body is read.
    scope.addHook('onRequest', async (request) => {
      if (Number(request.headers['content-length'] ?? 0) > maxMessageFileBytes)
        throw new PayloadTooLargeError({ limit: maxMessageFileBytes });
    });
    (scope as unknown as HttpApp).post(
      '/api/v1/conversations/:id/files',
      {
        bodyLimit: maxMessageFileBytes,
        config,
        schema: {
          tags,
          summary: 'Send a file (raw body with its content type, ≤ 20 MB; X-File-Name URL-encoded, optional X-Checksum-SM3; ?urgent=true)',
          params: conversationParams,
          querystring: fileQuery,
          headers: uploadHeaders('messaging.file_name_invalid'),
          body: z.instanceof(Buffer),
        },
      },
      async (request, reply) => {
        const view = await messages.sendFile(request.actor, request.params.id, {
          name: request.headers['x-file-name'],
          mimeType: request.headers['content-type'].split(';')[0]!.trim().toLowerCase(),
          content: request.body,
          checksum: request.headers['x-checksum-sm3'],
          urgent: request.query.urgent === 'true',
        });
        return reply.status(201).send(view);
      },
    );
  });

  app.get(
    '/api/v1/messages/search',
    {
      config,
      schema: { tags, summary: 'Search the text of messages in my conversations (q: 2 characters or more)', querystring: searchQuery },
    },
    async (request) => messages.search(request.actor, request.query),
  );
  app.get(
    '/api/v1/messages/urgent',
    {
      config,
      schema: {
        tags,
        summary: '待确认: the 紧急消息 (DING) sent to me that I have not acknowledged yet, newest first',
        querystring: pendingUrgentQuery,
      },
    },
    async (request) => messages.pendingUrgent(request.actor, request.query),
  );
  app.get(
    '/api/v1/messages/stream',
    {
      config,
      schema: {
        tags,
        summary: 'Server-Sent Events: message, read and urgent events of my conversations (a heartbeat comment every 20 s)',
        // No parameters: anything else is refused before the connection is taken over.
        querystring: z.strictObject({}),
      },
    },
    async (request, reply) => {
      if (!request.actor.accountId) throw new ForbiddenError('access.forbidden', { permission: 'workbench.use' });
      openStream(reply, request.actor.accountId, messages);
    },
  );
  app.get(
    '/api/v1/messages/:id/receipts',
    {
      config,
      schema: {
        tags,
        summary: '已读/未读 of my message: who has read it and who not (and who acknowledged, if urgent)',
        params: messageParams,
      },
    },
    async (request) => messages.receipts(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/messages/:id/acknowledge',
    { config, schema: { tags, summary: 'Acknowledge a 紧急消息 (DING): its re-sends stop', params: messageParams } },
    async (request) => messages.acknowledge(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/messages/:id/file',
    { config, schema: { tags, summary: 'Download the file of a message (members only)', params: messageParams } },
    async (request, reply) => {
      const file = await messages.file(request.actor, request.params.id);
      return reply
        .type(file.mimeType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('x-checksum-sm3', file.sm3)
        .send(file.content);
    },
  );
  // Open streams would hold the server open: they end first, and clients reconnect elsewhere.
  app.addHook('preClose', async () => messages.live.closeAll());
}

/** Takes the connection over for an event stream until the client goes or the node closes. */
function openStream(reply: FastifyReply, accountId: string, messages: MessagingService): void {
  reply.hijack();
  const raw = reply.raw;
  // The headers hooks set (helmet's) go out with the stream's own.
  for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) raw.setHeader(name, value);
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  raw.write('retry: 3000\n: connected\n\n');
  let closed = false;
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    raw.end();
  };
  const unsubscribe = messages.subscribe(accountId, {
    send: (event: LiveEvent) => {
      raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
    },
    close,
  });
  raw.on('close', close);
  raw.on('error', close);
}
