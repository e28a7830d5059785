import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  can,
  newId,
  NotFoundError,
  requirePermission,
  translate,
  ValidationError,
  type Actor,
  type Database,
  type Executor,
  type Locale,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import { createFormAjv, formParts, readBpmn, type FormVersion, type ProcessVersion } from '../workflow/index.ts';
import * as repo from './items.repository.ts';

export const deployProcessBody = z.strictObject({
  bpmnXml: z
    .string()
    .min(1)
    .max(2 * 1024 * 1024),
});
export const deployFormBody = z.strictObject({
  schema: z.record(z.string(), z.unknown()),
  uiSchema: z.record(z.string(), z.unknown()).default({}),
});
export const profileBody = z.strictObject({
  indicators: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(100),
        definition: z.string().max(500).default(''),
        unit: z.string().max(20).default(''),
        target: z.string().max(50).default(''),
      }),
    )
    .max(50),
  dataNeeds: z
    .array(
      z.strictObject({
        resource: z.string().trim().min(1).max(100),
        field: z.string().trim().min(1).max(100),
        purpose: z.string().max(200).default(''),
      }),
    )
    .max(200),
  /** 承诺时限: working days from acceptance to result */
  timeLimitDays: z.number().int().min(1).max(365).nullable().default(null),
});
export const versionParams = z.strictObject({
  id: z.string().regex(/^node_[0-9a-z]{26}$/, 'identity.invalid_id'),
  version: z.coerce.number().int().min(1),
});

interface ProcessSourceRow {
  id: string;
  item_id: string;
  version: number;
  bpmn_xml: string;
  org_id: string;
  name: string;
  time_limit_days: number | null;
}
const processSelect = sql`select v.id, v.item_id, v.version, v.bpmn_xml, n.org_id, n.name, p.time_limit_days from item_process_versions v
  join model_nodes n on n.id = v.item_id left join item_profiles p on p.item_id = v.item_id`;

interface FormRow {
  id: string;
  version: number;
  schema: Record<string, unknown>;
  ui_schema: Record<string, unknown>;
}
/** What the workflow engine reads of an item's definitions (its DefinitionSource): the shapes are the engine's. */
export type FormSource = FormVersion;
export type ProcessSource = ProcessVersion;

function toFormSource(row: FormRow): FormSource {
  return { formVersionId: row.id, version: row.version, schema: row.schema, uiSchema: row.ui_schema };
}

interface VersionRow {
  version: number;
  sha256: string;
  deployed_at: string;
  deployed_by: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const formSchemaChecker = createFormAjv();

/** Whether each data need of an item is matched by a grant: wired to the sharing module. */
export type DataNeedMatcher = (itemId: string, needs: { resource: string; field: string }[]) => Promise<boolean[]>;

/** P5.2: what an item carries — a versioned process and form, indicators and data needs. */
export class ItemDefinitions {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  matchNeeds: DataNeedMatcher = async (_itemId, needs) => needs.map(() => false);

  constructor(db: Database, audit: AuditLog, identity: IdentityStore) {
    this.db = db;
    this.audit = audit;
    this.identity = identity;
  }

  /** Every item's data needs, of some organisations or of all (metrics: 共享需求满足率). Callers check who may ask. */
  async dataNeeds(orgIds: string[] | null): Promise<{ itemId: string; orgId: string; needs: { resource: string; field: string }[] }[]> {
    const rows = (
      await sql<{ item_id: string; org_id: string; data_needs: { resource: string; field: string }[] }>`select p.item_id, n.org_id,
          p.data_needs from item_profiles p join model_nodes n on n.id = p.item_id
        where jsonb_array_length(p.data_needs) > 0 and (${orgIds === null} or n.org_id in (${sql.join(orgIds?.length ? orgIds : [''])}))`.execute(
        this.db.kysely,
      )
    ).rows;
    return rows.map((r) => ({ itemId: r.item_id, orgId: r.org_id, needs: r.data_needs }));
  }

  private async item(actor: Actor, itemId: string, permission: 'model.read' | 'model.manage') {
    const node = await repo.findNode(this.db.kysely, itemId);
    if (!node || node.level !== 'item') throw new NotFoundError('items.node_not_found', { nodeId: itemId });
    const org = await this.identity.findOrg(node.org_id);
    requirePermission(actor, permission, { orgId: node.org_id, regionCode: org?.regionCode ?? null });
    return { node, org: org! };
  }

  async describe(actor: Actor, itemId: string) {
    const { node } = await this.item(actor, itemId, 'model.read');
    const processes = (
      await sql<
        VersionRow & { process_key: string }
      >`select version, sha256, deployed_at, deployed_by, process_key from item_process_versions
      where item_id = ${itemId} order by version desc`.execute(this.db.kysely)
    ).rows;
    const forms = (
      await sql<VersionRow>`select version, sha256, deployed_at, deployed_by from item_form_versions where item_id = ${itemId} order by version desc`.execute(
        this.db.kysely,
      )
    ).rows;
    const profile = (
      await sql<{
        indicators: unknown[];
        data_needs: { resource: string; field: string; purpose: string }[];
        time_limit_days: number | null;
      }>`select indicators, data_needs, time_limit_days from item_profiles where item_id = ${itemId}`.execute(this.db.kysely)
    ).rows[0];
    // A need is matched when a sharing grant of this item covers its resource's field (P3.1).
    const needs = profile?.data_needs ?? [];
    const matched = needs.length ? await this.matchNeeds(itemId, needs) : [];
    const dataNeeds = needs.map((need, i) => ({ ...need, status: matched[i] ? ('matched' as const) : ('unmatched' as const) }));
    const view = (v: VersionRow) => ({ version: v.version, sha256: v.sha256, deployedAt: v.deployed_at, deployedBy: v.deployed_by });
    return {
      id: node.id,
      name: node.name,
      itemType: node.item_type,
      process: processes[0] ? { ...view(processes[0]), processKey: processes[0].process_key } : null,
      processVersions: processes.map(view),
      form: forms[0] ? view(forms[0]) : null,
      formVersions: forms.map(view),
      indicators: profile?.indicators ?? [],
      dataNeeds,
      timeLimitDays: profile?.time_limit_days ?? null,
      complete: Boolean(processes[0] && forms[0] && dataNeeds.every((n) => n.status !== 'unmatched')),
    };
  }

  /** The modeler's 校验: every problem of a model, without deploying anything. */
  async checkProcess(actor: Actor, locale: Locale, itemId: string, bpmnXml: string) {
    await this.item(actor, itemId, 'model.read');
    const { problems } = await readBpmn(bpmnXml);
    return { problems: problems.map((p) => ({ ...p, message: translate(p.code, locale, { detail: p.detail ?? '' }) })) };
  }

  /**
   * Deploys a process version after the whole model checks out; identical XML to the latest
   * version deploys nothing new. Problems come back listed, each with its element.
   */
  async deployProcess(actor: Actor, locale: Locale, itemId: string, bpmnXml: string) {
    const { node, org } = await this.item(actor, itemId, 'model.manage');
    const { model, problems } = await readBpmn(bpmnXml);
    if (!model) {
      throw new ValidationError('workflow.deploy_refused', {
        problems: problems.map((p) => ({ ...p, message: translate(p.code, locale, { detail: p.detail ?? '' }) })),
      });
    }
    const hash = sha256(bpmnXml);
    return this.db.kysely.transaction().execute(async (tx) => {
      await sql`select id from model_nodes where id = ${itemId} for update`.execute(tx);
      const latest = (
        await sql<{
          version: number;
          sha256: string;
        }>`select version, sha256 from item_process_versions where item_id = ${itemId} order by version desc limit 1`.execute(tx)
      ).rows[0];
      if (latest?.sha256 === hash) return { version: latest.version, processKey: model.id, created: false };
      const version = (latest?.version ?? 0) + 1;
      await sql`insert into item_process_versions (id, item_id, version, process_key, bpmn_xml, sha256, deployed_by)
        values (${newId('prv')}, ${itemId}, ${version}, ${model.id}, ${bpmnXml}, ${hash}, ${actor.accountId})`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'item.process.deploy',
          targetType: 'model_node',
          targetId: node.id,
          orgId: node.org_id,
          regionCode: org.regionCode,
          details: { version, processKey: model.id, sha256: hash },
        },
        tx,
      );
      return { version, processKey: model.id, created: true };
    });
  }

  /** Deployed process versions the actor may read (GovStack Workflow BB `GET /processes`), newest first. */
  async deployedProcesses(actor: Actor, filter: { definitionId?: string; processKey?: string } = {}) {
    const rows = (
      await sql<{
        id: string;
        item_id: string;
        version: number;
        process_key: string;
        deployed_at: string;
        org_id: string;
        name: string;
      }>`select v.id, v.item_id, v.version, v.process_key, v.deployed_at, n.org_id, n.name from item_process_versions v
        join model_nodes n on n.id = v.item_id
        where (${filter.definitionId ?? null}::text is null or v.id = ${filter.definitionId ?? null})
          and (${filter.processKey ?? null}::text is null or v.process_key = ${filter.processKey ?? null})
        order by v.deployed_at desc, v.id limit 1000`.execute(this.db.kysely)
    ).rows;
    const regions = new Map<string, string>();
    for (const orgId of new Set(rows.map((r) => r.org_id))) regions.set(orgId, (await this.identity.findOrg(orgId))?.regionCode ?? '');
    return rows
      .filter((r) => can(actor, 'model.read', { orgId: r.org_id, regionCode: regions.get(r.org_id) ?? '' }))
      .map((r) => ({
        definitionId: r.id,
        itemId: r.item_id,
        itemName: r.name,
        processKey: r.process_key,
        version: r.version,
        deployedAt: r.deployed_at,
      }));
  }

  /** For the workflow engine: an item's latest process version, with where the item lives. */
  async latestProcess(itemId: string, db: Executor = this.db.kysely): Promise<ProcessSource | undefined> {
    const row = (await sql<ProcessSourceRow>`${processSelect} where v.item_id = ${itemId} order by v.version desc limit 1`.execute(db))
      .rows[0];
    return row ? this.processSource(row, db) : undefined;
  }

  /**
   * For the workflow engine starting an instance: the ids of the item's latest process and form
   * versions, in one round trip (deployed versions never change, so the engine keeps them by id).
   */
  async latestVersionIds(itemId: string, db: Executor = this.db.kysely): Promise<{ processId: string | null; formId: string | null }> {
    const row = (
      await sql<{ process_id: string | null; form_id: string | null }>`select
          (select id from item_process_versions where item_id = ${itemId} order by version desc limit 1) as process_id,
          (select id from item_form_versions where item_id = ${itemId} order by version desc limit 1) as form_id`.execute(db)
    ).rows[0];
    return { processId: row?.process_id ?? null, formId: row?.form_id ?? null };
  }

  /** For call activities naming a process by its BPMN id: the newest deployment of that id. */
  async latestProcessByKey(processKey: string, db: Executor = this.db.kysely): Promise<ProcessSource | undefined> {
    const row = (
      await sql<ProcessSourceRow>`${processSelect} where v.process_key = ${processKey} order by v.deployed_at desc, v.version desc limit 1`.execute(
        db,
      )
    ).rows[0];
    return row ? this.processSource(row, db) : undefined;
  }

  /** For the workflow engine: the exact version a running instance started on. */
  async processById(definitionId: string, db: Executor = this.db.kysely): Promise<ProcessSource | undefined> {
    const row = (await sql<ProcessSourceRow>`${processSelect} where v.id = ${definitionId}`.execute(db)).rows[0];
    return row ? this.processSource(row, db) : undefined;
  }

  private async processSource(row: ProcessSourceRow, db: Executor): Promise<ProcessSource> {
    const org = await this.identity.findOrg(row.org_id, db);
    return {
      definitionId: row.id,
      itemId: row.item_id,
      itemName: row.name,
      version: row.version,
      bpmnXml: row.bpmn_xml,
      orgId: row.org_id,
      regionCode: org?.regionCode ?? '',
      timeLimitDays: row.time_limit_days,
    };
  }

  async formById(formVersionId: string, db: Executor = this.db.kysely): Promise<FormSource | undefined> {
    const row = (await sql<FormRow>`select id, version, schema, ui_schema from item_form_versions where id = ${formVersionId}`.execute(db))
      .rows[0];
    return row ? toFormSource(row) : undefined;
  }

  async processXml(actor: Actor, itemId: string, version: number): Promise<string> {
    await this.item(actor, itemId, 'model.read');
    const row = (
      await sql<{
        bpmn_xml: string;
      }>`select bpmn_xml from item_process_versions where item_id = ${itemId} and version = ${version}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('items.version_not_found', { version });
    return row.bpmn_xml;
  }

  /** A form is a JSON Schema (checked by Ajv in strict mode) plus UI hints for the renderers. */
  async deployForm(actor: Actor, itemId: string, schema: Record<string, unknown>, uiSchema: Record<string, unknown>) {
    const { node, org } = await this.item(actor, itemId, 'model.manage');
    // The whole form and each step's part ($defs[formKey]) as the engine will check them.
    for (const [part, candidate] of formParts(schema)) {
      try {
        formSchemaChecker.compile(candidate);
      } catch (error) {
        throw new ValidationError('forms.invalid_schema', {
          reason: `${part ? `$defs.${part}: ` : ''}${(error as Error).message.slice(0, 300)}`,
        });
      } finally {
        formSchemaChecker.removeSchema(candidate);
      }
    }
    const hash = sha256(JSON.stringify([schema, uiSchema]));
    return this.db.kysely.transaction().execute(async (tx) => {
      await sql`select id from model_nodes where id = ${itemId} for update`.execute(tx);
      const latest = (
        await sql<{
          version: number;
          sha256: string;
        }>`select version, sha256 from item_form_versions where item_id = ${itemId} order by version desc limit 1`.execute(tx)
      ).rows[0];
      if (latest?.sha256 === hash) return { version: latest.version, created: false };
      const version = (latest?.version ?? 0) + 1;
      await sql`insert into item_form_versions (id, item_id, version, schema, ui_schema, sha256, deployed_by)
        values (${newId('frv')}, ${itemId}, ${version}, ${JSON.stringify(schema)}::jsonb, ${JSON.stringify(uiSchema)}::jsonb, ${hash}, ${actor.accountId})`.execute(
        tx,
      );
      await this.audit.record(
        {
          actor,
          action: 'item.form.deploy',
          targetType: 'model_node',
          targetId: node.id,
          orgId: node.org_id,
          regionCode: org.regionCode,
          details: { version },
        },
        tx,
      );
      return { version, created: true };
    });
  }

  async formVersion(actor: Actor, itemId: string, version: number) {
    await this.item(actor, itemId, 'model.read');
    const row = (
      await sql<{
        schema: unknown;
        ui_schema: unknown;
      }>`select schema, ui_schema from item_form_versions where item_id = ${itemId} and version = ${version}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) throw new NotFoundError('items.version_not_found', { version });
    return { version, schema: row.schema, uiSchema: row.ui_schema };
  }

  async setProfile(actor: Actor, itemId: string, profile: z.infer<typeof profileBody>) {
    const { node, org } = await this.item(actor, itemId, 'model.manage');
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into item_profiles (item_id, indicators, data_needs, time_limit_days)
        values (${itemId}, ${JSON.stringify(profile.indicators)}::jsonb, ${JSON.stringify(profile.dataNeeds)}::jsonb, ${profile.timeLimitDays})
        on conflict (item_id) do update set indicators = excluded.indicators, data_needs = excluded.data_needs,
          time_limit_days = excluded.time_limit_days, updated_at = now()`.execute(tx);
      await this.audit.record(
        {
          actor,
          action: 'item.profile.set',
          targetType: 'model_node',
          targetId: node.id,
          orgId: node.org_id,
          regionCode: org.regionCode,
          details: { indicators: profile.indicators.length, dataNeeds: profile.dataNeeds.length },
        },
        tx,
      );
    });
    return this.describe(actor, itemId);
  }
}
