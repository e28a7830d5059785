import type { IdentityStore } from '../../platform/identity/index.ts';
import type { ItemDefinitions, ModelService } from '../../platform/items/index.ts';
import type { WorkflowEngine } from '../../platform/workflow/index.ts';

/**
 * The demo's business model and processes: 西湖区市场监管局's 食品经营许可 — a deployed
 * process with a form and a 10-working-day 承诺时限, and a few applications in the Xihu
 * officer's inbox — so a fresh `npm start` shows the Workbench and the Console at work.
 */
const foodLicence = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="food_licence_defs" targetNamespace="http://zhili.gov.cn/demo">
  <bpmn:process id="food_licence" name="食品经营许可（新办）" isExecutable="true">
    <bpmn:startEvent id="apply" name="申请" />
    <bpmn:userTask id="accept" name="窗口受理" camunda:candidateGroups="staff" camunda:formKey="accept" />
    <bpmn:exclusiveGateway id="complete_materials" name="材料齐全？" default="to_rejected_materials" />
    <bpmn:userTask id="review" name="审查" camunda:candidateGroups="staff" camunda:formKey="review" />
    <bpmn:boundaryEvent id="remind" name="3 日未审催办" attachedToRef="review" cancelActivity="false">
      <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:serviceTask id="remind_sms" name="催办短信" camunda:type="external" camunda:topic="notification" />
    <bpmn:endEvent id="reminded" name="已催办" />
    <bpmn:exclusiveGateway id="decision" name="是否许可？" default="to_refused" />
    <bpmn:serviceTask id="issue" name="发证并短信告知" camunda:type="external" camunda:topic="notification" />
    <bpmn:endEvent id="granted" name="准予许可" />
    <bpmn:endEvent id="refused" name="不予许可" />
    <bpmn:endEvent id="rejected_materials" name="不予受理" />
    <bpmn:sequenceFlow id="f_apply" sourceRef="apply" targetRef="accept" />
    <bpmn:sequenceFlow id="f_accept" sourceRef="accept" targetRef="complete_materials" />
    <bpmn:sequenceFlow id="to_review" sourceRef="complete_materials" targetRef="review"><bpmn:conditionExpression>\${materialsComplete == true}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to_rejected_materials" sourceRef="complete_materials" targetRef="rejected_materials" />
    <bpmn:sequenceFlow id="f_review" sourceRef="review" targetRef="decision" />
    <bpmn:sequenceFlow id="to_issue" sourceRef="decision" targetRef="issue"><bpmn:conditionExpression>\${approved == true}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to_refused" sourceRef="decision" targetRef="refused" />
    <bpmn:sequenceFlow id="f_issue" sourceRef="issue" targetRef="granted" />
    <bpmn:sequenceFlow id="f_remind" sourceRef="remind" targetRef="remind_sms" />
    <bpmn:sequenceFlow id="f_reminded" sourceRef="remind_sms" targetRef="reminded" />
  </bpmn:process>
</bpmn:definitions>`;

const foodLicenceForm = {
  type: 'object',
  title: '食品经营许可申请',
  required: ['applicant', 'creditCode', 'premises', 'category'],
  properties: {
    applicant: { type: 'string', title: '申请人（经营者名称）', minLength: 2, maxLength: 100 },
    creditCode: { type: 'string', title: '统一社会信用代码', pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$' },
    premises: { type: 'string', title: '经营场所', minLength: 4, maxLength: 200 },
    category: {
      type: 'string',
      title: '经营项目',
      enum: ['预包装食品销售', '散装食品销售', '热食类食品制售', '冷食类食品制售', '自制饮品制售'],
    },
    licence: { type: 'string', format: 'attachment', title: '营业执照（PDF/图片）' },
  },
  $defs: {
    accept: {
      type: 'object',
      title: '窗口受理',
      required: ['materialsComplete', 'opinion'],
      properties: {
        materialsComplete: { type: 'boolean', title: '申请材料是否齐全' },
        opinion: { type: 'string', title: '受理意见', minLength: 2, maxLength: 500 },
      },
    },
    review: {
      type: 'object',
      title: '审查',
      required: ['approved', 'opinion'],
      properties: {
        approved: { type: 'boolean', title: '是否准予许可' },
        opinion: { type: 'string', title: '审查意见', minLength: 2, maxLength: 500 },
        siteVisit: { type: 'string', format: 'date', title: '现场核查日期' },
      },
    },
  },
};
const foodLicenceUi = {
  order: ['applicant', 'creditCode', 'premises', 'category', 'licence'],
  fields: { premises: { widget: 'textarea' }, opinion: { widget: 'textarea' } },
};

const applications = [
  {
    businessKey: 'SQ2026112200001',
    applicant: '杭州西湖云帆餐饮有限公司',
    creditCode: '91330106MA2H3K4L5P',
    premises: '杭州市西湖区文三路 259 号 1 楼',
    category: '热食类食品制售',
  },
  {
    businessKey: 'SQ2026112200002',
    applicant: '杭州西溪茶语饮品店',
    creditCode: '92330106MA2J7N8Q1R',
    premises: '杭州市西湖区天目山路 398 号',
    category: '自制饮品制售',
  },
  {
    businessKey: 'SQ2026112200003',
    applicant: '杭州湖畔便利超市有限公司',
    creditCode: '91330106MA2K5T6W7X',
    premises: '杭州市西湖区北山街 32 号',
    category: '预包装食品销售',
  },
];

export interface DemoWorkflowServices {
  identity: IdentityStore;
  model: ModelService;
  definitions: ItemDefinitions;
  workflow: WorkflowEngine;
}

export async function installDemoWorkflows({
  identity,
  model,
  definitions,
  workflow,
}: DemoWorkflowServices): Promise<{ items: number; instances: number }> {
  const admin = await identity.actorForUsername('admin');
  const officer = await identity.actorForUsername('xihu.officer');
  const org = (await identity.orgsByNames(['杭州市西湖区市场监督管理局']))[0];
  if (!admin || !officer || !org) return { items: 0, instances: 0 };
  const add = (input: Parameters<ModelService['createNode']>[1]) => model.createNode(admin, input);
  const core = await add({ orgId: org.id, parentId: null, level: 'core', name: '市场准入', collaboratorOrgIds: [] });
  const permits = await add({ orgId: org.id, parentId: core.id, level: 'module', name: '行政许可', collaboratorOrgIds: [] });
  const food = await add({ orgId: org.id, parentId: permits.id, level: 'unit', name: '食品经营许可', collaboratorOrgIds: [] });
  const item = await add({
    orgId: org.id,
    parentId: food.id,
    level: 'item',
    name: '食品经营许可（新办）',
    itemType: 'service',
    collaboratorOrgIds: [],
  });
  await add({ orgId: org.id, parentId: food.id, level: 'item', name: '食品经营许可（变更）', itemType: 'service', collaboratorOrgIds: [] });
  const inspection = await add({ orgId: org.id, parentId: core.id, level: 'module', name: '日常监管', collaboratorOrgIds: [] });
  const checks = await add({ orgId: org.id, parentId: inspection.id, level: 'unit', name: '食品安全检查', collaboratorOrgIds: [] });
  await add({ orgId: org.id, parentId: checks.id, level: 'item', name: '双随机抽查', itemType: 'governance', collaboratorOrgIds: [] });

  await definitions.deployProcess(admin, 'zh-CN', item.id, foodLicence);
  await definitions.deployForm(admin, item.id, foodLicenceForm, foodLicenceUi);
  await definitions.setProfile(admin, item.id, {
    indicators: [
      { name: '办件量', definition: '当月受理的申请数', unit: '件', target: '' },
      { name: '按时办结率', definition: '承诺时限内办结的比例', unit: '%', target: '100' },
    ],
    dataNeeds: [],
    timeLimitDays: 10,
  });
  let instances = 0;
  for (const [i, application] of applications.entries()) {
    const { businessKey, ...variables } = application;
    const started = await workflow.start(officer, 'zh-CN', { itemId: item.id, businessKey, variables });
    instances += 1;
    // The first application is already accepted: it waits for 审查.
    if (i === 0 && started.openTasks[0])
      await workflow.complete(officer, 'zh-CN', started.openTasks[0].id, { materialsComplete: true, opinion: '材料齐全，予以受理' });
  }
  return { items: 4, instances };
}
