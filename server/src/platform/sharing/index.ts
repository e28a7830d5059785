import './sharing.messages.ts';

// P3.1 共享申请 and the grants that come of them (the gateway, P3.3, will honour the grants).
export { SharingService, type GrantTerms } from './sharing.service.ts';
export { sharingRoutes } from './sharing.routes.ts';
export { ObjectionService } from './objections.ts';
export { approvalForm } from './approval-process.ts';
export { SharingMetrics, minuteLevelMinutes, pendingOverdueDays } from './metrics.ts';
export const sharingMigrations = { module: 'sharing', dir: new URL('./migrations/', import.meta.url) };
