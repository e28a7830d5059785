import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { ModelImportJob, ModelLevel, ModelNode, ModelTree } from '../../shared/api-types';

/** core → module → unit → item: the V-model's left leg, top down. */
export const LEVELS: readonly ModelLevel[] = ['core', 'module', 'unit', 'item'];

/** The level a node's children have (null for an item, which has none). */
export function childLevel(level: ModelLevel): ModelLevel | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export const modelTreeKey = (orgId: string | null) => ['model', 'tree', orgId] as const;

/** GET /model/tree?orgId= */
export function useModelTree(orgId: string | null) {
  return useQuery({
    queryKey: modelTreeKey(orgId),
    queryFn: ({ signal }) => api.get<ModelTree>('/model/tree', { orgId }, signal),
    enabled: Boolean(orgId),
  });
}

const RUNNING: readonly ModelImportJob['status'][] = ['validating', 'importing'];

export function isRunning(job: ModelImportJob | undefined): boolean {
  return !job || RUNNING.includes(job.status);
}

/** GET /model/import-jobs/:id, asked again every 500 ms while the job validates or imports. */
export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['model', 'import-job', jobId],
    queryFn: ({ signal }) => api.get<ModelImportJob>(`/model/import-jobs/${encodeURIComponent(jobId ?? '')}`, undefined, signal),
    enabled: Boolean(jobId),
    staleTime: 0,
    refetchInterval: (query) => (isRunning(query.state.data) && !query.state.error ? 500 : false),
  });
}

export interface ModelSummary {
  core: number;
  modules: number;
  units: number;
  items: number;
  governance: number;
  service: number;
}

/** The counts shown above the tree: levels counted, items and their kinds from the roots' rollups. */
export function summarise(roots: readonly ModelNode[]): ModelSummary {
  const summary: ModelSummary = { core: roots.length, modules: 0, units: 0, items: 0, governance: 0, service: 0 };
  const walk = (nodes: readonly ModelNode[]) => {
    for (const node of nodes) {
      if (node.level === 'module') summary.modules += 1;
      else if (node.level === 'unit') summary.units += 1;
      walk(node.children);
    }
  };
  walk(roots);
  for (const root of roots) {
    summary.items += root.rollup.items;
    summary.governance += root.rollup.governance;
    summary.service += root.rollup.service;
  }
  return summary;
}

/** Every node that has children (the keys to open the whole tree). */
export function parentKeys(nodes: readonly ModelNode[]): string[] {
  return nodes.flatMap((node) => (node.children.length ? [node.id, ...parentKeys(node.children)] : []));
}

export function countNodes(nodes: readonly ModelNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}
