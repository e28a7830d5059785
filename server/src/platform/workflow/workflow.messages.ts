import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'workflow.deploy_refused': { 'zh-CN': '流程无法部署，请修正所列问题。', en: 'The process cannot be deployed; fix the problems listed.' },
  'workflow.malformed_xml': { 'zh-CN': '不是有效的 BPMN 2.0 XML：{detail}', en: 'Not valid BPMN 2.0 XML: {detail}' },
  'workflow.xml_warning': { 'zh-CN': 'XML 中有无法识别的内容：{detail}', en: 'The XML holds content that cannot be placed: {detail}' },
  'workflow.one_process': {
    'zh-CN': '文件须恰好包含一个可执行流程（现有 {detail} 个）。',
    en: 'The file must hold exactly one executable process (it has {detail}).',
  },
  'workflow.unsupported_element': { 'zh-CN': '暂不支持此元素，无法执行 {detail}。', en: 'This element cannot be run {detail}.' },
  'workflow.invalid_expression': { 'zh-CN': '表达式无效：{detail}', en: 'Invalid expression: {detail}' },
  'workflow.invalid_timer': {
    'zh-CN': '定时器取值无效（须为 ISO 8601，如 P2D、PT1H）：{detail}',
    en: 'Invalid timer (ISO 8601, e.g. P2D, PT1H): {detail}',
  },
  'workflow.missing_condition': {
    'zh-CN': '网关 {detail} 的分支缺少条件（或将其设为默认分支）。',
    en: 'A branch of gateway {detail} has no condition (or make it the default).',
  },
  'workflow.dead_end': { 'zh-CN': '该节点没有出口连线。', en: 'This node has no outgoing flow.' },
  'workflow.unreachable': { 'zh-CN': '该节点没有入口连线，永远不会到达。', en: 'Nothing leads to this node.' },
  'workflow.dangling_flow': { 'zh-CN': '连线的起点或终点不存在。', en: 'The flow starts or ends nowhere.' },
  'workflow.boundary_host': {
    'zh-CN': '边界事件只能附着在任务或调用活动上。',
    en: 'Boundary events attach to tasks or call activities only.',
  },
  'workflow.no_start': { 'zh-CN': '流程没有开始事件。', en: 'The process has no start event.' },
  'workflow.missing_handler': {
    'zh-CN': '服务任务未指定处理器（zhili:handler 或 camunda:topic）。',
    en: 'The service task names no handler (zhili:handler or camunda:topic).',
  },
  'workflow.missing_message': { 'zh-CN': '消息事件未指定消息。', en: 'The message event names no message.' },
  'workflow.missing_called_element': { 'zh-CN': '调用活动未指定被调用的流程。', en: 'The call activity names no process to call.' },
  'workflow.multi_instance_size': {
    'zh-CN': '多实例（会签）须指定 collection 或 loopCardinality。',
    en: 'A multi-instance task needs a collection or a loop cardinality.',
  },
  'workflow.no_process': { 'zh-CN': '该事项尚未部署流程。', en: 'This item has no deployed process.' },
  'workflow.not_yet_runnable': {
    'zh-CN': '流程含有引擎尚不能执行的元素（定时器、消息、调用活动、会签、包容网关），暂不能启动。',
    en: 'The process holds elements the engine cannot run yet (timers, messages, call activities, multi-instance, inclusive gateways).',
  },
  'workflow.unknown_handler': {
    'zh-CN': '服务任务的处理器「{handler}」未注册。',
    en: 'No service handler named "{handler}" is registered.',
  },
  'workflow.definition_unreadable': { 'zh-CN': '流程定义无法读取。', en: 'The process definition cannot be read.' },
  'workflow.task_not_found': { 'zh-CN': '任务不存在。', en: 'No such task.' },
  'workflow.instance_not_found': { 'zh-CN': '流程实例不存在。', en: 'No such process instance.' },
  'workflow.not_a_candidate': {
    'zh-CN': '您不是该任务的办理人或候选人。',
    en: 'You are neither the assignee nor a candidate for this task.',
  },
  'workflow.task_closed': { 'zh-CN': '该任务已办结，不能重复办理。', en: 'This task is already closed.' },
  'workflow.task_claimed': { 'zh-CN': '该任务已被他人签收。', en: 'Someone else has claimed this task.' },
  'forms.invalid_schema': { 'zh-CN': '表单 JSON Schema 无效：{reason}', en: 'Invalid form JSON Schema: {reason}' },
  'items.version_not_found': { 'zh-CN': '版本 {version} 不存在。', en: 'Version {version} does not exist.' },
});
