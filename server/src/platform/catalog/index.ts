import './catalog.messages.ts';

// P2.1/P2.2 数据目录: data resources, their fields graded L1–L4, and schema versions.
export { CatalogService } from './catalog.service.ts';
export { catalogRoutes } from './catalog.routes.ts';
export { RecordStore, recordProblems, valueProblem, type RowProblem } from './records.service.ts';
export { searchWords } from './search-words.ts';
export { fieldSchema, type Field } from './catalog.schemas.ts';
export const catalogMigrations = { module: 'catalog', dir: new URL('./migrations/', import.meta.url) };
export { maskValue } from './masking.ts';
