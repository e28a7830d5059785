import type { FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, requirePermission, UnauthenticatedError, type Actor, type HttpApp } from '../../kernel/index.ts';
import type { AuthService } from './auth.service.ts';

export const sessionCookie = 'zhili_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Another way to authenticate a request (an OIDC access token); undefined = not mine. */
export type BearerResolver = (token: string, request: FastifyRequest) => Promise<Actor | undefined>;

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /**
     * Checked before the body is validated: who may not call a route learns nothing from it.
     * `authenticated`: anyone logged in (the service checks the record itself).
     */
    permission?: string;
  }
}

/**
 * Resolves who is calling — session cookie or bearer token — before any route runs, and
 * refuses cookie-authenticated writes without the session's CSRF token.
 */
export function installAuthentication(app: HttpApp, auth: AuthService, bearer: () => BearerResolver | undefined): void {
  app.decorateRequest('csrfToken', null);
  app.addHook('preValidation', async (request) => {
    await authenticate(request);
    const permission = request.routeOptions.config?.permission;
    if (permission === 'authenticated') {
      if (request.actor.kind === 'anonymous') throw new UnauthenticatedError();
    } else if (permission) requirePermission(request.actor, permission);
  });

  async function authenticate(request: FastifyRequest): Promise<void> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const actor = await bearer()?.(header.slice(7).trim(), request);
      if (actor) request.actor = actor;
      return;
    }
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const session = await auth.resolveSession(token, request.ip);
    if (!session) return;
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    if (!safeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new ForbiddenError('auth.csrf_failed');
    }
  }
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureContext(request),
    expires: expiresAt,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: isSecureContext(request) });
}

/** Secure cookies over HTTPS, and on localhost, which browsers treat as a secure context. */
function isSecureContext(request: FastifyRequest): boolean {
  return request.protocol === 'https' || ['localhost', '127.0.0.1', '[::1]'].includes(request.hostname);
}
