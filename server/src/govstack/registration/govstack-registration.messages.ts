import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'govstack.registration.invalid_client_header': {
    'zh-CN': 'Information-Mediator-Client 请求头须为 INSTANCE/CLASS/MEMBER/SUBSYSTEM。',
    en: 'The Information-Mediator-Client header must read INSTANCE/CLASS/MEMBER/SUBSYSTEM.',
  },
  'govstack.registration.service_not_found': {
    'zh-CN': '没有编码为「{serviceId}」的政务服务事项或“一件事”。',
    en: 'There is no service or 一件事 bundle "{serviceId}".',
  },
  'govstack.registration.eform_not_found': {
    'zh-CN': '没有编号为「{eFormId}」的申请表。',
    en: 'There is no e-form "{eFormId}".',
  },
  'govstack.registration.eform_mismatch': {
    'zh-CN': '申请表「{eFormId}」不属于「{serviceId}」；该事项的申请表为「{expected}」。',
    en: 'E-form "{eFormId}" is not the form of "{serviceId}"; its form is "{expected}".',
  },
  'govstack.registration.person_required': {
    'zh-CN': '办件属于申请人本人：请以申请人或经办人员的登录会话或令牌调用，应用凭证不能代为读取或提交。',
    en: 'Applications belong to a person: call with the applicant’s or a civil servant’s session or token; an app’s own credentials cannot read or submit them.',
  },
  'govstack.registration.applicant_mismatch': {
    'zh-CN': 'applicantId 须为当前登录的申请人本人（{accountId}）。',
    en: 'applicantId must be the applicant who is logged in ({accountId}).',
  },
  'govstack.registration.document_unplaced': {
    'zh-CN': '文件 {documents} 未填入申请表的材料字段：请把文件编号或地址填在 formData.data 中对应的材料字段下。',
    en: 'Documents {documents} are not placed in the form: put each document’s id or URL under its material field in formData.data.',
  },
  'govstack.registration.operator_edit': {
    'zh-CN': '智理不允许经办人员改写申请人的申请表：经办意见请通过办理任务提交（POST /tasks/{taskId}/complete），补正由申请人本人提交。',
    en: 'Zhili does not let civil servants rewrite an applicant’s form: send a decision by completing the task (POST /tasks/{taskId}/complete); a 补正 is answered by the applicant.',
  },
  'govstack.registration.bundle_update': {
    'zh-CN': '“一件事”由各部门分别办理，补正请针对需要补正的部门办件（{parts}）提交。',
    en: 'A 一件事 bundle is handled by each department: answer a 补正 on the part that asked for it ({parts}).',
  },
  'govstack.registration.task_not_found': {
    'zh-CN': '没有编号为「{taskId}」的办件任务。',
    en: 'There is no application task "{taskId}".',
  },
  'govstack.registration.filter_unsupported': {
    'zh-CN': '智理不支持按「{filter}」统计或筛选：{reason}',
    en: 'Zhili cannot filter by "{filter}": {reason}',
  },
  'govstack.registration.operator_not_recorded': {
    'zh-CN': '办件表只记录办件结果，不记录经办人员及其角色。',
    en: 'the case table records outcomes, not the civil servants who decided them or their roles.',
  },
  'govstack.registration.applicant_filter_staff': {
    'zh-CN': '经办人员只能查看本单位办件。',
    en: 'civil servants see their own organisation’s cases.',
  },
  'govstack.registration.too_many_fields': { 'zh-CN': '表单字段过多（最多 200 个）。', en: 'Too many form fields (at most 200).' },
  'govstack.registration.sort_pair': {
    'zh-CN': 'sortBy 与 sortOrder 须同时给出。',
    en: 'sortBy and sortOrder must be given together.',
  },
  'govstack.registration.date_range': {
    'zh-CN': 'endDate 不得早于 startDate。',
    en: 'endDate may not be before startDate.',
  },
  'govstack.registration.registration_not_found': {
    'zh-CN': '没有名称或编码为「{registrationName}」的政务服务事项。',
    en: 'There is no service named or coded "{registrationName}".',
  },
  'govstack.registration.multipart_invalid': {
    'zh-CN': 'multipart/form-data 请求体格式不正确。',
    en: 'The multipart/form-data body is malformed.',
  },
  'govstack.registration.no_file': {
    'zh-CN': '请在 file 字段中上传至少一个文件。',
    en: 'Upload at least one file in the "file" field.',
  },
  'govstack.registration.too_many_files': {
    'zh-CN': '一次最多上传 {max} 个文件。',
    en: 'At most {max} files an upload.',
  },
  'govstack.registration.invalid_base64': {
    'zh-CN': '第 {index} 个文件不是合法的 Base64 编码。',
    en: 'File {index} is not valid Base64.',
  },
  'govstack.registration.invalid_file_name': {
    'zh-CN': '文件名不合法（不得含路径或控制字符，最多 200 字）。',
    en: 'The file name is not allowed (no paths or control characters, at most 200 characters).',
  },
  'govstack.registration.file_too_large': {
    'zh-CN': '单个文件不得超过 {limit} 字节。',
    en: 'A file may be at most {limit} bytes.',
  },
  'govstack.registration.uploaded': {
    'zh-CN': '已上传 {count} 个文件；请把文件编号或地址填入申请表对应的材料字段。',
    en: '{count} file(s) uploaded; put each id or URL under its material field in the form.',
  },
  'govstack.registration.status.pending': { 'zh-CN': '办理中', en: 'Pending' },
  'govstack.registration.status.submitted': { 'zh-CN': '已提交，待受理', en: 'Pending acceptance' },
  'govstack.registration.status.supplement': { 'zh-CN': '待补正', en: 'Pending: a supplement is asked for' },
  'govstack.registration.status.approved': { 'zh-CN': '已办结', en: 'Approved' },
  'govstack.registration.status.sent_back': { 'zh-CN': '不予受理（可重新申报）', en: 'Sent back: not accepted (may be applied for again)' },
  'govstack.registration.status.rejected': { 'zh-CN': '不予办理', en: 'Rejected' },
  'govstack.registration.status.partly_refused': { 'zh-CN': '部分事项不予办理', en: 'Rejected in part' },
  'govstack.registration.status.withdrawn': { 'zh-CN': '申请人已撤回', en: 'Withdrawn by the applicant' },
  'govstack.registration.status.task_open': { 'zh-CN': '待办', en: 'Open' },
});
