import './workflow.messages.ts';

// P5.4 workflow engine: reading BPMN 2.0 XML (Camunda, Flowable, bpmn-js) with every problem
// listed; safe flow conditions and timers; running instances (a first set of elements).
export { readBpmn, type DeployProblem, type NodeKind, type ProcessModel, type ProcessNode, type SequenceFlow } from './bpmn-model.ts';
export { compileExpression, ExpressionError, type CompiledExpression } from './expressions.ts';
export { addDuration, parseCycle, parseDuration, type Duration } from './durations.ts';
export { WorkflowEngine, type DefinitionSource, type ProcessVersion, type ServiceHandler } from './engine.ts';
export { workflowRoutes } from './workflow.routes.ts';
export const workflowMigrations = { module: 'workflow', dir: new URL('./migrations/', import.meta.url) };
