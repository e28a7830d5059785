import { useQuery } from '@tanstack/react-query';
import { api } from '../../shared/api';

// P2.5 数据异议: the shapes of server/src/platform/sharing/objections.ts.

/** 待答复 | 异议成立 | 异议不成立 */
export type ObjectionStatus = 'open' | 'accepted' | 'rejected';
export const OBJECTION_STATUSES: readonly ObjectionStatus[] = ['open', 'accepted', 'rejected'];

/** An item of GET /sharing/objections, the answer of POST. */
export interface Objection {
  id: string;
  resourceId: string;
  /** the resource's organisation (数据提供方), which answers */
  ownerOrgId: string;
  /** the organisation holding the grant, which raised it (提出方) */
  consumerOrgId: string;
  keyField: string;
  /** whole for the owner (to find the record), masked for the consumer */
  keyValue: string;
  /** the field believed wrong; null: the whole record */
  field: string | null;
  description: string;
  status: ObjectionStatus;
  answer: string | null;
  /** the owner says it corrected the data */
  corrected: boolean;
  /** the 数据异议处理 instance in the owner's V-model */
  instanceId: string;
  raisedAt: string;
  answeredAt: string | null;
  /** which side the viewer is on */
  side: 'owner' | 'consumer';
}

/** POST /sharing/objections (with an Idempotency-Key). */
export interface CreateObjectionInput {
  resourceId: string;
  keyField: string;
  keyValue: string;
  field?: string;
  description: string;
}

/** The server's limits (objections.ts). */
export const LIMITS = { keyValue: 200, description: [4, 1000] } as const;

export const objectionKeys = {
  all: ['objections'] as const,
  list: (status: ObjectionStatus | undefined) => ['objections', status ?? 'all'] as const,
};

/** GET /sharing/objections?status= : raised by or against the viewer's organisations, newest first. */
export function useObjections(status: ObjectionStatus | undefined) {
  return useQuery({
    queryKey: objectionKeys.list(status),
    queryFn: ({ signal }) => api.get<{ items: Objection[] }>('/sharing/objections', { status }, signal).then((page) => page.items),
  });
}
