import './open-data.messages.ts';

// P4 公共数据开放: CKAN's Action API and DCAT-AP over the catalog's open and conditionally open
// resources, their downloads, and the Portal's API (records, API keys, 有条件开放申请).
export { CkanApi, license } from './ckan.ts';
export { createOpenData, type OpenData } from './open-data.module.ts';
export { openDataRoutes } from './open-data.routes.ts';
export { defaultRateLimits } from './dataset-reader.ts';
export { maxActiveKeys } from './api-keys.service.ts';
export const openDataMigrations = { module: 'open-data', dir: new URL('./migrations/', import.meta.url) };
