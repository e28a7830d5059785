import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../shared/api';

// 电子签章 (P6.2, server/src/platform/signatures): PDFs routed for sign-off; each signature
// asks for the password again, stamps the signer's name seal and is SM2-signed.

export type SignView = 'todo' | 'mine' | 'done';
export type RequestStatus = 'pending' | 'completed' | 'declined' | 'cancelled';

export interface SignatureSummary {
  id: string;
  title: string;
  mode: 'sequential' | 'parallel';
  status: RequestStatus;
  createdBy: string;
  createdAt: string;
  deadline: string | null;
  signed: number;
  total: number;
}

export interface SignatureRequest {
  id: string;
  title: string;
  mode: 'sequential' | 'parallel';
  status: RequestStatus;
  deadline: string | null;
  createdAt: string;
  completedAt: string | null;
  mayCancel: boolean;
  maySign: boolean;
  signers: {
    accountId: string;
    displayName: string;
    orgName: string | null;
    position: number;
    status: 'pending' | 'signed' | 'declined';
    actedAt: string | null;
    reason: string | null;
    versionNo: number | null;
    due: boolean;
  }[];
  versions: { versionNo: number; sm3: string; signedBy: string | null; createdAt: string }[];
}

export interface SignatureCheck {
  versionNo: number;
  signer: string;
  signedAt: string;
  sm3: string;
  valid: boolean;
}

export interface VerifyAnswer {
  result: 'authentic' | 'tampered' | 'unknown';
  sm3: string;
  title?: string;
  versionNo?: number;
  signatures?: { signer: string; signedAt: string; valid: boolean }[];
}

export const signatureKeys = {
  list: (view: SignView) => ['signatures', 'list', view] as const,
  one: (id: string) => ['signatures', id] as const,
};

export function useSignatureList(view: SignView) {
  return useQuery({
    queryKey: signatureKeys.list(view),
    queryFn: ({ signal }) => api.get<{ items: SignatureSummary[] }>('/signature-requests', { view }, signal).then((p) => p.items),
  });
}

export function useSignatureRequest(id: string) {
  return useQuery({
    queryKey: signatureKeys.one(id),
    queryFn: ({ signal }) => api.get<SignatureRequest>(`/signature-requests/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useSignatureChecks(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...signatureKeys.one(id), 'verify'],
    queryFn: ({ signal }) =>
      api.get<{ items: SignatureCheck[] }>(`/signature-requests/${encodeURIComponent(id)}/verify`, undefined, signal).then((p) => p.items),
    enabled,
  });
}

/** Sign, decline or cancel; each answers the request as it now stands. */
export function useSignatureAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: { kind: 'sign'; password: string } | { kind: 'decline'; reason: string } | { kind: 'cancel' }) =>
      action.kind === 'sign'
        ? api.post<SignatureRequest>(`/signature-requests/${encodeURIComponent(id)}/sign`, { password: action.password })
        : action.kind === 'decline'
          ? api.post<SignatureRequest>(`/signature-requests/${encodeURIComponent(id)}/decline`, { reason: action.reason })
          : api.post<SignatureRequest>(`/signature-requests/${encodeURIComponent(id)}/cancel`),
    onSuccess: (answer) => {
      queryClient.setQueryData(signatureKeys.one(id), answer);
      void queryClient.invalidateQueries({ queryKey: ['signatures'] });
    },
  });
}

/** POST /signatures/verify with the raw PDF. */
export function verifySignedPdf(file: File): Promise<VerifyAnswer> {
  return request<VerifyAnswer>('POST', '/signatures/verify', { raw: { body: file, contentType: 'application/pdf' } });
}

export const documentPath = (id: string, version?: number) =>
  `/signature-requests/${encodeURIComponent(id)}/document${version === undefined ? '' : `?version=${version}`}`;
