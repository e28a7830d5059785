// bpmn-moddle ships types its package exports do not reach under NodeNext; the part we use:
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    fromXML(xml: string): Promise<{ rootElement: any; warnings: unknown[] }>;
  }
}
