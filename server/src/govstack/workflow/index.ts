export { govstackWorkflowRoutes } from './govstack-workflow.routes.ts';
