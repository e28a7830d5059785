import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';
import type { SharingRequestStatus } from '../../shared/api-types';

// P3.4 业务协同: the shapes of server/src/platform/collaboration/collaboration.service.ts.

/** 数据查询核验 (a question over the owner's resource) | 部门接口 (the owner's own endpoint) */
export type CollabServiceKind = 'query' | 'http';
export type CollabShareType = 'unconditional' | 'conditional';

/** exists: is there a record? equals: does a field hold a value? value: one field, masked by grade */
export type CollabAnswer = { type: 'exists' } | { type: 'equals'; field: string; value: string } | { type: 'value'; field: string };
export type CollabAnswerType = CollabAnswer['type'];

/** An item of GET /collaboration/services, the answer of POST. */
export interface CollabService {
  id: string;
  code: string;
  name: string;
  description: string;
  /** the organisation offering it (服务提供方) */
  orgId: string;
  orgName: string;
  shareType: CollabShareType;
  kind: CollabServiceKind;
  resourceId: string | null;
  keyField: string | null;
  answer: CollabAnswer | null;
  url: string | null;
  hasAuthorization: boolean;
  /** calls a minute */
  rateLimit: number;
  /** POST it through the gateway with an app's client-credentials token */
  callPath: string;
  createdAt: string;
}

interface CommonServiceInput {
  orgId: string;
  code: string;
  name: string;
  description: string;
  shareType: CollabShareType;
  rateLimit: number;
}

/** POST /collaboration/services (with an Idempotency-Key), discriminated on `kind`. */
export type CreateCollabServiceInput =
  | (CommonServiceInput & { kind: 'query'; resourceId: string; keyField: string; answer: CollabAnswer })
  | (CommonServiceInput & { kind: 'http'; url: string; authorization?: string; timeoutMs: number });

/** POST /collaboration/requests (with an Idempotency-Key). */
export interface CreateCollabRequestInput {
  serviceId: string;
  /** an item (业务事项) of the consuming organisation's V-model */
  itemId: string;
  purpose: string;
  legalBasis: string;
}

/** An item of GET /collaboration/requests, the answer of POST. */
export interface CollabRequest {
  id: string;
  serviceId: string;
  ownerOrgId: string;
  consumerOrgId: string;
  itemId: string;
  purpose: string;
  legalBasis: string;
  status: SharingRequestStatus;
  /** granted by the platform at once (an unconditional service) */
  automatic: boolean;
  /** the 业务协同申请审批 instance of a conditional service */
  instanceId: string | null;
  reason: string | null;
  requestedAt: string;
  decidedAt: string | null;
}

/** The server's limits (collaboration.service.ts). */
export const LIMITS = {
  code: /^[A-Za-z0-9-]{3,40}$/,
  name: 100,
  description: 1000,
  rateLimit: [1, 100_000],
  url: 1000,
  authorization: 2000,
  timeoutMs: [100, 30_000],
  answerValue: 200,
  purpose: [4, 500],
  legalBasis: [2, 500],
} as const;

export const collabKeys = {
  all: ['collaboration'] as const,
  services: ['collaboration', 'services'] as const,
  requests: ['collaboration', 'requests'] as const,
};

/** GET /collaboration/services: what every department offers (catalog.read). */
export function useCollabServices() {
  return useQuery({
    queryKey: collabKeys.services,
    queryFn: ({ signal }) => api.get<{ items: CollabService[] }>('/collaboration/services', undefined, signal).then((page) => page.items),
  });
}

/** GET /collaboration/requests: asked by or of the viewer's organisations, newest first (data.manage). */
export function useCollabRequests(enabled: boolean) {
  return useQuery({
    queryKey: collabKeys.requests,
    queryFn: ({ signal }) => api.get<{ items: CollabRequest[] }>('/collaboration/requests', undefined, signal).then((page) => page.items),
    enabled,
  });
}
