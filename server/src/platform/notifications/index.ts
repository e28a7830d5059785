import './notifications.messages.ts';

// P6.2 消息通知: in-app notices, e-mail over SMTP and SMS through a provider, as each person chooses.
export { Notifications, Inbox, channels, notificationTopics, type Channel, type NotificationView } from './notifications.ts';
export { NotificationDispatcher, LoggingSmsProvider, smtpSender, type SmsProvider, type MailSender } from './delivery.ts';
export { notificationRoutes } from './notifications.routes.ts';
export type { NotifyInput } from './notify-input.ts';
export const notificationsMigrations = { module: 'notifications', dir: new URL('./migrations/', import.meta.url) };
