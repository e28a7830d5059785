import { sql } from 'kysely';
import { serviceActor, type Actor, type Database, type Logger } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { recordProblems, type CatalogService, type RecordStore, type RowProblem } from '../catalog/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { PlatformItems } from '../items/index.ts';
import type { WorkflowEngine } from '../workflow/index.ts';

/** The platform itself: running scheduled pulls, and 数据质量整改 in an owner's V-model. */
export const collectionActor = serviceActor('zhili-collection', '数据归集', [
  'model.manage',
  'model.read',
  'workflow.start',
  'workflow.monitor',
  'data.manage',
]);

/** How long records may go unchanged before they are stale, by the resource's update frequency (days, with a day's grace). */
export const freshnessDays: Record<string, number | null> = {
  realtime: 1,
  daily: 2,
  weekly: 8,
  monthly: 32,
  quarterly: 93,
  yearly: 367,
  irregular: null,
};

/** Points a stale resource loses from its quality score. */
export const stalePenalty = 20;

export interface Assessment {
  checkedRows: number;
  badRows: number;
  reasons: Record<string, number>;
  sample: RowProblem[];
  /** what was checked: `load:<id>`, `pull:<id>`, `check` */
  basis: string;
}

const rectifyProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="quality_defs" targetNamespace="http://zhili.gov.cn/collection">
  <bpmn:process id="quality_rectify" name="数据质量整改" isExecutable="true">
    <bpmn:startEvent id="found" name="发现质量问题" />
    <bpmn:userTask id="rectify" name="整改数据质量问题" camunda:candidateUsers="\${stewards}" camunda:formKey="rectify" />
    <bpmn:serviceTask id="close" name="关闭整改单" camunda:type="external" camunda:topic="quality.rectified" />
    <bpmn:endEvent id="done" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="found" targetRef="rectify" />
    <bpmn:sequenceFlow id="f2" sourceRef="rectify" targetRef="close" />
    <bpmn:sequenceFlow id="f3" sourceRef="close" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

const rectifyForm: Record<string, unknown> = {
  type: 'object',
  properties: {},
  $defs: {
    rectify: {
      type: 'object',
      title: '整改情况',
      required: ['measures'],
      properties: {
        measures: { type: 'string', title: '整改措施（已在源系统更正并重新归集等）', minLength: 4, maxLength: 1000 },
      },
    },
  },
};

/**
 * 数据质量: each resource's score from its latest assessment — the share of rows that passed
 * every field rule, less {@link stalePenalty} points when its records are older than its update
 * frequency allows — and, while problems stand, one 数据质量整改 task for the owner's data stewards.
 */
export class QualityService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly catalog: CatalogService;
  private readonly records: RecordStore;
  private readonly workflow: WorkflowEngine;
  private readonly platformItems: PlatformItems;
  private readonly log: Logger;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    identity: IdentityStore;
    catalog: CatalogService;
    records: RecordStore;
    workflow: WorkflowEngine;
    platformItems: PlatformItems;
    log: Logger;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.catalog = deps.catalog;
    this.records = deps.records;
    this.workflow = deps.workflow;
    this.platformItems = deps.platformItems;
    this.log = deps.log;
    this.workflow.registerHandler('quality.rectified', async ({ tx, instanceId }) => {
      await sql`update collection_quality set open_instance_id = null where open_instance_id = ${instanceId}`.execute(tx);
    });
  }

  private owned(actor: Actor, resourceId: string) {
    return this.catalog.managedResource(actor, resourceId);
  }

  /** A resource's quality now: score, validity, freshness, the problems found and the open task. */
  async quality(actor: Actor, resourceId: string, now = new Date()) {
    return this.view(await this.owned(actor, resourceId), now);
  }

  private async view(resource: NonNullable<Awaited<ReturnType<CatalogService['sharingView']>>>, now = new Date()) {
    const row = (
      await sql<{
        checked_rows: number;
        bad_rows: number;
        reasons: Record<string, number>;
        sample: RowProblem[];
        basis: string;
        checked_at: string;
        open_instance_id: string | null;
      }>`select * from collection_quality where resource_id = ${resource.id}`.execute(this.db.kysely)
    ).rows[0];
    const days = freshnessDays[resource.updateFrequency] ?? null;
    const updatedAt = resource.recordsUpdatedAt ? new Date(resource.recordsUpdatedAt) : null;
    const fresh = days === null ? true : updatedAt !== null && now.getTime() - updatedAt.getTime() <= days * 86_400_000;
    const validity = row ? (row.checked_rows === 0 ? 1 : 1 - row.bad_rows / row.checked_rows) : null;
    return {
      resourceId: resource.id,
      score: validity === null ? null : Math.max(0, Math.round(validity * 100) - (fresh ? 0 : stalePenalty)),
      validity,
      fresh,
      freshnessDays: days,
      recordsUpdatedAt: resource.recordsUpdatedAt,
      checkedRows: row?.checked_rows ?? 0,
      badRows: row?.bad_rows ?? 0,
      reasons: row?.reasons ?? {},
      sample: row?.sample ?? [],
      basis: row?.basis ?? null,
      checkedAt: row?.checked_at ?? null,
      rectificationInstanceId: row?.open_instance_id ?? null,
    };
  }

  /**
   * Keeps an assessment as the resource's latest; problems (bad rows, or stale records) open a
   * 数据质量整改 task for the owner's data stewards unless one is already open.
   */
  async record(resourceId: string, assessment: Assessment): Promise<void> {
    const resource = await this.catalog.sharingView(resourceId, true);
    if (!resource) return;
    await sql`insert into collection_quality (resource_id, org_id, checked_rows, bad_rows, reasons, sample, basis, checked_at)
      values (${resource.id}, ${resource.orgId}, ${assessment.checkedRows}, ${assessment.badRows}, ${JSON.stringify(assessment.reasons)}::jsonb,
        ${JSON.stringify(assessment.sample.slice(0, 20))}::jsonb, ${assessment.basis}, now())
      on conflict (resource_id) do update set checked_rows = excluded.checked_rows, bad_rows = excluded.bad_rows,
        reasons = excluded.reasons, sample = excluded.sample, basis = excluded.basis, checked_at = now()`.execute(this.db.kysely);
    const now = await this.view(resource);
    if (now.badRows > 0 || !now.fresh) await this.openRectification(resource, now);
  }

  private async openRectification(
    resource: { id: string; orgId: string; name: string; code: string },
    quality: Awaited<ReturnType<QualityService['view']>>,
  ): Promise<void> {
    if (quality.rectificationInstanceId) return;
    const stewards = (await this.identity.dataStewardsOf(resource.orgId)).map((a) => a.id);
    if (!stewards.length) {
      this.log.warn({ resourceId: resource.id }, 'no data steward to rectify data quality');
      return;
    }
    const itemId = await this.platformItems.ensure(collectionActor, resource.orgId, {
      purpose: 'collection.quality',
      path: ['数据治理', '数据质量', '质量问题整改', '数据质量整改'],
      itemType: 'governance',
      process: rectifyProcess,
      form: rectifyForm,
      timeLimitDays: 5,
    });
    const problems = quality.sample.map((p) => `第 ${p.row} 行 ${p.field ?? ''}：${p.reason}`);
    const prepared = await this.workflow.prepareStart(collectionActor, 'zh-CN', {
      itemId,
      businessKey: resource.id,
      variables: {
        resourceId: resource.id,
        resource: `${resource.name}（${resource.code}）`,
        score: quality.score,
        checkedRows: quality.checkedRows,
        badRows: quality.badRows,
        reasons: quality.reasons,
        problems,
        stale: !quality.fresh,
        stewards,
      },
    });
    await this.db.kysely.transaction().execute(async (tx) => {
      const claimed = await sql`update collection_quality set open_instance_id = ${prepared.id}
        where resource_id = ${resource.id} and open_instance_id is null`.execute(tx);
      if (Number(claimed.numAffectedRows ?? 0) !== 1) return; // another assessment opened one meanwhile
      await this.workflow.startPrepared(tx, prepared);
      await this.audit.record(
        {
          actor: collectionActor,
          action: 'collection.quality.rectification',
          targetType: 'data_resource',
          targetId: resource.id,
          orgId: resource.orgId,
          details: { instanceId: prepared.id, score: quality.score, badRows: quality.badRows, stale: !quality.fresh },
        },
        tx,
      );
    });
  }

  /** Checks every stored record against the resource's current rules (after a schema change, say) and keeps the result. */
  async check(actor: Actor, resourceId: string) {
    const resource = await this.owned(actor, resourceId);
    const byName = new Map(resource.fields.map((f) => [f.name, f]));
    const reasons: Record<string, number> = {};
    const sample: RowProblem[] = [];
    let checked = 0;
    let bad = 0;
    let after: string | null = null;
    for (;;) {
      const page = await this.records.scan(resource.id, after, 1000);
      if (page.length === 0) break;
      for (const { record } of page) {
        checked += 1;
        const problems = recordProblems(resource.fields, byName, record, checked);
        if (!problems.length) continue;
        bad += 1;
        for (const p of problems) {
          reasons[p.reason] = (reasons[p.reason] ?? 0) + 1;
          if (sample.length < 20) sample.push(p);
        }
      }
      after = page[page.length - 1]!.recordKey;
    }
    const duplicates = await this.records.duplicateValues(resource.id);
    if (duplicates.records) {
      bad += duplicates.records;
      reasons.duplicate_value = (reasons.duplicate_value ?? 0) + duplicates.records;
    }
    await this.record(resource.id, { checkedRows: checked, badRows: Math.min(bad, checked), reasons, sample, basis: 'check' });
    await this.audit.record({
      actor,
      action: 'collection.quality.check',
      targetType: 'data_resource',
      targetId: resource.id,
      orgId: resource.orgId,
      details: { checked, bad },
    });
    return this.quality(actor, resource.id);
  }
}
