import './certificates.messages.ts';

// P9.3 电子证照: certificates signed with the issuing organisation's SM2 key, a wallet, public verification.
export { CertificateService, maskHolderName } from './certificate.service.ts';
export { stampPersonalSeal, type PersonalSeal } from './certificate-pdf.ts';
export { certificateRoutes } from './certificates.routes.ts';
export type { CertificateSummary, VerifyAnswer } from './certificates.schemas.ts';
export const certificatesMigrations = { module: 'certificates', dir: new URL('./migrations/', import.meta.url) };
