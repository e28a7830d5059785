import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import { createRequestBody, declineBody, signBody, type SignatureService } from './signatures.service.ts';

const tags = ['signatures'];
const idParams = z.strictObject({ id: z.string().regex(/^sig_[0-9a-z]{26}$/, 'signatures.not_found') });
const maxUploadBytes = 20 * 1024 * 1024;

/** 电子签章: route a PDF for sign-off, sign with re-authentication, verify. Staff only. */
export function signatureRoutes(app: HttpApp, signatures: SignatureService): void {
  const config = { permission: 'workbench.use' };
  app.post(
    '/api/v1/signature-requests',
    {
      config: { ...config, idempotent: true },
      schema: { tags, summary: 'Route an uploaded PDF for sign-off (sequential or parallel signers)', body: createRequestBody },
    },
    async (request, reply) => reply.status(201).send(await signatures.create(request.actor, request.body)),
  );
  app.get(
    '/api/v1/signature-requests',
    {
      config,
      schema: {
        tags,
        summary: 'To sign (todo), routed by me (mine), signed or declined by me (done)',
        querystring: z.strictObject({ view: z.enum(['todo', 'mine', 'done']).default('todo') }),
      },
    },
    async (request) => signatures.list(request.actor, request.query.view),
  );
  app.get(
    '/api/v1/signature-requests/:id',
    { config, schema: { tags, summary: 'A request: signers, whose turn, versions', params: idParams } },
    async (request) => signatures.get(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/signature-requests/:id/document',
    {
      config,
      schema: {
        tags,
        summary: 'The document (newest version, or ?version=n)',
        params: idParams,
        querystring: z.strictObject({ version: z.coerce.number().int().min(0).max(1000).optional() }),
      },
    },
    async (request, reply) => {
      const { name, content } = await signatures.document(request.actor, request.params.id, request.query.version);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(content);
    },
  );
  app.post(
    '/api/v1/signature-requests/:id/sign',
    { config, schema: { tags, summary: 'Sign (password again; the seal stamped, SM2-signed)', params: idParams, body: signBody } },
    async (request) => signatures.sign(request.actor, request.params.id, request.body),
  );
  app.post(
    '/api/v1/signature-requests/:id/decline',
    { config, schema: { tags, summary: 'Decline to sign, with a reason', params: idParams, body: declineBody } },
    async (request) => signatures.decline(request.actor, request.params.id, request.body.reason),
  );
  app.post(
    '/api/v1/signature-requests/:id/cancel',
    { config, schema: { tags, summary: 'Withdraw a request (its creator)', params: idParams } },
    async (request) => signatures.cancel(request.actor, request.params.id),
  );
  app.get(
    '/api/v1/signature-requests/:id/verify',
    { config, schema: { tags, summary: 'Every signature checked again (SM3 digest and SM2 signature)', params: idParams } },
    async (request) => signatures.verify(request.actor, request.params.id),
  );
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/pdf', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: maxUploadBytes },
      (_request, body, done) => done(null, body),
    );
    (scope as unknown as HttpApp).post(
      '/api/v1/signatures/verify',
      {
        config,
        bodyLimit: maxUploadBytes,
        schema: {
          tags,
          summary: '验签 Which signed version a PDF is, and whether its signatures hold (raw application/pdf)',
          consumes: ['application/pdf'],
        },
      },
      async (request) => signatures.verifyPdf(request.actor, request.body),
    );
  });
}
