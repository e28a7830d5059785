export { createOidcProvider, bearerResolver, oidcMountPath, type AccountDirectory } from './oidc-provider.ts';
export { ClientRegistry, registerClientBody, grantTypes, type RegisterClientInput, type ClientView } from './oidc-clients.ts';
export { ssoRoutes, forwardToProvider } from './sso.routes.ts';
export const ssoMigrations = { module: 'sso', dir: new URL('./migrations/', import.meta.url) };
