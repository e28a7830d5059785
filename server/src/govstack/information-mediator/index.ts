import './govstack-mediator.messages.ts';

// GovStack Information Mediator BB directory: organisations as members, their apps and the data gateway as subsystems.
export { govstackInformationMediatorRoutes } from './govstack-mediator.routes.ts';
export { gatewaySubsystem, instanceId, memberClass, type MediatorDeps } from './govstack-mediator.service.ts';
