import './items.messages.ts';

export { ModelService, type ModelNode } from './items.service.ts';
export { itemsRoutes, itemDefinitionRoutes } from './items.routes.ts';
export { ItemDefinitions, type ProcessSource } from './item-definitions.ts';
export { PlatformItems, type PlatformItemSpec } from './platform-items.ts';
export const itemsMigrations = { module: 'items', dir: new URL('./migrations/', import.meta.url) };
