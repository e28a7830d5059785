/**
 * How a 办件 is handled, the same for every service: 受理 (accept, or refuse to accept) by the
 * handling organisation's staff; 审核 (approve or refuse, with a reason); 会签 by each
 * collaborating organisation the guide names (none: passed through; one refusal ends it); then the result is
 * issued (办结) or the refusal recorded. Service tasks keep the case row in step with the
 * process inside the same transaction.
 */
export const caseProcess = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:zhili="http://zhili.gov.cn/bpmn" id="onestop_case_defs" targetNamespace="http://zhili.gov.cn/one-stop">
  <bpmn:process id="onestop_case" name="政务服务办件" isExecutable="true">
    <bpmn:startEvent id="submitted" name="网上申请" />
    <bpmn:userTask id="accept" name="受理" zhili:candidateOrgs="\${handlingOrgId}" camunda:formKey="accept" />
    <bpmn:exclusiveGateway id="accepted" name="是否受理" />
    <bpmn:serviceTask id="markAccepted" name="登记受理" camunda:type="external" camunda:topic="onestop.accepted" />
    <bpmn:userTask id="review" name="审核" zhili:candidateOrgs="\${handlingOrgId}" camunda:formKey="review" />
    <bpmn:exclusiveGateway id="approved" name="是否通过" />
    <bpmn:userTask id="countersign" name="会签" zhili:candidateOrgs="\${countersignOrg}" camunda:formKey="countersign">
      <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${countersignOrgs}" camunda:elementVariable="countersignOrg">
        <bpmn:completionCondition xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${nrOfRejected > 0}</bpmn:completionCondition>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:exclusiveGateway id="agreed" name="会签是否同意" />
    <bpmn:serviceTask id="issue" name="出具结果" camunda:type="external" camunda:topic="onestop.issue" />
    <bpmn:serviceTask id="refuse" name="登记不予办理" camunda:type="external" camunda:topic="onestop.refuse" />
    <bpmn:endEvent id="done" name="办结" />
    <bpmn:endEvent id="closed" name="不予办理" />
    <bpmn:sequenceFlow id="f1" sourceRef="submitted" targetRef="accept" />
    <bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="accepted" />
    <bpmn:sequenceFlow id="f3" sourceRef="accepted" targetRef="markAccepted">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${accepted == true}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" sourceRef="accepted" targetRef="refuse">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${accepted == false}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f5" sourceRef="markAccepted" targetRef="review" />
    <bpmn:sequenceFlow id="f6" sourceRef="review" targetRef="approved" />
    <bpmn:sequenceFlow id="f7" sourceRef="approved" targetRef="countersign">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${approved == true}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f8" sourceRef="approved" targetRef="refuse">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${approved == false}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f9" sourceRef="countersign" targetRef="agreed" />
    <bpmn:sequenceFlow id="f10" sourceRef="agreed" targetRef="issue">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${nrOfRejected == 0}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f11" sourceRef="agreed" targetRef="refuse">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${nrOfRejected > 0}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f12" sourceRef="issue" targetRef="done" />
    <bpmn:sequenceFlow id="f13" sourceRef="refuse" targetRef="closed" />
  </bpmn:process>
</bpmn:definitions>`;

const opinion = { type: 'string', title: '意见或理由', maxLength: 500 };
/** A refusal must say why (2+ characters): the applicant reads it. */
const reasonWhen = (field: string) => ({
  if: { properties: { [field]: { const: false } } },
  then: { required: ['opinion'], properties: { opinion: { type: 'string', minLength: 2 } } },
});

/** The staff's parts of the form, beside the application the service deploys as the root. */
export const caseTaskForms: Record<string, unknown> = {
  accept: {
    type: 'object',
    title: '受理',
    required: ['accepted'],
    properties: { accepted: { type: 'boolean', title: '是否受理' }, opinion },
    ...reasonWhen('accepted'),
  },
  review: {
    type: 'object',
    title: '审核',
    required: ['approved'],
    properties: { approved: { type: 'boolean', title: '是否准予办理' }, opinion },
    ...reasonWhen('approved'),
  },
  countersign: {
    type: 'object',
    title: '会签',
    required: ['approved'],
    properties: { approved: { type: 'boolean', title: '是否同意' }, opinion },
    ...reasonWhen('approved'),
  },
};
