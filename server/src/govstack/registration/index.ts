import './govstack-registration.messages.ts';

// GovStack Registration BB: 一网通办's services, e-forms, 办件, their tasks and statistics.
export { govstackRegistrationRoutes, type RegistrationDeps } from './govstack-registration.routes.ts';
