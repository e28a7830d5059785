import { sql } from 'kysely';
import type { z } from 'zod';
import {
  ConflictError,
  NotFoundError,
  requirePermission,
  ValidationError,
  type Actor,
  type Database,
  type Logger,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { registerComponentBody, updateComponentBody } from './apps.schemas.ts';

interface BuiltIn {
  code: string;
  name: string;
  description: string;
  obligation: 'mandatory' | 'recommended';
  pathPrefixes: string[];
  docs: string;
}

/**
 * The platform's own components (P6.2), each with the API paths whose calls count as its use.
 * 强制类: every app must use these instead of its own (sign-in, the data gateway, notices,
 * e-certificates); 推荐类: use them unless there is a reason not to.
 */
export const builtInComponents: readonly BuiltIn[] = [
  {
    code: 'identity-sso',
    name: '统一身份认证',
    description: '单点登录（OIDC）、统一账号、会话',
    obligation: 'mandatory',
    pathPrefixes: ['/oidc/', '/api/v1/auth/', '/govstack/identity/'],
    docs: 'docs/IDENTITY.md',
  },
  {
    code: 'data-gateway',
    name: '公共数据网关',
    description: '按共享授权调用公共数据，全程留痕',
    obligation: 'mandatory',
    pathPrefixes: ['/gateway/v1/'],
    docs: 'docs/DATA.md',
  },
  {
    code: 'notifications',
    name: '统一消息通知',
    description: '站内通知、邮件（SMTP）、短信，按人选择渠道',
    obligation: 'mandatory',
    pathPrefixes: ['/api/v1/notifications'],
    docs: 'docs/WORKBENCH.md',
  },
  {
    code: 'e-certificates',
    name: '电子证照',
    description: '证照签发（SM2 签名、电子印章）、亮证与核验',
    obligation: 'mandatory',
    pathPrefixes: ['/api/v1/certificates'],
    docs: 'docs/CERTIFICATES.md',
  },
  {
    code: 'workflow',
    name: '流程引擎',
    description: 'BPMN 2.0 流程、待办、时限、会签',
    obligation: 'recommended',
    pathPrefixes: ['/api/v1/workflow/', '/api/v1/model/', '/govstack/workflow/'],
    docs: 'docs/WORKFLOW.md',
  },
  {
    code: 'messages',
    name: '即时消息',
    description: '单聊、群聊、已读回执、紧急消息（DING）',
    obligation: 'recommended',
    pathPrefixes: ['/api/v1/conversations', '/api/v1/messages'],
    docs: 'docs/MESSAGES.md',
  },
  {
    code: 'address-book',
    name: '组织通讯录',
    description: '跨层级组织架构与人员名片',
    obligation: 'recommended',
    pathPrefixes: ['/api/v1/address-book/', '/api/v1/orgs', '/api/v1/regions'],
    docs: 'docs/IDENTITY.md',
  },
  {
    code: 'execution-chain',
    name: '执行链（批示督办）',
    description: '批示交办、签收、进展反馈、督办',
    obligation: 'recommended',
    pathPrefixes: ['/api/v1/instructions'],
    docs: 'docs/EXECUTION-CHAIN.md',
  },
  {
    code: 'interaction',
    name: '交互中心',
    description: '好差评、投诉与建议',
    obligation: 'recommended',
    pathPrefixes: ['/api/v1/complaints'],
    docs: 'docs/ONE-STOP.md',
  },
];

/**
 * 组件目录 (P6.1): built-in and registered components with owner, version, docs and whether
 * they are mandatory, and how much each is used — counted from real calls to their APIs
 * (built-in) and from the apps that declare them.
 */
export class ComponentCatalog {
  private readonly db: Database;
  private readonly audit: AuditLog;

  constructor(db: Database, audit: AuditLog) {
    this.db = db;
    this.audit = audit;
  }

  /** Writes (or brings up to date) the built-in components at start-up. */
  async installBuiltIns(version: string): Promise<void> {
    for (const c of builtInComponents) {
      const values = {
        name: c.name,
        description: c.description,
        version,
        docs_url: null,
        docs: c.docs,
        obligation: c.obligation,
        path_prefixes: JSON.stringify(c.pathPrefixes),
      };
      await this.db.kysely
        .insertInto('components')
        .values({ code: c.code, kind: 'builtin', owner_org_id: null, ...values })
        .onConflict((oc) => oc.column('code').doUpdateSet({ ...values, updated_at: sql`now()` }))
        .execute();
    }
  }

  async list(days = 30) {
    const rows = await sql<{
      code: string;
      name: string;
      description: string;
      owner_org_id: string | null;
      owner_org_name: string | null;
      version: string;
      docs: string;
      docs_url: string | null;
      kind: 'builtin' | 'registered';
      obligation: 'mandatory' | 'recommended';
      calls: string | null;
      errors: string | null;
      callers: string;
      apps: string[] | null;
    }>`
      select c.*, o.name as owner_org_name,
        (select sum(calls) from component_usage u where u.component_code = c.code and u.day > current_date - ${days}::int) as calls,
        (select sum(errors) from component_usage u where u.component_code = c.code and u.day > current_date - ${days}::int) as errors,
        (select count(distinct caller) from component_usage u where u.component_code = c.code and u.day > current_date - ${days}::int
           and u.caller not in ('zhili', 'anonymous')) as callers,
        (select jsonb_agg(a.name order by a.name) from apps a where a.status = 'active' and a.components ? c.code) as apps
      from components c left join orgs o on o.id = c.owner_org_id
      order by c.kind, c.obligation, c.code`.execute(this.db.kysely);
    return {
      days,
      items: rows.rows.map((r) => ({
        code: r.code,
        name: r.name,
        description: r.description,
        ownerOrgId: r.owner_org_id,
        ownerOrgName: r.owner_org_name ?? '浙里治理平台',
        version: r.version,
        docs: r.docs,
        docsUrl: r.docs_url,
        kind: r.kind,
        obligation: r.obligation,
        usage: { calls: Number(r.calls ?? 0), errors: Number(r.errors ?? 0), appsCalling: Number(r.callers), appsDeclaring: r.apps ?? [] },
      })),
    };
  }

  async register(
    actor: Actor,
    input: z.infer<typeof registerComponentBody>,
    findOrg: (id: string) => Promise<{ regionCode: string } | undefined>,
  ) {
    const org = await findOrg(input.ownerOrgId);
    if (!org) throw new ValidationError('identity.org_not_found', { orgId: input.ownerOrgId });
    requirePermission(actor, 'component.manage', { orgId: input.ownerOrgId, regionCode: org.regionCode });
    await this.db.kysely.transaction().execute(async (tx) => {
      const taken = await tx.selectFrom('components').select('code').where('code', '=', input.code).executeTakeFirst();
      if (taken) throw new ConflictError('apps.component_exists', { code: input.code });
      await tx
        .insertInto('components')
        .values({
          code: input.code,
          name: input.name,
          description: input.description,
          owner_org_id: input.ownerOrgId,
          version: input.version,
          docs: input.docs,
          docs_url: input.docsUrl ?? null,
          kind: 'registered',
          obligation: input.obligation,
        })
        .execute();
      await this.audit.record(
        {
          actor,
          action: 'component.register',
          targetType: 'component',
          targetId: input.code,
          orgId: input.ownerOrgId,
          details: { version: input.version },
        },
        tx,
      );
    });
    return (await this.list()).items.find((c) => c.code === input.code)!;
  }

  async update(
    actor: Actor,
    code: string,
    changes: z.infer<typeof updateComponentBody>,
    findOrg: (id: string) => Promise<{ regionCode: string } | undefined>,
  ) {
    const row = await this.db.kysely.selectFrom('components').selectAll().where('code', '=', code).executeTakeFirst();
    if (!row) throw new NotFoundError('apps.component_not_found', { code });
    if (row.kind === 'builtin') throw new ConflictError('apps.component_builtin', { code });
    const org = await findOrg(row.owner_org_id);
    requirePermission(actor, 'component.manage', { orgId: row.owner_org_id, regionCode: org?.regionCode ?? null });
    await this.db.kysely.transaction().execute(async (tx) => {
      await tx
        .updateTable('components')
        .set({
          ...(changes.name ? { name: changes.name } : {}),
          ...(changes.description !== undefined ? { description: changes.description } : {}),
          ...(changes.version ? { version: changes.version } : {}),
          ...(changes.docs !== undefined ? { docs: changes.docs } : {}),
          ...(changes.docsUrl ? { docs_url: changes.docsUrl } : {}),
          ...(changes.obligation ? { obligation: changes.obligation } : {}),
          updated_at: sql`now()`,
        })
        .where('code', '=', code)
        .execute();
      await this.audit.record(
        { actor, action: 'component.update', targetType: 'component', targetId: code, details: { changed: Object.keys(changes) } },
        tx,
      );
    });
    return (await this.list()).items.find((c) => c.code === code)!;
  }
}

/**
 * Counts calls to the built-in components by caller (an app's client id, 'zhili' for people
 * using Zhili's own front ends, 'anonymous'): in memory, written every few seconds. A crash
 * loses at most those seconds of counts — usage figures, not records.
 */
export class UsageMeter {
  private readonly db: Database;
  private readonly log: Logger;
  private pending = new Map<string, { calls: number; errors: number }>();
  private readonly prefixes: { prefix: string; code: string }[];

  constructor(db: Database, log: Logger) {
    this.db = db;
    this.log = log;
    this.prefixes = builtInComponents.flatMap((c) => c.pathPrefixes.map((prefix) => ({ prefix, code: c.code })));
  }

  /** One answered request. */
  count(url: string, caller: string, status: number): void {
    const found = this.prefixes.find((p) => url.startsWith(p.prefix));
    if (!found) return;
    const key = `${found.code}|${caller}|${new Date().toISOString().slice(0, 10)}`;
    const entry = this.pending.get(key) ?? { calls: 0, errors: 0 };
    entry.calls++;
    if (status >= 400) entry.errors++;
    this.pending.set(key, entry);
  }

  async flush(): Promise<void> {
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      for (const [key, v] of batch) {
        const [code, caller, day] = key.split('|') as [string, string, string];
        await sql`insert into component_usage (component_code, caller, day, calls, errors) values (${code}, ${caller}, ${day}, ${v.calls}, ${v.errors})
          on conflict (component_code, caller, day) do update set calls = component_usage.calls + excluded.calls,
            errors = component_usage.errors + excluded.errors`.execute(this.db.kysely);
      }
    } catch (e) {
      this.log.warn({ err: e }, 'component usage not written');
    }
  }
}
