import { sql } from 'kysely';
import { z } from 'zod';
import {
  ConflictError,
  ForbiddenError,
  newId,
  NotFoundError,
  serviceActor,
  ValidationError,
  type Actor,
  type Database,
} from '../../kernel/index.ts';
import type { AuditLog } from '../../platform/audit/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { PlatformItems } from '../../platform/items/index.ts';
import type { WorkflowEngine } from '../../platform/workflow/index.ts';
import type { ServiceCatalog } from './service-catalog.ts';

/** 好差评: the reasons an applicant ticks, as the national 政务服务好差评 system lists them. */
export const goodReasons = ['办事流程便捷', '材料精简', '不用跑腿', '服务热情', '按时办结'] as const;
export const poorReasons = ['多次跑腿', '材料繁琐', '办理超时', '服务态度差', '系统不好用', '结果不满意'] as const;

export const ratingBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  reasons: z
    .array(z.enum([...goodReasons, ...poorReasons]))
    .max(11)
    .default([]),
  comment: z.string().trim().max(500).optional(),
});
export const complaintBody = z
  .strictObject({
    kind: z.enum(['complaint', 'suggestion']),
    /** about a service, or one of my cases, or an organisation directly */
    serviceCode: z
      .string()
      .regex(/^[0-9A-Z-]{6,40}$/, 'onestop.invalid_code')
      .optional(),
    caseId: z
      .string()
      .regex(/^case_[0-9a-z]{26}$/, 'onestop.case_not_found')
      .optional(),
    orgId: z
      .string()
      .regex(/^org_[0-9a-z]{26}$/, 'identity.invalid_id')
      .optional(),
    text: z.string().trim().min(5).max(2000),
  })
  .refine((b) => [b.serviceCode, b.caseId, b.orgId].filter(Boolean).length === 1, {
    message: 'onestop.complaint_one_target',
    path: ['serviceCode'],
  });

const systemActor = serviceActor('zhili-one-stop', '一网通办', ['model.read', 'model.manage', 'workflow.start']);

const taskProcess = (id: string, name: string, task: string, formKey: string, topic: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zhili="http://zhili.gov.cn/bpmn" id="${id}_defs" targetNamespace="http://zhili.gov.cn/one-stop">
  <bpmn:process id="${id}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" name="收到" />
    <bpmn:userTask id="${formKey}" name="${task}" zhili:candidateOrgs="\${orgId}" camunda:formKey="${formKey}" />
    <bpmn:serviceTask id="record" name="登记办理结果" camunda:type="external" camunda:topic="${topic}" />
    <bpmn:endEvent id="done" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="${formKey}" />
    <bpmn:sequenceFlow id="f2" sourceRef="${formKey}" targetRef="record" />
    <bpmn:sequenceFlow id="f3" sourceRef="record" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/** 差评整改: the organisation says what it changed; the item closes the rating's loop. */
const rectification = {
  purpose: 'onestop.rectification',
  path: ['政务服务', '好差评', '差评整改', '差评整改'] as [string, string, string, string],
  itemType: 'governance' as const,
  process: taskProcess('onestop_rectification', '差评整改', '差评整改', 'rectify', 'onestop.rectified'),
  form: {
    type: 'object',
    properties: {
      caseNo: { type: 'string', title: '办件编号' },
      service: { type: 'string', title: '事项' },
      score: { type: 'integer', title: '评价等级（1–5）' },
      reasons: { type: 'array', title: '差评原因', items: { type: 'string' } },
      comment: { type: 'string', title: '评价内容' },
    },
    $defs: {
      rectify: {
        type: 'object',
        title: '整改情况',
        required: ['measures'],
        properties: { measures: { type: 'string', title: '整改措施与结果（将告知评价人）', minLength: 5, maxLength: 1000 } },
      },
    },
  },
  timeLimitDays: 5,
};

/** 投诉建议答复 */
const complaintItem = {
  purpose: 'onestop.complaint',
  path: ['政务服务', '好差评', '投诉建议', '投诉与建议处理'] as [string, string, string, string],
  itemType: 'governance' as const,
  process: taskProcess('onestop_complaint', '投诉与建议处理', '答复投诉建议', 'answer', 'onestop.complaint.answered'),
  form: {
    type: 'object',
    properties: {
      kind: { type: 'string', title: '类别' },
      service: { type: 'string', title: '涉及事项' },
      text: { type: 'string', title: '内容' },
    },
    $defs: {
      answer: {
        type: 'object',
        title: '答复',
        required: ['answer'],
        properties: { answer: { type: 'string', title: '答复内容（将告知提出人）', minLength: 5, maxLength: 2000 } },
      },
    },
  },
  timeLimitDays: 5,
};

/**
 * 好差评 and complaints (S2.1): the applicant rates a finished case; a poor rating becomes a
 * 差评整改 task of the handling organisation, tracked to closure; complaints and suggestions
 * are routed to the responsible organisation and answered there.
 */
export class FeedbackService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;
  private readonly services: ServiceCatalog;
  private readonly workflow: WorkflowEngine;
  private readonly platformItems: PlatformItems;

  constructor(deps: {
    db: Database;
    audit: AuditLog;
    identity: IdentityStore;
    services: ServiceCatalog;
    workflow: WorkflowEngine;
    platformItems: PlatformItems;
  }) {
    this.db = deps.db;
    this.audit = deps.audit;
    this.identity = deps.identity;
    this.services = deps.services;
    this.workflow = deps.workflow;
    this.platformItems = deps.platformItems;
    this.workflow.registerHandler('onestop.rectified', async ({ tx, instanceId, variables }) => {
      await sql`update case_ratings set rectification_status = 'closed', rectification_measures = ${String(variables.measures ?? '')},
        rectified_at = now() where rectification_instance_id = ${instanceId}`.execute(tx);
    });
    this.workflow.registerHandler('onestop.complaint.answered', async ({ tx, instanceId, variables }) => {
      await sql`update complaints set status = 'answered', answer = ${String(variables.answer ?? '')}, answered_at = now()
        where instance_id = ${instanceId}`.execute(tx);
    });
  }

  /** 评价: the applicant, once, after the case is finished (办结 or 不予办理). */
  async rate(actor: Actor, caseId: string, input: z.infer<typeof ratingBody>) {
    const row = (
      await sql<{
        id: string;
        case_no: string;
        applicant_id: string;
        org_id: string;
        region_code: string;
        service_code: string;
        service_name: string;
        status: string;
      }>`select id, case_no, applicant_id, org_id, region_code, service_code, service_name, status from service_cases where id = ${caseId}`.execute(
        this.db.kysely,
      )
    ).rows[0];
    if (!row) throw new NotFoundError('onestop.case_not_found', { id: caseId });
    if (row.applicant_id !== actor.accountId) throw new ForbiddenError('onestop.not_your_case', { id: caseId });
    if (row.status !== 'completed' && row.status !== 'refused') throw new ConflictError('onestop.rate_before_done', { status: row.status });
    const poor = input.score <= 2;
    if (poor && input.reasons.length === 0 && !input.comment) throw new ValidationError('onestop.poor_needs_reason');
    const rated = (await sql`select 1 from case_ratings where case_id = ${caseId}`.execute(this.db.kysely)).rows.length > 0;
    if (rated) throw new ConflictError('onestop.already_rated', { id: caseId });
    const task = poor
      ? await this.workflow.prepareStart(systemActor, 'zh-CN', {
          itemId: await this.platformItems.ensure(systemActor, row.org_id, rectification),
          businessKey: caseId,
          variables: {
            orgId: row.org_id,
            caseNo: row.case_no,
            service: row.service_name,
            score: input.score,
            reasons: input.reasons,
            comment: input.comment ?? '',
          },
        })
      : null;
    await this.db.kysely.transaction().execute(async (tx) => {
      const inserted =
        await sql`insert into case_ratings (case_id, applicant_id, org_id, region_code, service_code, score, reasons, comment,
          rectification_instance_id, rectification_status)
        values (${caseId}, ${row.applicant_id}, ${row.org_id}, ${row.region_code}, ${row.service_code}, ${input.score},
          ${JSON.stringify(input.reasons)}::jsonb, ${input.comment ?? null}, ${task?.id ?? null}, ${task ? 'open' : null})
        on conflict (case_id) do nothing`.execute(tx);
      if (Number(inserted.numAffectedRows ?? 0) !== 1) throw new ConflictError('onestop.already_rated', { id: caseId });
      if (task) await this.workflow.startPrepared(tx, task);
      await this.audit.record(
        {
          actor,
          action: 'onestop.case.rate',
          targetType: 'service_case',
          targetId: caseId,
          orgId: row.org_id,
          regionCode: row.region_code,
          details: { score: input.score, rectification: Boolean(task) },
        },
        tx,
      );
    });
    return this.ratingOf(caseId);
  }

  /** The rating of a case and where its 整改 stands (null when not rated). */
  async ratingOf(caseId: string) {
    const row = (
      await sql<{
        score: number;
        reasons: string[];
        comment: string | null;
        rated_at: string;
        rectification_status: string | null;
        rectification_measures: string | null;
        rectified_at: string | null;
      }>`select score, reasons, comment, rated_at, rectification_status, rectification_measures, rectified_at
        from case_ratings where case_id = ${caseId}`.execute(this.db.kysely)
    ).rows[0];
    if (!row) return null;
    return {
      score: row.score,
      reasons: row.reasons,
      comment: row.comment,
      ratedAt: row.rated_at,
      rectification: row.rectification_status
        ? { status: row.rectification_status, measures: row.rectification_measures, closedAt: row.rectified_at }
        : null,
    };
  }

  /** 投诉 / 建议: routed to the organisation responsible (the service's, the case's, or the one named), answered in a task there. */
  async complain(actor: Actor, input: z.infer<typeof complaintBody>) {
    if (!actor.accountId) throw new ForbiddenError('access.forbidden', { permission: 'portal.use' });
    let orgId: string;
    let serviceCode: string | null = null;
    let serviceName = '';
    if (input.caseId) {
      const found = (
        await sql<{
          applicant_id: string;
          org_id: string;
          service_code: string;
          service_name: string;
        }>`select applicant_id, org_id, service_code, service_name from service_cases where id = ${input.caseId}`.execute(this.db.kysely)
      ).rows[0];
      if (!found) throw new NotFoundError('onestop.case_not_found', { id: input.caseId });
      if (found.applicant_id !== actor.accountId) throw new ForbiddenError('onestop.not_your_case', { id: input.caseId });
      ({ org_id: orgId, service_code: serviceCode, service_name: serviceName } = found);
    } else if (input.serviceCode) {
      const service = await this.services.stored(input.serviceCode);
      ({ orgId, code: serviceCode, name: serviceName } = service);
    } else orgId = input.orgId!;
    const org = await this.identity.findOrg(orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId });
    const id = newId('cmp');
    const start = await this.workflow.prepareStart(systemActor, 'zh-CN', {
      itemId: await this.platformItems.ensure(systemActor, orgId, complaintItem),
      businessKey: id,
      variables: { orgId, kind: input.kind === 'complaint' ? '投诉' : '建议', service: serviceName, text: input.text },
    });
    await this.db.kysely.transaction().execute(async (tx) => {
      await sql`insert into complaints (id, kind, submitter_id, org_id, region_code, service_code, case_id, text, status, instance_id)
        values (${id}, ${input.kind}, ${actor.accountId}, ${orgId}, ${org.regionCode}, ${serviceCode}, ${input.caseId ?? null}, ${input.text},
          'open', ${start.id})`.execute(tx);
      await this.workflow.startPrepared(tx, start);
      await this.audit.record(
        { actor, action: 'onestop.complaint.submit', targetType: 'complaint', targetId: id, orgId, regionCode: org.regionCode },
        tx,
      );
    });
    return (await this.mine(actor)).items.find((c) => c.id === id)!;
  }

  /** My complaints and suggestions, with their answers. */
  async mine(actor: Actor) {
    const rows = (
      await sql<{
        id: string;
        kind: string;
        org_id: string;
        service_code: string | null;
        case_id: string | null;
        text: string;
        status: string;
        answer: string | null;
        submitted_at: string;
        answered_at: string | null;
      }>`select id, kind, org_id, service_code, case_id, text, status, answer, submitted_at, answered_at from complaints
        where submitter_id = ${actor.accountId ?? ''} order by submitted_at desc limit 100`.execute(this.db.kysely)
    ).rows;
    const names = new Map((await this.identity.orgsByIds([...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o.name]));
    return {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        orgId: r.org_id,
        orgName: names.get(r.org_id) ?? r.org_id,
        serviceCode: r.service_code,
        caseId: r.case_id,
        text: r.text,
        status: r.status,
        answer: r.answer,
        submittedAt: r.submitted_at,
        answeredAt: r.answered_at,
      })),
    };
  }
}
