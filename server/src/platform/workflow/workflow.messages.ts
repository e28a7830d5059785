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
  'workflow.not_applicant': { 'zh-CN': '只有申请人本人可以撤回申请。', en: 'Only the applicant may withdraw the application.' },
  'workflow.task_closed': { 'zh-CN': '该任务已办结，不能重复办理。', en: 'This task is already closed.' },
  'workflow.task_claimed': { 'zh-CN': '该任务已被他人签收。', en: 'Someone else has claimed this task.' },
  'workflow.called_process_missing': {
    'zh-CN': '调用活动「{elementId}」所调用的流程（{calledElement}）尚未部署。',
    en: 'The process called by "{elementId}" ({calledElement}) is not deployed.',
  },
  'workflow.form_invalid': { 'zh-CN': '表单填写有误，请按提示修改。', en: 'The form has errors; see each field.' },
  'workflow.attachment_unknown': {
    'zh-CN': '表单引用了不存在或不属于您的附件。',
    en: 'The form names attachments that do not exist or are not yours.',
  },
  'workflow.attachment_type': {
    'zh-CN': '不支持的附件类型，仅限 PDF、OFD、PNG、JPEG、DOCX、XLSX。',
    en: 'Unsupported attachment type: PDF, OFD, PNG, JPEG, DOCX or XLSX only.',
  },
  'workflow.attachment_content': { 'zh-CN': '文件内容与声明的类型不符。', en: 'The file’s content does not match its declared type.' },
  'workflow.attachment_empty': { 'zh-CN': '附件为空。', en: 'The attachment is empty.' },
  'workflow.attachment_checksum': {
    'zh-CN': '附件校验值（SM3）不符，文件在传输中可能已损坏。',
    en: 'The attachment’s SM3 checksum does not match; it may have been damaged in transit.',
  },
  'workflow.attachment_not_found': { 'zh-CN': '附件不存在。', en: 'No such attachment.' },
  'workflow.invalid_file_name': { 'zh-CN': '文件名无效。', en: 'Invalid file name.' },
  'workflow.instance_not_running': { 'zh-CN': '流程实例已结束。', en: 'The process instance is no longer running.' },
  'workflow.delegate_not_allowed': {
    'zh-CN': '只能转办给可在本单位办理事务的工作人员。',
    en: 'A task can be handed only to staff who may work for its organisation.',
  },
  'workflow.delegate_to_self': { 'zh-CN': '不能转办给自己。', en: 'You cannot hand a task to yourself.' },
  'workflow.return_not_possible': {
    'zh-CN': '无法退回：没有可退回的前序环节，或流程正处于并行分支中。',
    en: 'Cannot return: no earlier step to go back to, or parallel branches are open.',
  },
  'workflow.supplement_pending': { 'zh-CN': '已在等待补正材料。', en: 'A supplement is already awaited.' },
  'workflow.no_supplement_pending': { 'zh-CN': '当前没有待补正的要求。', en: 'No supplement is awaited.' },
  'workflow.no_subscription': {
    'zh-CN': '没有流程实例在等待消息「{name}」。',
    en: 'No process instance is waiting for message "{name}".',
  },
  'workflow.message_taken': { 'zh-CN': '该消息已被处理。', en: 'That message was already taken.' },
  'workflow.calendar_day_not_found': { 'zh-CN': '{date} 不是特殊日期。', en: '{date} is not a marked day.' },
  'workflow.invalid_date': { 'zh-CN': '日期格式应为 YYYY-MM-DD。', en: 'Dates are YYYY-MM-DD.' },
  'govstack.process_not_found': { 'zh-CN': '流程不存在或无权查看。', en: 'No such process, or not yours to see.' },
  'govstack.process_body': {
    'zh-CN': 'processBody 须包含 itemId 与 bpmnXml。',
    en: 'processBody must carry itemId and bpmnXml.',
  },
  'govstack.process_kept': {
    'zh-CN': '已部署的流程版本不可删除：运行中的实例仍在使用；部署新版本即可取代。',
    en: 'Deployed process versions are kept (running instances use them); deploy a new version instead.',
  },
  'govstack.invalid_property': { 'zh-CN': '属性名无效：{key}', en: 'Invalid property name: {key}' },
  'validation.invalid_cursor': { 'zh-CN': '翻页游标无效。', en: 'Invalid page cursor.' },
  'forms.invalid_schema': { 'zh-CN': '表单 JSON Schema 无效：{reason}', en: 'Invalid form JSON Schema: {reason}' },
  'items.version_not_found': { 'zh-CN': '版本 {version} 不存在。', en: 'Version {version} does not exist.' },
});
