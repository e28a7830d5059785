import { z } from 'zod';

export const certificateIdParams = z.strictObject({ id: z.string().regex(/^cert_[0-9a-z]{26}$/, 'identity.invalid_id') });

/** Loose on purpose: a serial typed with spaces or dashes still matches; a mistyped one is answered 'unknown', not 400. */
export const serialParams = z.strictObject({ serialNo: z.string().min(1).max(60) });

export const revokeBody = z.strictObject({
  reason: z.string().trim().min(2, 'certificates.reason_length').max(200, 'certificates.reason_length'),
});
export type RevokeInput = z.infer<typeof revokeBody>;

/** What a workflow's service task hands to `issue` — checked there, as it comes from packs and processes. */
export const issueInput = z.strictObject({
  orgId: z.string().regex(/^org_[0-9a-z]{26}$/),
  kind: z.string().trim().min(2).max(40),
  holderAccountId: z.string().min(1).max(60),
  holderName: z.string().trim().min(1).max(100),
  /** may be empty (a holder without one on file): the PDF then prints — */
  holderIdNumber: z.string().trim().max(40),
  fields: z.array(z.strictObject({ label: z.string().trim().min(1).max(40), value: z.string().max(2000) })).max(40),
  caseRef: z.string().trim().min(1).max(60).optional(),
});
export type IssueInput = z.input<typeof issueInput>;

export type CertificateStatus = 'valid' | 'revoked';

/** A certificate as its holder's wallet (and the issuing organisation) sees it. */
export interface CertificateSummary {
  id: string;
  serialNo: string;
  kind: string;
  orgId: string;
  orgName: string;
  holderName: string;
  holderIdMasked: string;
  fields: { label: string; value: string }[];
  caseRef: string | null;
  status: CertificateStatus;
  issuedAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
  /** the page its QR code opens */
  verifyUrl: string;
}

/** What anyone checking a certificate learns: never the whole name, never the ID number. */
export interface VerifyAnswer {
  status: 'authentic' | 'tampered' | 'revoked' | 'unknown';
  certificate?: {
    serialNo: string;
    kind: string;
    orgName: string;
    /** masked: 王*明 */
    holderName: string;
    issuedAt: string;
    revokedAt?: string;
    revokedReason?: string;
  };
}
