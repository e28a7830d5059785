import './collection.messages.ts';

// P2.3 数据归集: file loads, scheduled pulls, data quality and its rectification tasks.
export { LoadService } from './loads.ts';
export { SourceService } from './sources.ts';
export { QualityService } from './quality.ts';
export { collectionRoutes } from './collection.routes.ts';
export { fileRows, type FileFormat } from './file-rows.ts';
export const collectionMigrations = { module: 'collection', dir: new URL('./migrations/', import.meta.url) };
