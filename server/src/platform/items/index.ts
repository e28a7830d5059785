import './items.messages.ts';

export { ModelService, type ModelNode } from './items.service.ts';
export { itemsRoutes } from './items.routes.ts';
export const itemsMigrations = { module: 'items', dir: new URL('./migrations/', import.meta.url) };
