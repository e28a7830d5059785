import { describe, expect, it } from 'vitest';
import { readBpmn } from './bpmn-model.ts';

const wrap = (body: string, ns = 'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ${ns} id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="approval" name="审批" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

/** As the Camunda Modeler saves it: candidate groups, form keys, an external service task, a boundary timer. */
const camundaXml = wrap(`
  <bpmn:startEvent id="start" name="申请" camunda:formKey="apply-form"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
  <bpmn:userTask id="review" name="窗口受理" camunda:candidateGroups="staff,leader" camunda:formKey="review-form" camunda:dueDate="P3D" />
  <bpmn:boundaryEvent id="remind" attachedToRef="review" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
  <bpmn:serviceTask id="notify" name="短信通知" camunda:type="external" camunda:topic="notification" />
  <bpmn:exclusiveGateway id="decide" default="fNo" />
  <bpmn:parallelGateway id="split" /><bpmn:parallelGateway id="join" />
  <bpmn:userTask id="sign" name="会签" camunda:candidateGroups="leader"><bpmn:multiInstanceLoopCharacteristics camunda:collection="signers" camunda:elementVariable="signer"><bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances / nrOfInstances &gt;= 0.6}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
  <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
  <bpmn:endEvent id="end" /><bpmn:endEvent id="rejected" />
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
  <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="decide" />
  <bpmn:sequenceFlow id="fYes" sourceRef="decide" targetRef="split"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${approved == true}</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="fNo" sourceRef="decide" targetRef="rejected" />
  <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="notify" />
  <bpmn:sequenceFlow id="f4" sourceRef="split" targetRef="sign" />
  <bpmn:sequenceFlow id="f5" sourceRef="notify" targetRef="join" />
  <bpmn:sequenceFlow id="f6" sourceRef="sign" targetRef="join" />
  <bpmn:sequenceFlow id="f7" sourceRef="join" targetRef="wait" />
  <bpmn:sequenceFlow id="f8" sourceRef="wait" targetRef="end" />
  <bpmn:sequenceFlow id="f9" sourceRef="remind" targetRef="notify2" />
  <bpmn:serviceTask id="notify2" camunda:delegateExpression="\${notification}" />
  <bpmn:sequenceFlow id="f10" sourceRef="notify2" targetRef="end2" /><bpmn:endEvent id="end2" />
  <bpmn:textAnnotation id="note"><bpmn:text>说明</bpmn:text></bpmn:textAnnotation>`);

describe('reading BPMN 2.0 XML', () => {
  it('deploys a Camunda Modeler process and maps camunda: attributes', async () => {
    const { model, problems } = await readBpmn(camundaXml);
    expect(problems).toEqual([]);
    expect(model!.startNodeIds).toEqual(['start']);
    expect(model!.nodes.review!.userTask).toMatchObject({ candidateGroups: ['staff', 'leader'], formKey: 'review-form' });
    expect(model!.nodes.notify!.serviceTask!.handler).toBe('notification');
    expect(model!.nodes.notify2!.serviceTask!.handler).toBe('notification');
    expect(model!.nodes.remind).toMatchObject({
      kind: 'boundaryTimer',
      boundary: { attachedTo: 'review', cancelActivity: false },
      timer: { kind: 'duration', value: 'P2D' },
    });
    expect(model!.nodes.decide!.defaultFlow).toBe('fNo');
    expect(model!.flows.fYes!.condition!.evaluate({ approved: true })).toBe(true);
    const sign = model!.nodes.sign!.userTask!.multiInstance!;
    expect(sign).toMatchObject({ collection: 'signers', elementVariable: 'signer', sequential: false });
    expect(sign.completion!.evaluate({ nrOfCompletedInstances: 3, nrOfInstances: 5 })).toBe(true);
    expect(sign.completion!.evaluate({ nrOfCompletedInstances: 2, nrOfInstances: 5 })).toBe(false);
  });

  it('deploys a Flowable process and maps flowable: attributes', async () => {
    const xml = wrap(
      `<bpmn:startEvent id="s" /><bpmn:userTask id="t" flowable:candidateGroups="staff" flowable:assignee="\${applicant}" flowable:formKey="leave" />
       <bpmn:endEvent id="e" /><bpmn:sequenceFlow id="a" sourceRef="s" targetRef="t" /><bpmn:sequenceFlow id="b" sourceRef="t" targetRef="e" />`,
      'xmlns:flowable="http://flowable.org/bpmn"',
    );
    const { model, problems } = await readBpmn(xml);
    expect(problems).toEqual([]);
    expect(model!.nodes.t!.userTask).toMatchObject({ candidateGroups: ['staff'], assignee: '${applicant}', formKey: 'leave' });
  });

  it('refuses elements it cannot run, listing each with where it is', async () => {
    const xml =
      wrap(`<bpmn:startEvent id="s" /><bpmn:scriptTask id="script" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>
      <bpmn:intermediateCatchEvent id="signal"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>
      <bpmn:eventBasedGateway id="race" /><bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="script" /><bpmn:sequenceFlow id="b" sourceRef="script" targetRef="signal" />
      <bpmn:sequenceFlow id="c" sourceRef="signal" targetRef="race" /><bpmn:sequenceFlow id="d" sourceRef="race" targetRef="e" />`);
    const { model, problems } = await readBpmn(xml);
    expect(model).toBeNull();
    const unsupported = problems.filter((p) => p.code === 'workflow.unsupported_element').map((p) => [p.elementId, p.elementType]);
    expect(unsupported).toEqual([
      ['script', 'bpmn:ScriptTask'],
      ['signal', 'bpmn:IntermediateCatchEvent'],
      ['race', 'bpmn:EventBasedGateway'],
    ]);
  });

  it('refuses invalid expressions, unconditioned gateway branches, bad timers and dead ends', async () => {
    const xml = wrap(`<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" /><bpmn:userTask id="t1" /><bpmn:userTask id="t2" />
      <bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeDuration>two days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="e" />
      <bpmn:sequenceFlow id="a" sourceRef="s" targetRef="g" />
      <bpmn:sequenceFlow id="b" sourceRef="g" targetRef="t1"><bpmn:conditionExpression>\${amount &gt;}</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="c" sourceRef="g" targetRef="t2" />
      <bpmn:sequenceFlow id="d" sourceRef="t1" targetRef="w" /><bpmn:sequenceFlow id="x" sourceRef="w" targetRef="e" />`);
    const { problems } = await readBpmn(xml);
    const found = problems.map((p) => `${p.code}@${p.elementId}`).sort();
    expect(found).toEqual(
      [
        'workflow.dead_end@t2',
        'workflow.invalid_expression@b',
        'workflow.invalid_timer@w',
        'workflow.missing_condition@b',
        'workflow.missing_condition@c',
      ].sort(),
    );
  });

  it('refuses content the parser cannot place: a duplicate id, an unknown BPMN element', async () => {
    const duplicate = wrap(`<bpmn:startEvent id="s" /><bpmn:endEvent id="s" /><bpmn:sequenceFlow id="a" sourceRef="s" targetRef="s" />`);
    expect((await readBpmn(duplicate)).problems.map((p) => p.code)).toContain('workflow.xml_warning');
    const unknown = wrap(
      `<bpmn:startEvent id="s" /><bpmn:teleport id="t" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="a" sourceRef="s" targetRef="e" />`,
    );
    const { model, problems } = await readBpmn(unknown);
    expect(model).toBeNull();
    expect(problems[0]!.code).toBe('workflow.xml_warning');
    expect(problems[0]!.detail).toContain('teleport');
  });

  it('refuses malformed XML and a document without exactly one executable process', async () => {
    expect((await readBpmn('<bpmn:definitions><oops')).problems[0]!.code).toBe('workflow.malformed_xml');
    expect((await readBpmn('<?xml version="1.0"?><hello/>')).problems[0]!.code).toBe('workflow.malformed_xml');
    const none = `<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x"></definitions>`;
    expect((await readBpmn(none)).problems[0]!.code).toBe('workflow.one_process');
  });
});
