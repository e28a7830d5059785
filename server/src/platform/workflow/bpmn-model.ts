import { BpmnModdle } from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { ExpressionError } from './expressions.ts';
import { compileExpression, type CompiledExpression } from './expressions.ts';
import { parseCycle, parseDuration } from './durations.ts';

/** What the engine runs. Anything else in a process is refused at deploy, never ignored. */
export type NodeKind =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'timerCatch'
  | 'messageCatch'
  | 'boundaryTimer'
  | 'callActivity';

export interface Timer {
  kind: 'duration' | 'date' | 'cycle';
  value: string;
}

export interface MultiInstance {
  sequential: boolean;
  /** Variable holding the list (one task per entry) … */
  collection: string | null;
  elementVariable: string | null;
  /** … or a fixed count. */
  cardinality: string | null;
  /** 会签: none = all must complete; `${nrOfCompletedInstances >= 1}` = any; a share, etc. */
  completion: CompiledExpression | null;
}

export interface ProcessNode {
  id: string;
  name: string;
  kind: NodeKind;
  incoming: string[];
  outgoing: string[];
  defaultFlow: string | null;
  userTask?: {
    candidateGroups: string[];
    candidateOrgs: string[];
    candidateUsers: string[];
    assignee: string | null;
    formKey: string | null;
    multiInstance: MultiInstance | null;
  };
  serviceTask?: { handler: string };
  timer?: Timer;
  message?: { name: string; correlationKey: string | null };
  boundary?: { attachedTo: string; cancelActivity: boolean };
  callActivity?: { calledElement: string };
}

export interface SequenceFlow {
  id: string;
  source: string;
  target: string;
  condition: CompiledExpression | null;
}

export interface ProcessModel {
  id: string;
  name: string;
  nodes: Record<string, ProcessNode>;
  flows: Record<string, SequenceFlow>;
  startNodeIds: string[];
}

export interface DeployProblem {
  elementId: string | null;
  elementType: string | null;
  code: string;
  detail?: string;
}

const vendorNamespaces = [
  'http://camunda.org/schema/1.0/bpmn',
  'http://flowable.org/bpmn',
  'http://activiti.org/bpmn',
  'http://zhili.gov.cn/bpmn',
];
/** Drawing-only or documentation elements: no behaviour, nothing to run. */
const inert = new Set([
  'bpmn:TextAnnotation',
  'bpmn:Association',
  'bpmn:Group',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
]);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Moddle = any;

/**
 * Reads BPMN 2.0 XML (from Camunda, Flowable or bpmn-js) into the engine's model, checking
 * everything that can be checked before anything runs: element support, expressions, timers,
 * gateway conditions, dead ends. Returns every problem found, with the element it is on.
 */
export async function readBpmn(xml: string): Promise<{ model: ProcessModel | null; problems: DeployProblem[] }> {
  const problems: DeployProblem[] = [];
  let definitions: Moddle;
  try {
    const read = await new BpmnModdle({ camunda }).fromXML(xml);
    definitions = read.rootElement;
    // The parser's warnings are content it could not place (unknown elements, duplicate ids,
    // broken references): refused, never silently dropped.
    for (const warning of read.warnings as { message?: string; element?: { id?: string; $type?: string } }[]) {
      problems.push({
        elementId: warning.element?.id ?? null,
        elementType: warning.element?.$type ?? null,
        code: 'workflow.xml_warning',
        detail: String(warning.message ?? '').slice(0, 300),
      });
    }
  } catch (error) {
    return {
      model: null,
      problems: [{ elementId: null, elementType: null, code: 'workflow.malformed_xml', detail: (error as Error).message.slice(0, 300) }],
    };
  }
  if (definitions?.$type !== 'bpmn:Definitions')
    return {
      model: null,
      problems: [{ elementId: null, elementType: null, code: 'workflow.malformed_xml', detail: 'not a BPMN definitions document' }],
    };

  const prefixes = Object.entries((definitions.$attrs ?? {}) as Record<string, string>)
    .filter(([key, uri]) => key.startsWith('xmlns:') && vendorNamespaces.includes(uri))
    .map(([key]) => key.slice('xmlns:'.length));
  /** camunda:x through the Camunda descriptor, flowable:/activiti:/zhili:x from raw attributes. */
  const attr = (element: Moddle, name: string): string | null => {
    const viaCamunda = element.get?.(`camunda:${name}`);
    if (viaCamunda !== undefined && viaCamunda !== null && viaCamunda !== '') return String(viaCamunda);
    for (const prefix of prefixes) {
      const value = element.$attrs?.[`${prefix}:${name}`];
      if (value) return String(value);
    }
    return null;
  };

  const processes = ((definitions.rootElements ?? []) as Moddle[]).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable !== false);
  if (executable.length !== 1) {
    problems.push({ elementId: null, elementType: 'bpmn:Process', code: 'workflow.one_process', detail: String(executable.length) });
    return { model: null, problems };
  }
  const process = executable[0]!;
  const nodes: Record<string, ProcessNode> = {};
  const flows: Record<string, SequenceFlow> = {};
  const compile = (element: Moddle, source: string | undefined | null): CompiledExpression | null => {
    if (!source) return null;
    try {
      return compileExpression(source);
    } catch (error) {
      problems.push({
        elementId: element.id,
        elementType: element.$type,
        code: 'workflow.invalid_expression',
        detail: `${source}: ${(error as ExpressionError).message}`,
      });
      return null;
    }
  };
  const list = (value: string | null) =>
    value
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const timerOf = (element: Moddle, definition: Moddle): Timer | undefined => {
    const timer: Timer | undefined = definition.timeDuration
      ? { kind: 'duration', value: String(definition.timeDuration.body ?? '').trim() }
      : definition.timeDate
        ? { kind: 'date', value: String(definition.timeDate.body ?? '').trim() }
        : definition.timeCycle
          ? { kind: 'cycle', value: String(definition.timeCycle.body ?? '').trim() }
          : undefined;
    const valid =
      timer &&
      (timer.value.startsWith('${') ||
        (timer.kind === 'duration' && parseDuration(timer.value)) ||
        (timer.kind === 'date' && !Number.isNaN(Date.parse(timer.value))) ||
        (timer.kind === 'cycle' && parseCycle(timer.value)));
    if (!valid)
      problems.push({ elementId: element.id, elementType: element.$type, code: 'workflow.invalid_timer', detail: timer?.value ?? '' });
    if (timer?.value.startsWith('${')) compile(element, timer.value);
    return timer;
  };

  for (const element of (process.flowElements ?? []) as Moddle[]) {
    const base = {
      id: element.id as string,
      name: (element.name as string | undefined) ?? element.id,
      incoming: [] as string[],
      outgoing: [] as string[],
      defaultFlow: (element.default?.id as string | undefined) ?? null,
    };
    const definitions = (element.eventDefinitions ?? []) as Moddle[];
    const unsupported = (detail?: string) =>
      problems.push({
        elementId: element.id,
        elementType: element.$type,
        code: 'workflow.unsupported_element',
        ...(detail ? { detail } : {}),
      });
    switch (element.$type) {
      case 'bpmn:SequenceFlow':
        flows[element.id] = {
          id: element.id,
          source: element.sourceRef?.id,
          target: element.targetRef?.id,
          condition: compile(element, element.conditionExpression?.body),
        };
        continue;
      case 'bpmn:StartEvent':
        if (definitions.length) unsupported(definitions.map((d) => d.$type).join(', '));
        nodes[element.id] = { ...base, kind: 'startEvent' };
        continue;
      case 'bpmn:EndEvent':
        if (definitions.length) unsupported(definitions.map((d) => d.$type).join(', '));
        nodes[element.id] = { ...base, kind: 'endEvent' };
        continue;
      case 'bpmn:UserTask': {
        const loop = element.loopCharacteristics as Moddle;
        if (loop && loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') unsupported(loop.$type);
        nodes[element.id] = {
          ...base,
          kind: 'userTask',
          userTask: {
            candidateGroups: list(attr(element, 'candidateGroups')),
            candidateOrgs: list(attr(element, 'candidateOrgs')),
            candidateUsers: list(attr(element, 'candidateUsers')),
            assignee: attr(element, 'assignee'),
            formKey: attr(element, 'formKey'),
            multiInstance:
              loop?.$type === 'bpmn:MultiInstanceLoopCharacteristics'
                ? {
                    sequential: Boolean(loop.isSequential),
                    collection: attr(loop, 'collection'),
                    elementVariable: attr(loop, 'elementVariable'),
                    cardinality: (loop.loopCardinality?.body as string | undefined) ?? null,
                    completion: compile(element, loop.completionCondition?.body),
                  }
                : null,
          },
        };
        if (
          nodes[element.id]!.userTask!.multiInstance &&
          !nodes[element.id]!.userTask!.multiInstance!.collection &&
          !nodes[element.id]!.userTask!.multiInstance!.cardinality
        ) {
          problems.push({ elementId: element.id, elementType: element.$type, code: 'workflow.multi_instance_size' });
        }
        continue;
      }
      case 'bpmn:ServiceTask':
      case 'bpmn:SendTask': {
        const handler =
          attr(element, 'handler') ??
          attr(element, 'topic') ??
          attr(element, 'type') ??
          (attr(element, 'delegateExpression') ?? attr(element, 'expression'))?.replace(/^\$\{|\}$/g, '') ??
          null;
        if (!handler) problems.push({ elementId: element.id, elementType: element.$type, code: 'workflow.missing_handler' });
        nodes[element.id] = { ...base, kind: 'serviceTask', serviceTask: { handler: handler ?? '' } };
        continue;
      }
      case 'bpmn:ExclusiveGateway':
        nodes[element.id] = { ...base, kind: 'exclusiveGateway' };
        continue;
      case 'bpmn:ParallelGateway':
        nodes[element.id] = { ...base, kind: 'parallelGateway' };
        continue;
      case 'bpmn:InclusiveGateway':
        nodes[element.id] = { ...base, kind: 'inclusiveGateway' };
        continue;
      case 'bpmn:IntermediateCatchEvent': {
        const definition = definitions[0];
        if (definitions.length !== 1) unsupported();
        else if (definition.$type === 'bpmn:TimerEventDefinition')
          nodes[element.id] = { ...base, kind: 'timerCatch', timer: timerOf(element, definition)! };
        else if (definition.$type === 'bpmn:MessageEventDefinition') {
          const name = (definition.messageRef?.name as string | undefined) ?? (definition.messageRef?.id as string | undefined);
          if (!name) problems.push({ elementId: element.id, elementType: element.$type, code: 'workflow.missing_message' });
          nodes[element.id] = {
            ...base,
            kind: 'messageCatch',
            message: { name: name ?? '', correlationKey: attr(element, 'correlationKey') },
          };
        } else unsupported(definition.$type);
        continue;
      }
      case 'bpmn:BoundaryEvent': {
        const definition = definitions[0];
        if (definitions.length !== 1 || definition.$type !== 'bpmn:TimerEventDefinition') {
          unsupported(definitions.map((d) => d.$type).join(', ') || 'none');
          continue;
        }
        nodes[element.id] = {
          ...base,
          kind: 'boundaryTimer',
          timer: timerOf(element, definition)!,
          boundary: { attachedTo: element.attachedToRef?.id, cancelActivity: element.cancelActivity !== false },
        };
        continue;
      }
      case 'bpmn:CallActivity':
        if (!element.calledElement)
          problems.push({ elementId: element.id, elementType: element.$type, code: 'workflow.missing_called_element' });
        nodes[element.id] = { ...base, kind: 'callActivity', callActivity: { calledElement: element.calledElement ?? '' } };
        continue;
      default:
        if (!inert.has(element.$type)) unsupported();
    }
  }

  for (const flow of Object.values(flows)) {
    const source = nodes[flow.source];
    const target = nodes[flow.target];
    if (!source || !target) {
      problems.push({ elementId: flow.id, elementType: 'bpmn:SequenceFlow', code: 'workflow.dangling_flow' });
      continue;
    }
    source.outgoing.push(flow.id);
    target.incoming.push(flow.id);
  }
  for (const node of Object.values(nodes)) {
    const problem = (code: string, detail?: string) =>
      problems.push({ elementId: node.id, elementType: node.kind, code, ...(detail ? { detail } : {}) });
    if (node.kind !== 'endEvent' && node.outgoing.length === 0) problem('workflow.dead_end');
    if (node.kind !== 'startEvent' && node.kind !== 'boundaryTimer' && node.incoming.length === 0) problem('workflow.unreachable');
    if (node.kind === 'boundaryTimer') {
      const host = nodes[node.boundary!.attachedTo];
      if (!host || !['userTask', 'serviceTask', 'callActivity'].includes(host.kind)) problem('workflow.boundary_host');
    }
    if ((node.kind === 'exclusiveGateway' || node.kind === 'inclusiveGateway') && node.outgoing.length > 1) {
      for (const id of node.outgoing)
        if (id !== node.defaultFlow && !flows[id]!.condition)
          problems.push({ elementId: id, elementType: 'bpmn:SequenceFlow', code: 'workflow.missing_condition', detail: node.id });
    }
  }
  const startNodeIds = Object.values(nodes)
    .filter((n) => n.kind === 'startEvent')
    .map((n) => n.id);
  if (startNodeIds.length === 0) problems.push({ elementId: process.id, elementType: 'bpmn:Process', code: 'workflow.no_start' });
  const model: ProcessModel = { id: process.id, name: process.name ?? process.id, nodes, flows, startNodeIds };
  return { model: problems.length ? null : model, problems };
}
