import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { AppEfficacy } from './app-efficacy.ts';
import type { AppMonitor } from './app-monitor.ts';
import type { AppRegistry } from './app-registry.ts';
import {
  month,
  ratingBody,
  registerAppBody,
  registerComponentBody,
  taskReportBody,
  updateAppBody,
  updateComponentBody,
} from './apps.schemas.ts';
import type { ComponentCatalog } from './component-catalog.ts';

const tags = ['apps'];
const idParams = z.strictObject({ id: z.string().regex(/^app_[0-9a-z]{26}$/, 'apps.not_found') });
const launcherQuery = z.strictObject({ on: z.enum(['workbench', 'portal']).default('workbench') });

export function appRoutes(
  app: HttpApp,
  deps: {
    registry: AppRegistry;
    monitor: AppMonitor;
    efficacy: AppEfficacy;
    components: ComponentCatalog;
    findOrg: (id: string) => Promise<{ regionCode: string } | undefined>;
  },
): void {
  const { registry, monitor, efficacy, components } = deps;
  app.post(
    '/api/v1/apps',
    {
      config: { permission: 'app.manage', idempotent: true },
      schema: { tags, summary: '应用注册 Register an app with its OIDC client (secret shown once)', body: registerAppBody },
    },
    async (request, reply) => reply.status(201).send(await registry.register(request.actor, request.body)),
  );
  app.get(
    '/api/v1/apps',
    { config: { permission: 'app.read' }, schema: { tags, summary: 'The apps I manage or watch' } },
    async (request) => registry.list(request.actor),
  );
  app.get(
    '/api/v1/apps/launcher',
    {
      config: { permission: 'authenticated' },
      schema: { tags, summary: '应用入口 The apps I may open from the Workbench or the Portal', querystring: launcherQuery },
    },
    async (request) => registry.launcher(request.actor, request.query.on),
  );
  app.get(
    '/api/v1/apps/efficacy',
    {
      config: { permission: 'app.read' },
      schema: {
        tags,
        summary: '应用效能评估 Monthly scores (usage, satisfaction, completion, availability)',
        querystring: z.strictObject({ month }),
      },
    },
    async (request) => efficacy.report(request.actor, request.query.month),
  );
  app.get(
    '/api/v1/apps/:id',
    { config: { permission: 'app.read' }, schema: { tags, summary: 'One app', params: idParams } },
    async (request) => registry.get(request.actor, request.params.id),
  );
  app.patch(
    '/api/v1/apps/:id',
    {
      config: { permission: 'app.manage' },
      schema: { tags, summary: 'Change an app (or retire it)', params: idParams, body: updateAppBody },
    },
    async (request) => registry.update(request.actor, request.params.id, request.body),
  );
  app.get(
    '/api/v1/apps/:id/monitoring',
    {
      config: { permission: 'app.read' },
      schema: {
        tags,
        summary: '运行监测 Availability, latency, errors and active users',
        params: idParams,
        querystring: z.strictObject({
          hours: z.coerce
            .number()
            .int()
            .min(1)
            .max(24 * 31)
            .default(24),
        }),
      },
    },
    async (request) => monitor.stats(request.actor, request.params.id, request.query.hours),
  );
  app.post(
    '/api/v1/apps/:id/launch',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'Open an app (counted); answers where to go — it signs in there by SSO',
        params: idParams,
        querystring: launcherQuery,
      },
    },
    async (request) => registry.launch(request.actor, request.params.id, request.query.on),
  );
  app.put(
    '/api/v1/apps/:id/rating',
    { config: { permission: 'authenticated' }, schema: { tags, summary: '满意度 Rate an app 1–5', params: idParams, body: ratingBody } },
    async (request) => registry.rate(request.actor, request.params.id, request.body),
  );
  app.put(
    '/api/v1/apps/:id/task-report',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: 'The app reports its task completion for a month (its own client credentials)',
        params: idParams,
        body: taskReportBody,
      },
    },
    async (request) => registry.reportTasks(request.actor, request.params.id, request.body),
  );

  app.get(
    '/api/v1/components',
    {
      config: { permission: 'authenticated' },
      schema: { tags: ['components'], summary: '组件目录 Components with owner, version, docs, 强制类/推荐类 and usage' },
    },
    async () => components.list(),
  );
  app.post(
    '/api/v1/components',
    {
      config: { permission: 'component.manage', idempotent: true },
      schema: { tags: ['components'], summary: 'Register a component', body: registerComponentBody },
    },
    async (request, reply) => reply.status(201).send(await components.register(request.actor, request.body, deps.findOrg)),
  );
  app.patch(
    '/api/v1/components/:code',
    {
      config: { permission: 'component.manage' },
      schema: {
        tags: ['components'],
        summary: 'Change a registered component (a new version, docs)',
        params: z.strictObject({ code: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'apps.component_not_found') }),
        body: updateComponentBody,
      },
    },
    async (request) => components.update(request.actor, request.params.code, request.body, deps.findOrg),
  );
}
