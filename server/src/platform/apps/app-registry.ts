import { sql } from 'kysely';
import type { z } from 'zod';
import {
  can,
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  regionCovers,
  regionPrefix,
  requirePermission,
  requireScope,
  ValidationError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { RegisterAppInput, ratingBody, taskReportBody, updateAppBody } from './apps.schemas.ts';

/** What the registry needs of SSO: an OIDC client per app. */
export interface ClientPort {
  register(
    actor: Actor,
    input: {
      name: string;
      orgId: string;
      redirectUris: string[];
      postLogoutRedirectUris: string[];
      grantTypes: ('authorization_code' | 'refresh_token' | 'client_credentials')[];
      public: boolean;
    },
  ): Promise<{ client: { clientId: string }; clientSecret: string | null }>;
  update(actor: Actor, clientId: string, changes: { name?: string | undefined; redirectUris?: string[] | undefined }): Promise<unknown>;
  remove(actor: Actor, clientId: string): Promise<void>;
  find(clientId: string): Promise<{ redirectUris: string[] } | undefined>;
}

export interface AppRow {
  id: string;
  code: string;
  name: string;
  description: string;
  owner_org_id: string;
  region_code: string;
  system: string;
  level: string;
  client_id: string;
  entry_url: string;
  health_url: string | null;
  launch_on: string[];
  scopes: string[];
  components: string[];
  resources: string[];
  expected_users: number;
  status: 'active' | 'retired';
  created_at: string;
  updated_at: string;
}

export function appView(r: AppRow & { owner_org_name?: string }) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    description: r.description,
    ownerOrgId: r.owner_org_id,
    ownerOrgName: r.owner_org_name ?? null,
    regionCode: r.region_code,
    system: r.system,
    level: r.level,
    clientId: r.client_id,
    entryUrl: r.entry_url,
    healthUrl: r.health_url,
    launchOn: r.launch_on,
    scopes: r.scopes,
    components: r.components,
    resources: r.resources,
    expectedUsers: r.expected_users,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
export type AppView = ReturnType<typeof appView>;

const origin = (url: string) => new URL(url).origin;

/** The apps an actor may read (`app.read`), as a condition over `a` (apps): the region and organisations of their grants. */
export function readableApps(actor: Actor) {
  const scope = requireScope(actor, 'app.read');
  if (scope.all) return sql<boolean>`true`;
  const conditions = [
    ...scope.regionCodes.map((c) => sql<boolean>`a.region_code like ${`${regionPrefix(c)}%`}`),
    ...(scope.orgIds.length ? [sql<boolean>`a.owner_org_id in (${sql.join(scope.orgIds)})`] : []),
  ];
  return conditions.length ? sql<boolean>`(${sql.join(conditions, sql` or `)})` : sql<boolean>`false`;
}

/** Whether a person is offered an app on a launcher: active, shown there, and the province's or their own region's. */
function offers(app: AppRow, actor: Actor, on: 'workbench' | 'portal'): boolean {
  if (app.status !== 'active' || !app.launch_on.includes(on)) return false;
  return app.level === 'province' || (actor.regionCode !== null && regionCovers(app.region_code, actor.regionCode));
}

/**
 * 应用注册 (P7.1): an app of a system, owned by an organisation, with its OIDC client, the
 * components and data resources it uses, and where it shows (Workbench and/or Portal launcher).
 * Launching it records who used it and sends the browser to its entry URL, where it signs in
 * through Zhili's OIDC provider without asking again (single sign-on).
 */
export class AppRegistry {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly clients: ClientPort;
  private readonly findOrg: (orgId: string) => Promise<{ id: string; name: string; regionCode: string } | undefined>;
  private readonly resourceExists: (code: string) => Promise<boolean>;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    clients: ClientPort;
    findOrg: (orgId: string) => Promise<{ id: string; name: string; regionCode: string } | undefined>;
    resourceExists: (code: string) => Promise<boolean>;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.clients = deps.clients;
    this.findOrg = deps.findOrg;
    this.resourceExists = deps.resourceExists;
  }

  async register(actor: Actor, input: RegisterAppInput) {
    const org = await this.findOrg(input.ownerOrgId);
    if (!org) throw new ValidationError('identity.org_not_found', { orgId: input.ownerOrgId });
    requirePermission(actor, 'app.manage', { orgId: org.id, regionCode: org.regionCode });
    await this.checkUses(input.components, input.resources);
    this.checkEntry(input.entryUrl, input.redirectUris);
    const taken = await this.db.kysely.selectFrom('apps').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) throw new ConflictError('apps.code_taken', { code: input.code });
    const { client, clientSecret } = await this.clients.register(actor, {
      name: input.name,
      orgId: org.id,
      redirectUris: input.redirectUris,
      postLogoutRedirectUris: [],
      grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'],
      public: false,
    });
    const id = newId('app');
    try {
      await this.db.kysely.transaction().execute(async (tx) => {
        await tx
          .insertInto('apps')
          .values({
            id,
            code: input.code,
            name: input.name,
            description: input.description,
            owner_org_id: org.id,
            region_code: org.regionCode,
            system: input.system,
            level: input.level,
            client_id: client.clientId,
            entry_url: input.entryUrl,
            health_url: input.healthUrl ?? null,
            launch_on: JSON.stringify(input.launchOn),
            scopes: JSON.stringify(input.scopes),
            components: JSON.stringify(input.components),
            resources: JSON.stringify(input.resources),
            expected_users: input.expectedUsers,
            created_by: actor.accountId,
          })
          .execute();
        await this.audit.record(
          {
            actor,
            action: 'app.register',
            targetType: 'app',
            targetId: id,
            orgId: org.id,
            regionCode: org.regionCode,
            details: { code: input.code, name: input.name, clientId: client.clientId, system: input.system },
          },
          tx,
        );
      });
    } catch (e) {
      await this.clients.remove(actor, client.clientId).catch(() => undefined); // no client without its app
      if (e instanceof Error && /apps_code_key|duplicate key/.test(e.message))
        throw new ConflictError('apps.code_taken', { code: input.code });
      throw e;
    }
    return { app: await this.get(actor, id), clientSecret };
  }

  async update(actor: Actor, id: string, changes: z.infer<typeof updateAppBody>) {
    const app = await this.managed(actor, id);
    if (changes.components || changes.resources) await this.checkUses(changes.components ?? [], changes.resources ?? []);
    const redirectUris = changes.redirectUris;
    if (changes.entryUrl || redirectUris) {
      const current = redirectUris ?? (await this.redirectUrisOf(app.client_id));
      this.checkEntry(changes.entryUrl ?? app.entry_url, current);
    }
    if (changes.name || redirectUris) await this.clients.update(actor, app.client_id, { name: changes.name, redirectUris });
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx
        .updateTable('apps')
        .set({
          ...(changes.name ? { name: changes.name } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.entryUrl ? { entry_url: changes.entryUrl } : {}),
          ...(changes.healthUrl !== undefined ? { health_url: changes.healthUrl } : {}),
          ...(changes.launchOn ? { launch_on: JSON.stringify(changes.launchOn) } : {}),
          ...(changes.components ? { components: JSON.stringify(changes.components) } : {}),
          ...(changes.resources ? { resources: JSON.stringify(changes.resources) } : {}),
          ...(changes.expectedUsers ? { expected_users: changes.expectedUsers } : {}),
          ...(changes.status ? { status: changes.status } : {}),
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      await this.audit.record(
        {
          actor,
          action: 'app.update',
          targetType: 'app',
          targetId: id,
          orgId: app.owner_org_id,
          regionCode: app.region_code,
          details: { changed: Object.keys(changes) },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  /** Apps the actor manages (platform admins: their region; 单位管理员: their organisation's). */
  async list(actor: Actor) {
    const rows = await sql<AppRow & { owner_org_name: string }>`
      select a.*, o.name as owner_org_name from apps a join orgs o on o.id = a.owner_org_id
      where ${readableApps(actor)}
      order by a.system, a.name`.execute(this.db.kysely);
    return { items: rows.rows.map(appView) };
  }

  async get(actor: Actor, id: string): Promise<AppView> {
    const app = await this.row(id);
    if (!can(actor, 'app.read', { orgId: app.owner_org_id, regionCode: app.region_code })) {
      throw new ForbiddenError('access.forbidden', { permission: 'app.read', appId: id });
    }
    const org = await this.findOrg(app.owner_org_id);
    return appView({ ...app, owner_org_name: org?.name ?? '' });
  }

  /**
   * 应用入口: the active apps a person may open from the Workbench or the Portal — the
   * province's for everyone, a city's or a county's for the people of that region.
   */
  async launcher(actor: Actor, on: 'workbench' | 'portal') {
    const rows = await sql<AppRow & { owner_org_name: string }>`
      select a.*, o.name as owner_org_name from apps a join orgs o on o.id = a.owner_org_id
      where a.status = 'active' and a.launch_on ? ${on}
      order by a.system, a.name`.execute(this.db.kysely);
    const mine = rows.rows.filter((r) => offers(r, actor, on));
    return {
      items: mine.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        description: r.description,
        system: r.system,
        level: r.level,
        ownerOrgName: r.owner_org_name,
      })),
    };
  }

  /** Opens an app: counts the use and answers where to send the browser. */
  async launch(actor: Actor, id: string, on: 'workbench' | 'portal'): Promise<{ url: string }> {
    const app = await this.row(id);
    if (!offers(app, actor, on) || !actor.accountId) throw new ForbiddenError('apps.not_offered', { appId: id });
    await this.countUse(app.id, actor.accountId, 'launches');
    return { url: app.entry_url };
  }

  /** Called when the OIDC provider signs someone in to an app (SSO): an active user of it. */
  async recordSignIn(clientId: string, accountId: string): Promise<void> {
    const app = await this.db.kysely.selectFrom('apps').select('id').where('client_id', '=', clientId).executeTakeFirst();
    if (app) await this.countUse(app.id, accountId, 'sign_ins');
  }

  private async countUse(appId: string, accountId: string, column: 'launches' | 'sign_ins') {
    await sql`insert into app_usage (app_id, account_id, day, ${sql.ref(column)}) values (${appId}, ${accountId}, current_date, 1)
      on conflict (app_id, account_id, day) do update set ${sql.ref(column)} = app_usage.${sql.ref(column)} + 1`.execute(this.db.kysely);
  }

  /** 满意度: one rating per person and app, changeable. */
  async rate(actor: Actor, id: string, input: z.infer<typeof ratingBody>) {
    const app = await this.row(id);
    if (!(offers(app, actor, 'workbench') || offers(app, actor, 'portal')) || !actor.accountId) {
      throw new ForbiddenError('apps.not_offered', { appId: id });
    }
    await this.db.kysely
      .insertInto('app_ratings')
      .values({ app_id: id, account_id: actor.accountId, score: input.score, comment: input.comment ?? null })
      .onConflict((oc) =>
        oc.columns(['app_id', 'account_id']).doUpdateSet({ score: input.score, comment: input.comment ?? null, rated_at: sql`now()` }),
      )
      .execute();
    return { appId: id, score: input.score };
  }

  /** An app reports its own task completion for a month, with its client credentials. */
  async reportTasks(actor: Actor, id: string, input: z.infer<typeof taskReportBody>) {
    const app = await this.row(id);
    if (actor.kind !== 'app' || actor.clientId !== app.client_id) throw new ForbiddenError('apps.own_report_only', { appId: id });
    await this.db.kysely
      .insertInto('app_task_reports')
      .values({ app_id: id, month: input.month, started: input.started, completed: input.completed })
      .onConflict((oc) =>
        oc.columns(['app_id', 'month']).doUpdateSet({ started: input.started, completed: input.completed, reported_at: sql`now()` }),
      )
      .execute();
    return { appId: id, ...input };
  }

  async row(id: string): Promise<AppRow> {
    const app = (await this.db.kysely.selectFrom('apps').selectAll().where('id', '=', id).executeTakeFirst()) as AppRow | undefined;
    if (!app) throw new NotFoundError('apps.not_found', { appId: id });
    return app;
  }

  private async managed(actor: Actor, id: string): Promise<AppRow> {
    const app = await this.row(id);
    requirePermission(actor, 'app.manage', { orgId: app.owner_org_id, regionCode: app.region_code });
    return app;
  }

  private async redirectUrisOf(clientId: string): Promise<string[]> {
    return (await this.clients.find(clientId))?.redirectUris ?? [];
  }

  /** The launcher may only send people to where the app also receives its sign-in. */
  private checkEntry(entryUrl: string, redirectUris: string[]) {
    if (!redirectUris.some((u) => origin(u) === origin(entryUrl))) {
      throw new ValidationError('apps.entry_origin', { entryUrl, redirectUris });
    }
  }

  private async checkUses(components: string[], resources: string[]) {
    if (components.length) {
      const known = await this.db.kysely.selectFrom('components').select('code').where('code', 'in', components).execute();
      const missing = components.filter((c) => !known.some((k: { code: string }) => k.code === c));
      if (missing.length) throw new ValidationError('apps.component_unknown', { components: missing });
    }
    const unknown: string[] = [];
    for (const r of resources) if (!(await this.resourceExists(r))) unknown.push(r);
    if (unknown.length) throw new ValidationError('apps.resource_unknown', { resources: unknown });
  }
}
