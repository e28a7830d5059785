import './govstack-registries.messages.ts';

// GovStack Digital Registries BB: the data catalog's resources as registries, read through the gateway.
export { govstackDigitalRegistriesRoutes } from './govstack-registries.routes.ts';
export type { RegistryDeps } from './govstack-registries.service.ts';
