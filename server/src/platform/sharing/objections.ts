import { sql } from 'kysely';
import { z } from 'zod';
import {
  can,
  ForbiddenError,
  newId,
  NotFoundError,
  permissionScope,
  requirePermission,
  serviceActor,
  ValidationError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import { maskValue, type CatalogService, type RecordStore } from '../catalog/index.ts';
import { open, seal, type KeyRing } from '../crypto/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import type { PlatformItems } from '../items/index.ts';
import type { WorkflowEngine } from '../workflow/index.ts';
import type { SharingService } from './sharing.service.ts';

export const createObjectionBody = z.strictObject({
  resourceId: z.string().regex(/^res_[0-9a-z]{26}$/, 'identity.invalid_id'),
  keyField: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name'),
  keyValue: z.string().trim().min(1).max(200),
  /** the field that is wrong, if one is */
  field: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,62}$/, 'catalog.invalid_field_name')
    .optional(),
  description: z.string().trim().min(4).max(1000),
});
export type CreateObjectionInput = z.infer<typeof createObjectionBody>;

interface ObjectionRow {
  id: string;
  resource_id: string;
  owner_org_id: string;
  consumer_org_id: string;
  key_field: string;
  key_masked: string;
  key_sealed: Buffer | Uint8Array;
  key_version: number;
  field: string | null;
  description: string;
  status: 'open' | 'accepted' | 'rejected';
  answer: string | null;
  corrected: boolean;
  instance_id: string;
  raised_by: string | null;
  raised_at: string;
  answered_at: string | null;
}

/** The platform itself, running 数据异议处理 in an owner's V-model. */
const objectionActor = serviceActor('zhili-objections', '数据异议', ['model.manage', 'model.read', 'workflow.start', 'workflow.monitor']);

const objectionProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="objection_defs" targetNamespace="http://zhili.gov.cn/sharing">
  <bpmn:process id="data_objection" name="数据异议处理" isExecutable="true">
    <bpmn:startEvent id="raised" name="收到数据异议" />
    <bpmn:userTask id="answer" name="核实并答复数据异议" camunda:candidateUsers="\${stewards}" camunda:formKey="answer" />
    <bpmn:serviceTask id="close" name="登记答复" camunda:type="external" camunda:topic="objection.answer" />
    <bpmn:endEvent id="done" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="raised" targetRef="answer" />
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="close" />
    <bpmn:sequenceFlow id="f3" sourceRef="close" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

const objectionForm: Record<string, unknown> = {
  type: 'object',
  properties: {},
  $defs: {
    answer: {
      type: 'object',
      title: '异议答复',
      required: ['accepted', 'answer'],
      properties: {
        accepted: { type: 'boolean', title: '异议是否成立' },
        corrected: { type: 'boolean', title: '已更正数据' },
        answer: { type: 'string', title: '答复意见', minLength: 4, maxLength: 1000 },
      },
    },
  },
};

/**
 * P2.5 数据异议: a consumer holding a grant flags a record it believes wrong; the owner's data
 * stewards answer in a 数据异议处理 task (3 working days, warned and escalated like any item);
 * the answer closes the loop for both sides. The record's key is kept sealed — the owner sees it
 * whole to find the record, the consumer masked as the gateway shows it.
 */
export class ObjectionService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly catalog: CatalogService;
  private readonly records: RecordStore;
  private readonly sharing: SharingService;
  private readonly workflow: WorkflowEngine;
  private readonly platformItems: PlatformItems;
  private readonly keys: KeyRing;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    identity: IdentityStore;
    catalog: CatalogService;
    records: RecordStore;
    sharing: SharingService;
    workflow: WorkflowEngine;
    platformItems: PlatformItems;
    keys: KeyRing;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.catalog = deps.catalog;
    this.records = deps.records;
    this.sharing = deps.sharing;
    this.workflow = deps.workflow;
    this.platformItems = deps.platformItems;
    this.keys = deps.keys;
    this.workflow.registerHandler('objection.answer', async ({ tx, variables }) => {
      await sql`update data_objections set status = ${variables.accepted === true ? 'accepted' : 'rejected'},
        answer = ${String(variables.answer ?? '')}, corrected = ${variables.corrected === true}, answered_at = now()
        where id = ${String(variables.objectionId)} and status = 'open'`.execute(tx);
    });
  }

  async raise(actor: Actor, input: CreateObjectionInput) {
    const consumerOrgId = actor.orgId;
    const consumer = consumerOrgId ? await this.identity.findOrg(consumerOrgId) : undefined;
    if (!consumer) throw new ForbiddenError('access.forbidden', { permission: 'data.manage' });
    requirePermission(actor, 'data.manage', { orgId: consumer.id, regionCode: consumer.regionCode });
    const resource = await this.catalog.sharingView(input.resourceId);
    if (!resource) throw new NotFoundError('catalog.resource_not_found', { id: input.resourceId });
    const terms = await this.sharing.grantTerms(consumer.id, resource.id);
    if (!terms.fields.length) throw new ForbiddenError('sharing.objection_needs_grant', { resource: resource.name });
    const keyField = resource.fields.find((f) => f.key && f.name === input.keyField);
    if (!keyField) throw new ValidationError('catalog.not_a_key', { field: input.keyField });
    if (!terms.fields.includes(keyField.name)) throw new ForbiddenError('gateway.key_not_granted', { field: keyField.name });
    if (input.field && !terms.fields.includes(input.field))
      throw new ValidationError('sharing.objection_field_not_granted', { field: input.field });
    const [found] = await this.records.lookup(resource.id, keyField.name, [input.keyValue]);
    if (!found?.record) throw new NotFoundError('catalog.record_not_found', { field: keyField.name });
    const stewards = (await this.identity.dataStewardsOf(resource.orgId)).map((a) => a.id);
    if (!stewards.length) throw new ValidationError('sharing.no_reviewer');
    const itemId = await this.platformItems.ensure(objectionActor, resource.orgId, {
      purpose: 'sharing.objection',
      path: ['数据共享', '数据异议', '异议处理', '数据异议处理'],
      itemType: 'governance',
      process: objectionProcess,
      form: objectionForm,
      timeLimitDays: 3,
    });
    const id = newId('obj');
    const keyMasked = String(maskValue(keyField, input.keyValue));
    const key = await this.keys.current();
    const prepared = await this.workflow.prepareStart(objectionActor, 'zh-CN', {
      itemId,
      businessKey: id,
      variables: {
        objectionId: id,
        resource: `${resource.name}（${resource.code}）`,
        consumer: consumer.name,
        record: `${keyField.label} ${keyMasked}`,
        field: input.field ? (resource.fields.find((f) => f.name === input.field)?.label ?? input.field) : '（整条记录）',
        description: input.description,
        stewards,
      },
    });
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into data_objections (id, resource_id, owner_org_id, consumer_org_id, key_field, key_masked, key_sealed, key_version,
          field, description, status, instance_id, raised_by)
        values (${id}, ${resource.id}, ${resource.orgId}, ${consumer.id}, ${keyField.name}, ${keyMasked},
          ${seal(key, Buffer.from(input.keyValue))}, ${key.version}, ${input.field ?? null}, ${input.description}, 'open', ${prepared.id},
          ${actor.accountId})`.execute(tx);
      await this.workflow.startPrepared(tx, prepared);
      await this.audit.record(
        {
          actor,
          action: 'sharing.objection.raise',
          targetType: 'data_resource',
          targetId: resource.id,
          orgId: consumer.id,
          regionCode: consumer.regionCode,
          details: { objectionId: id, keyField: keyField.name, field: input.field ?? null },
        },
        tx,
      );
    });
    return this.get(actor, id);
  }

  private async side(actor: Actor, row: ObjectionRow): Promise<'owner' | 'consumer' | null> {
    for (const [orgId, side] of [
      [row.owner_org_id, 'owner'],
      [row.consumer_org_id, 'consumer'],
    ] as const) {
      const org = await this.identity.findOrg(orgId);
      if (can(actor, 'data.manage', { orgId, regionCode: org?.regionCode ?? null })) return side;
    }
    return null;
  }

  async get(actor: Actor, id: string) {
    const row = (await sql<ObjectionRow>`select * from data_objections where id = ${id}`.execute(this.db.kysely)).rows[0];
    if (!row) throw new NotFoundError('sharing.objection_not_found', { id });
    const side = await this.side(actor, row);
    if (!side) throw new ForbiddenError('access.forbidden', { permission: 'data.manage' });
    return this.view(row, side);
  }

  /** Objections raised by or against the organisations the actor manages data for, newest first. */
  async list(actor: Actor, status?: string) {
    const scope = permissionScope(actor, 'data.manage');
    requirePermission(actor, 'data.manage');
    const orgs = scope.orgIds.length ? scope.orgIds : [''];
    const rows = (
      await sql<ObjectionRow>`select * from data_objections where (${scope.all || scope.regionCodes.length > 0}
          or owner_org_id in (${sql.join(orgs)}) or consumer_org_id in (${sql.join(orgs)}))
          and (${status ?? null}::text is null or status = ${status ?? null})
        order by raised_at desc limit 200`.execute(this.db.kysely)
    ).rows;
    const items = [];
    for (const row of rows) {
      const side = await this.side(actor, row);
      if (side) items.push(await this.view(row, side));
    }
    return { items };
  }

  private async view(row: ObjectionRow, side: 'owner' | 'consumer') {
    const keyValue =
      side === 'owner' ? open(await this.keys.get(row.key_version), Buffer.from(row.key_sealed)).toString('utf8') : row.key_masked;
    return {
      id: row.id,
      resourceId: row.resource_id,
      ownerOrgId: row.owner_org_id,
      consumerOrgId: row.consumer_org_id,
      keyField: row.key_field,
      keyValue,
      field: row.field,
      description: row.description,
      status: row.status,
      answer: row.answer,
      corrected: row.corrected,
      instanceId: row.instance_id,
      raisedAt: row.raised_at,
      answeredAt: row.answered_at,
      side,
    };
  }
}
