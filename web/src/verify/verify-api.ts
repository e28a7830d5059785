import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../shared/api';

/** What the server answers anyone checking a certificate: never the whole name, never the ID number. */
export interface VerifyAnswer {
  status: 'authentic' | 'tampered' | 'revoked' | 'unknown';
  certificate?: {
    serialNo: string;
    kind: string;
    orgName: string;
    holderName: string;
    issuedAt: string;
    revokedAt?: string;
    revokedReason?: string;
  };
}

/** Larger files are refused by the server (413) anyway; say so before sending them. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

export function useSerialCheck(serialNo: string | undefined) {
  return useQuery({
    queryKey: ['verify', serialNo],
    queryFn: ({ signal }) => api.get<VerifyAnswer>(`/certificates/verify/${encodeURIComponent(serialNo!)}`, undefined, signal),
    enabled: Boolean(serialNo),
    staleTime: 0,
  });
}

export function useFileCheck() {
  return useMutation({
    mutationFn: (file: File) => api.upload<VerifyAnswer>('/certificates/verify', file, 'application/pdf'),
  });
}
