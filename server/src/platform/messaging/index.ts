import './messaging.messages.ts';

// P6.2 / P11.2 消息: the Workbench's 单聊 and 群聊 among civil servants — 已读/未读 receipts,
// files, search, 紧急消息 (DING) re-sent until acknowledged, and a live event stream.
export {
  MessagingService,
  subjectAccessFrom,
  type MessageView,
  type MessagingDeps,
  type MessagingOptions,
  type SubjectAccess,
  type SubjectType,
} from './messaging.service.ts';
export { messagingRoutes } from './messaging.routes.ts';
export { maxMessageFileBytes, messageFileTypes } from './message-files.ts';
export const messagingMigrations = { module: 'messaging', dir: new URL('./migrations/', import.meta.url) };
