import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../shared/api';
import type { ItemDefinition, ProcessProblem } from '../../shared/api-types';
import { getText } from '../fetch-text';

const itemPath = (itemId: string) => `/model/items/${encodeURIComponent(itemId)}`;

export const itemDefinitionKey = (itemId: string) => ['model', 'item', itemId] as const;

/** GET /model/items/:id : the item, its latest process and every deployed version. */
export function useItemDefinition(itemId: string) {
  return useQuery({
    queryKey: itemDefinitionKey(itemId),
    queryFn: ({ signal }) => api.get<ItemDefinition>(itemPath(itemId), undefined, signal),
    enabled: Boolean(itemId),
  });
}

/** GET /model/items/:id/process-versions/:version : BPMN XML (a deployed version never changes). */
export function useProcessXml(itemId: string, version: number | null | undefined) {
  return useQuery({
    queryKey: ['model', 'item', itemId, 'process-xml', version],
    queryFn: ({ signal }) => getText(`${itemPath(itemId)}/process-versions/${version}`, signal),
    enabled: Boolean(itemId) && typeof version === 'number',
    staleTime: Infinity,
  });
}

export const processCheckPath = (itemId: string) => `${itemPath(itemId)}/process-check`;
export const processDeployPath = (itemId: string) => `${itemPath(itemId)}/process-versions`;

/** The problems of a refused deployment (400 with `details.problems`), or null for any other error. */
export function problemsOf(error: unknown): ProcessProblem[] | null {
  if (!isApiError(error)) return null;
  const problems = error.details['problems'];
  return Array.isArray(problems) ? (problems as ProcessProblem[]) : null;
}
