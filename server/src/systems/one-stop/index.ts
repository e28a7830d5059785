import './one-stop.messages.ts';

// S2 一网通办: service items (政务服务事项) and their search; applications, bundles and
// certificates build on them.
export { ServiceCatalog } from './service-catalog.ts';
export { ServiceSearch, type SearchHit, type Searchable } from './service-search.ts';
export { oneStopRoutes } from './one-stop.routes.ts';
export { CaseService, type CertificateIssuer, type CaseStatus } from './case.service.ts';
export { caseRoutes } from './cases.routes.ts';
export { OneStopKpis } from './kpis.ts';
export { FeedbackService } from './feedback.service.ts';
export { feedbackRoutes } from './feedback.routes.ts';
export { formFields, serviceApplicationSchema, type FormField, type FormFieldKey } from './application-form.ts';
export type { StoredService, BundleView } from './service-catalog.ts';
export { serviceGuideBody, type ServiceGuideInput } from './service-item.schemas.ts';
export * from './service-item.types.ts';
export const oneStopMigrations = { module: 'one-stop', dir: new URL('./migrations/', import.meta.url) };
