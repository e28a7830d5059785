/**
 * 数据共享申请审批: the owner's data officers review (同意 / 不同意 with a reason); a request
 * for L4 fields then goes to a security review by the owner's leaders; `share.decide` records
 * the decision and the grant. Deployed into each owner organisation's V-model on first use.
 */
export const approvalProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="share_approval_defs" targetNamespace="http://zhili.gov.cn/sharing">
  <bpmn:process id="share_approval" name="数据共享申请审批" isExecutable="true">
    <bpmn:startEvent id="requested" name="收到共享申请" />
    <bpmn:userTask id="review" name="数据提供方审核" camunda:candidateUsers="\${reviewers}" camunda:formKey="review" />
    <bpmn:exclusiveGateway id="needs_security" name="含 L4 字段？" default="to_decide" />
    <bpmn:userTask id="security" name="安全审查" camunda:candidateUsers="\${securityReviewers}" camunda:formKey="review" />
    <bpmn:serviceTask id="decide" name="登记审批结果与授权" camunda:type="external" camunda:topic="share.decide" />
    <bpmn:endEvent id="done" name="办结" />
    <bpmn:sequenceFlow id="f1" sourceRef="requested" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="needs_security" />
    <bpmn:sequenceFlow id="to_security" sourceRef="needs_security" targetRef="security"><bpmn:conditionExpression>\${approved == true &amp;&amp; needsSecurity == true}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="to_decide" sourceRef="needs_security" targetRef="decide" />
    <bpmn:sequenceFlow id="f3" sourceRef="security" targetRef="decide" />
    <bpmn:sequenceFlow id="f4" sourceRef="decide" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;

/** A refusal needs a reason: `opinion` is required when `approved` is false. */
export const approvalForm: Record<string, unknown> = {
  type: 'object',
  properties: {},
  $defs: {
    review: {
      type: 'object',
      title: '审核意见',
      required: ['approved'],
      properties: {
        approved: { type: 'boolean', title: '是否同意共享' },
        opinion: { type: 'string', title: '意见（不同意时必填）', maxLength: 500 },
        rateLimit: { type: 'integer', title: '调用频率上限（次/分钟，不填按平台默认）', minimum: 1, maximum: 100000 },
        grantUntil: { type: 'string', format: 'date', title: '授权有效期至（不填按申请）' },
      },
      if: { properties: { approved: { const: false } } },
      then: { required: ['opinion'], properties: { opinion: { type: 'string', minLength: 2 } } },
    },
  },
};
