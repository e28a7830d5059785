export { AuditLog, verifyChain, type AuditInput, type AuditOutcome, type VerifyResult } from './audit.service.ts';
export { startChainerThread, type ChainerThread } from './chainer-thread.ts';
export { auditRoutes } from './audit.routes.ts';
export const auditMigrations = { module: 'audit', dir: new URL('./migrations/', import.meta.url) };
