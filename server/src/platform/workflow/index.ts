import './workflow.messages.ts';

// P5.4 workflow engine: reading BPMN 2.0 XML (Camunda, Flowable, bpmn-js) with every problem
// listed; running instances with their whole state in rows; time limits on a working-day
// calendar; form data checked against the item's JSON Schema; attachments.
export { readBpmn, type DeployProblem, type NodeKind, type ProcessModel, type ProcessNode, type SequenceFlow } from './bpmn-model.ts';
export { compileExpression, ExpressionError, type CompiledExpression } from './expressions.ts';
export { addDuration, parseCycle, parseDuration, type Duration } from './durations.ts';
export { WorkflowEngine, type PeopleSource, type PreparedStart, type PrefillHook, type StartInput } from './engine.ts';
export type { DefinitionSource, FormVersion, ProcessVersion, ServiceHandler } from './runtime.ts';
export { CalendarStore, WorkCalendar } from './calendar.ts';
export { AttachmentStore, uploadHeaders } from './attachments.ts';
export { createFormAjv, formParts } from './form-data.ts';
export { workflowRoutes } from './workflow.routes.ts';
export const workflowMigrations = { module: 'workflow', dir: new URL('./migrations/', import.meta.url) };
