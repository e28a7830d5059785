import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { CertificateService } from './certificate.service.ts';
import { certificateIdParams, revokeBody, serialParams } from './certificates.schemas.ts';

const tags = ['certificates'];
/** The largest PDF anyone may upload to check. */
const maxUploadBytes = 10 * 1024 * 1024;

export function certificateRoutes(app: HttpApp, certificates: CertificateService): void {
  app.get(
    '/api/v1/certificates',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '电子证照 My certificates (the wallet)' } },
    async (request) => certificates.wallet(request.actor),
  );
  app.get(
    '/api/v1/certificates/issued',
    {
      config: { permission: 'certificate.revoke' },
      schema: {
        tags,
        summary: 'The certificates my organisation issued (to revoke one)',
        querystring: z.strictObject({
          q: z.string().trim().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (request) => certificates.issued(request.actor, request.query),
  );
  app.get(
    '/api/v1/certificates/:id/pdf',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'A certificate’s PDF, as issued (its holder, or staff of the issuing organisation)',
        params: certificateIdParams,
      },
    },
    async (request, reply) => {
      const { name, content } = await certificates.pdf(request.actor, request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .header('cache-control', 'private, no-store')
        .send(content);
    },
  );
  app.post(
    '/api/v1/certificates/:id/revoke',
    {
      config: { permission: 'certificate.revoke', idempotent: true },
      schema: {
        tags,
        summary: 'Revoke a certificate (吊销), with the reason anyone verifying it will read',
        params: certificateIdParams,
        body: revokeBody,
      },
    },
    async (request) => certificates.revoke(request.actor, request.params.id, request.body.reason),
  );
  app.get(
    '/api/v1/certificates/verify/:serialNo',
    { schema: { tags, summary: '核验 Verify a certificate by its serial number (the QR code) — public', params: serialParams } },
    async (request) => certificates.verifyBySerial(request.params.serialNo),
  );

  // A PDF someone was given, sent as the raw body; anything not a PDF is answered 415.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/pdf', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: maxUploadBytes },
      (_request, body, done) => done(null, body),
    );
    (scope as unknown as HttpApp).post(
      '/api/v1/certificates/verify',
      {
        bodyLimit: maxUploadBytes,
        schema: {
          tags,
          summary: '核验 Verify a certificate PDF (raw application/pdf body, at most 10 MB) — public',
          consumes: ['application/pdf'],
        },
      },
      async (request) => certificates.verifyPdf(request.body as Buffer),
    );
  });
}
