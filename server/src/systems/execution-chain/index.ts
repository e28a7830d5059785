import './execution-chain.messages.ts';

// S1.2 执行链: 批示 → 签收 → 进展反馈 → 督办 → 修正 → 办结, each step timed, visible 一贯到底.
export { ExecutionChain, type ChainFiles, type ExecutionChainDeps, type SubjectAccess } from './execution-chain.service.ts';
export { executionChainRoutes } from './execution-chain.routes.ts';
export { lightOf, type Light } from './lights.ts';
export { subjectTypes, type SubjectType } from './execution-chain.schemas.ts';
export const executionChainMigrations = { module: 'execution-chain', dir: new URL('./migrations/', import.meta.url) };
