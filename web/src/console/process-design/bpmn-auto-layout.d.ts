declare module 'bpmn-auto-layout' {
  /** Lays out a BPMN 2.0 XML document that has no diagram interchange (DI), returning the XML with one. */
  export function layoutProcess(xml: string): Promise<string>;
}
