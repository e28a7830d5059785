import './apps.messages.ts';

// P7 应用集成管理 (registry, monitoring, efficacy) and P6.1 组件目录.
export { AppRegistry, type AppView, type ClientPort } from './app-registry.ts';
export { AppMonitor } from './app-monitor.ts';
export { AppEfficacy, efficacyScore, efficacyWeights, poorBelow } from './app-efficacy.ts';
export { ComponentCatalog, UsageMeter, builtInComponents } from './component-catalog.ts';
export { appRoutes } from './apps.routes.ts';
export const appsMigrations = { module: 'apps', dir: new URL('./migrations/', import.meta.url) };
