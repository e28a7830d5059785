import './collaboration.messages.ts';

// P3.4 业务协同: services departments offer instead of raw data, called through the gateway.
export { CollaborationService } from './collaboration.service.ts';
export { collaborationRoutes } from './collaboration.routes.ts';
export const collaborationMigrations = { module: 'collaboration', dir: new URL('./migrations/', import.meta.url) };
