import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

export interface Metrics {
  registry: Registry;
  counter(name: string, help: string, labelNames?: string[]): Counter;
  instrument(app: FastifyInstance): void;
}

/** One registry per app instance, so several apps in one test process don't collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zhili_' });
  const duration = new Histogram({
    name: 'zhili_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const counters = new Map<string, Counter>();
  return {
    registry,
    counter(name, help, labelNames = []) {
      let counter = counters.get(name);
      if (!counter) {
        counter = new Counter({ name, help, labelNames, registers: [registry] });
        counters.set(name, counter);
      }
      return counter;
    },
    instrument(app) {
      app.addHook('onResponse', async (request, reply) => {
        duration.observe(
          { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
          reply.elapsedTime / 1000,
        );
      });
      app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
        reply.header('content-type', registry.contentType);
        return registry.metrics();
      });
    },
  };
}
