// The few bpmn-js / diagram-js services the Console uses, typed as far as it uses them
// (bpmn-js's own types reach into diagram-js, which the web app does not depend on directly).

export interface BusinessObject {
  id: string;
  $type: string;
  name?: string;
  /** attributes of namespaces moddle does not know (flowable:, activiti:, zhili:) */
  $attrs?: Record<string, string>;
  conditionExpression?: { body?: string } | null;
  get(name: string): unknown;
}

export interface DiagramElement {
  id: string;
  type: string;
  businessObject: BusinessObject;
  /** set on labels: the element the label belongs to */
  labelTarget?: DiagramElement;
}

export interface Modeling {
  updateProperties(element: DiagramElement, properties: Record<string, unknown>): void;
}

export interface BpmnFactory {
  create(type: string, attributes: Record<string, unknown>): unknown;
}

export interface CanvasService {
  zoom(level: 'fit-viewport' | number, center?: 'auto'): number;
  addMarker(elementId: string, marker: string): void;
  removeMarker(elementId: string, marker: string): void;
  scrollToElement(element: DiagramElement, padding?: number): void;
}

export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
}

export interface SelectionService {
  select(element: DiagramElement | DiagramElement[] | null): void;
}

/** Anything with bpmn-js's `get(service)` (Modeler, NavigatedViewer). */
export interface ServiceSource {
  get<T>(name: string): T;
}

export const canvasOf = (diagram: ServiceSource) => diagram.get<CanvasService>('canvas');
export const registryOf = (diagram: ServiceSource) => diagram.get<ElementRegistry>('elementRegistry');

/**
 * Puts `marker` (a CSS class on the element's `g.djs-element`) on exactly `ids`, taking it off
 * the ones that had it before; ids the diagram does not have are skipped. Returns what it marked.
 */
export function replaceMarkers(diagram: ServiceSource, marker: string, previous: readonly string[], ids: readonly string[]): string[] {
  const canvas = canvasOf(diagram);
  const registry = registryOf(diagram);
  for (const id of previous) if (registry.get(id)) canvas.removeMarker(id, marker);
  const marked = ids.filter((id) => registry.get(id));
  for (const id of marked) canvas.addMarker(id, marker);
  return marked;
}

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/**
 * A new executable process with one start event (bpmn-js's own blank diagram is marked not
 * executable, which the server refuses), with the Camunda namespace for task attributes.
 */
export function blankProcessXml(itemId: string, name: string, startName: string): string {
  const processId = `Process_${itemId.replace(/[^\w.-]/g, '_')}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${processId}" targetNamespace="http://zhili.gov.cn/bpmn">
  <bpmn:process id="${processId}" name="${escapeXml(name)}" isExecutable="true">
    <bpmn:startEvent id="start" name="${escapeXml(startName)}" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${processId}">
      <bpmndi:BPMNShape id="start_di" bpmnElement="start">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** `bpmn:UserTask` → `UserTask` */
export function shortType(type: string | null | undefined): string {
  return type ? type.replace(/^bpmn:/, '') : '';
}

/**
 * XML written by hand or by Camunda 8 / an API may carry no diagram (no BPMNDiagram): one is
 * laid out so the model can still be seen. The layouter loads only when needed.
 */
export async function withDiagram(xml: string): Promise<string> {
  if (/<(\w+:)?BPMNDiagram[\s>]/.test(xml)) return xml;
  const { layoutProcess } = await import('bpmn-auto-layout');
  return layoutProcess(xml);
}
