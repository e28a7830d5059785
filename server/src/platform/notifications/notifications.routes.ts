import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { listQuery, preferencesBody, type Inbox } from './notifications.ts';

const tags = ['notifications'];
const idParams = z.strictObject({ id: z.string().regex(/^ntf_[0-9a-z]{26}$/, 'notifications.not_found') });

/** 消息通知: my notices and the channels I choose. Citizens and staff alike. */
export function notificationRoutes(app: HttpApp, inbox: Inbox): void {
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: 'My notices, newest first, with the unread count', querystring: listQuery },
    },
    async (request) => inbox.list(request.actor, request.query),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'Mark one notice read', params: idParams } },
    async (request) => inbox.markRead(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/notifications/read-all',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'Mark all my notices read' } },
    async (request) => inbox.markAllRead(request.actor),
  );
  app.get(
    '/api/v1/notifications/preferences',
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'The channels (in-app, e-mail, SMS) I chose per topic' } },
    async (request) => inbox.preferences(request.actor, request.locale),
  );
  app.put(
    '/api/v1/notifications/preferences',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: "Choose a topic's channels ('*' for every topic without its own choice)", body: preferencesBody },
    },
    async (request) => inbox.choose(request.actor, request.body, request.locale),
  );
}
