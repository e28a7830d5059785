// P6.2 消息通知: in-app notices, e-mail over SMTP and SMS through a provider, as each person chooses.
export { Notifications, channels, type Channel } from './notifications.ts';
export type { NotifyInput } from './notify-input.ts';
export const notificationsMigrations = { module: 'notifications', dir: new URL('./migrations/', import.meta.url) };
