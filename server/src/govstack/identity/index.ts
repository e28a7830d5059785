export { govstackIdentityRoutes } from './govstack-identity.routes.ts';
