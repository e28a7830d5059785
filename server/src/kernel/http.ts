import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newId } from './ids.ts';
import { AppError } from './errors.ts';
import { localeFrom, translate, type Locale } from './i18n.ts';
import type { Logger } from './logger.ts';
import { anonymousActor, type Actor } from './actor.ts';
import { createMetrics, type Metrics } from './metrics.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
  }
}

export type HttpApp = FastifyInstance<Server, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** Called for every 401/403 answered, so refusals reach the audit log. */
export type RefusalRecorder = (request: FastifyRequest, error: AppError) => Promise<void>;

export interface HttpOptions {
  log: Logger;
  bodyLimit: number;
  publicUrl: string;
  version: string;
}

export async function createHttpApp(
  options: HttpOptions,
): Promise<{ app: HttpApp; metrics: Metrics; onRefusal: (r: RefusalRecorder) => void }> {
  const app = Fastify({
    loggerInstance: options.log,
    bodyLimit: options.bodyLimit,
    genReqId: () => newId('req'),
    trustProxy: true,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>() as unknown as HttpApp;

  // The API speaks JSON only; anything else is refused as 415 before a route sees it.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    // PostgreSQL text cannot hold U+0000: refuse it at the edge rather than fail in SQL.
    if (text.includes('\\u0000') || text.includes('\u0000')) return done(new AppError(400, 'request.nul_character'));
    if (text.trim() === '') return done(new AppError(400, 'request.malformed_json'));
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new AppError(400, 'request.malformed_json'));
    }
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('locale', 'zh-CN');
  app.addHook('onRequest', async (request) => {
    request.locale = localeFrom(request.headers['accept-language']);
    request.actor = anonymousActor(request.ip);
    if (/%00/.test(request.url)) throw new AppError(400, 'request.nul_character');
  });

  const metrics = createMetrics();
  metrics.instrument(app);

  let recordRefusal: RefusalRecorder | undefined;
  app.setErrorHandler(async (rawError: FastifyError, request, reply) => {
    const error = toAppError(rawError, options.bodyLimit);
    if (error) {
      if ((error.status === 401 || error.status === 403) && recordRefusal) {
        await recordRefusal(request, error).catch((e: unknown) => request.log.error({ err: e }, 'could not audit a refusal'));
      }
      return sendError(reply, request.locale, error);
    }
    const correlationId = request.id;
    request.log.error({ err: rawError, correlationId }, 'unhandled error');
    return reply.status(500).send({
      error: {
        code: 'internal.error',
        message: translate('internal.error', request.locale, { correlationId }),
        details: { correlationId },
      },
    });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd renders its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'", 'http:', 'https:'],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only means something over HTTPS; a reverse proxy in front sets it there.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Zhili 治理 API',
        version: options.version,
        description:
          'Zhili platform API. Errors are {"error":{"code","message","details"}}; messages follow Accept-Language (zh-CN default, en).',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'zhili_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return { app, metrics, onRefusal: (r) => (recordRefusal = r) };
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(
    reply,
    request.locale,
    new AppError(404, 'request.not_found', { method: request.method, url: request.url.split('?')[0] }),
  );
}

export function sendError(reply: FastifyReply, locale: Locale, error: AppError): FastifyReply {
  const { issuesByLocale, ...details } = error.details as { issuesByLocale?: Record<Locale, ValidationIssue[]> } & Record<string, unknown>;
  if (issuesByLocale) details.issues = issuesByLocale[locale];
  if (error.status === 429 && typeof details.retryAfterSeconds === 'number') reply.header('retry-after', String(details.retryAfterSeconds));
  const message = summarize(translate(error.code, locale, details), details, locale);
  return reply.status(error.status).send({ error: { code: error.code, message, details } });
}

function summarize(message: string, details: Record<string, unknown>, locale: Locale): string {
  const issues = details.issues as ValidationIssue[] | undefined;
  if (!issues?.length) return message;
  const first = issues[0]!;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return `${message}${locale === 'en' ? ' ' : ''}${where}${first.message}`;
}

/** Maps framework and parsing errors to our error family; undefined means "a bug". */
function toAppError(error: FastifyError, bodyLimit: number): AppError | undefined {
  if (error instanceof AppError) return error;
  const withIssues = error as { issuesByLocale?: Record<Locale, ValidationIssue[]> };
  if (withIssues.issuesByLocale) {
    return new AppError(400, 'validation.failed', { issuesByLocale: withIssues.issuesByLocale });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(400, 'request.malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(413, 'request.too_large', { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(415, 'request.unsupported_media_type');
  }
  if (error.statusCode === 400 && error instanceof SyntaxError) return new AppError(400, 'request.malformed_json');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError(error.statusCode, error.statusCode === 429 ? 'request.rate_limited' : 'request.invalid', { reason: error.message });
  }
  return undefined;
}

const localeMaps = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError };

/**
 * Zod validation at the edge. On failure the input is parsed once more per language so the
 * error handler can answer in the caller's; the happy path parses once.
 */
function zodValidatorCompiler({ schema, httpPart }: { schema: z.ZodType; httpPart?: string }) {
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const issuesByLocale = {} as Record<Locale, ValidationIssue[]>;
    for (const locale of ['zh-CN', 'en'] as const) {
      const again = schema.safeParse(data, { error: localeMaps[locale] });
      const issues = again.success ? result.error.issues : again.error.issues;
      issuesByLocale[locale] = issues.map((issue) => ({
        path: [httpPart ?? 'body', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        message: translateCustom(issue.message, locale),
      }));
    }
    const error = Object.assign(new Error('validation failed'), { statusCode: 400, issuesByLocale });
    return { error };
  };
}

/** Custom refinements carry a message code ("identity.invalid_resident_id"); translate it. */
function translateCustom(message: string, locale: Locale): string {
  return /^[a-z_]+\.[a-z_.]+$/.test(message) ? translate(message, locale) : message;
}
