import './identity.messages.ts';

export { AuthService, normalizeUsername, lockoutPolicy } from './auth.service.ts';
export { DirectoryService } from './directory.service.ts';
export { installAuthentication, sessionCookie, type BearerResolver } from './identity.http.ts';
export { identityRoutes } from './identity.routes.ts';
export { loadActor, homeOf } from './actor-loader.ts';
export { hashPassword, temporaryPassword } from './passwords.ts';
export { roleDefinitions, roles, type Role } from './roles.ts';
export { orgKinds, orgKindValues, type OrgKind } from './org-kinds.ts';
export * from './id-numbers.ts';
export { IdentityStore, type AccountImport, type OrgImport, type RegionImport } from './identity.store.ts';
export const identityMigrations = { module: 'identity', dir: new URL('./migrations/', import.meta.url) };
