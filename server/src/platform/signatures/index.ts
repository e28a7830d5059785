import './signatures.messages.ts';

// P6.2 电子签章: PDFs routed for sign-off, signed with each signer's SM2 key after re-authentication.
export { SignatureService } from './signatures.service.ts';
export { signatureRoutes } from './signatures.routes.ts';
export const signaturesMigrations = { module: 'signatures', dir: new URL('./migrations/', import.meta.url) };
