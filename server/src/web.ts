import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { sendNotFound, type HttpApp } from './kernel/index.ts';

export const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const apiPrefixes = ['/api/', '/oidc/', '/govstack/', '/gateway/', '/open/v1/', '/healthz', '/readyz', '/metrics'];

/** The one web app (Portal, Workbench, Console) at `/`; client-side routes get index.html. */
export async function serveWeb(app: HttpApp): Promise<void> {
  if (!existsSync(`${webDist}/index.html`)) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><meta charset="utf-8"><title>Zhili</title><p>Web app not built: run <code>npm run build:web</code>. API docs: <a href="/api/docs">/api/docs</a></p>',
        ),
    );
    app.setNotFoundHandler(async (request, reply) => sendNotFound(request, reply));
    return;
  }
  await app.register(fastifyStatic, { root: webDist, wildcard: false, maxAge: '1h', index: false });
  app.get('/assets/*', { schema: { hide: true } }, async (request, reply) =>
    reply.sendFile(`assets/${(request.params as { '*': string })['*']}`, { maxAge: 365 * 24 * 3600 * 1000, immutable: true }),
  );
  const sendIndex = async (_request: unknown, reply: { header(k: string, v: string): unknown; sendFile(f: string): unknown }) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, sendIndex as never);
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (request.method === 'GET' && !apiPrefixes.some((p) => path.startsWith(p)) && !/\.\w+$/.test(path)) {
      return sendIndex(request, reply as never);
    }
    return sendNotFound(request, reply);
  });
}
