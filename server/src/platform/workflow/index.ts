import './workflow.messages.ts';

// P5.4 workflow engine — so far its deploy-time half: reading BPMN 2.0 XML (Camunda, Flowable,
// bpmn-js) into the engine's model with every problem listed, safe flow conditions, timers.
export { readBpmn, type DeployProblem, type NodeKind, type ProcessModel, type ProcessNode, type SequenceFlow } from './bpmn-model.ts';
export { compileExpression, ExpressionError, type CompiledExpression } from './expressions.ts';
export { addDuration, parseCycle, parseDuration, type Duration } from './durations.ts';
