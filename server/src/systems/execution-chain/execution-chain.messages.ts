import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'chain.not_found': { 'zh-CN': '批示不存在。', en: 'No such instruction.' },
  'chain.not_yours': {
    'zh-CN': '您不是此批示的下达人、承办人或督办人，无权查看。',
    en: 'You neither issued, received nor supervise this instruction.',
  },
  'chain.not_a_recipient': {
    'zh-CN': '只有承办单位的工作人员或承办人本人可以办理此批示。',
    en: 'Only its recipients may act on this instruction.',
  },
  'chain.not_supervisor': {
    'zh-CN': '只有批示下达人或有督办权限的领导可以督办或退回重办。',
    en: 'Only the issuer or a supervisor over the issuer’s region may supervise or reopen it.',
  },
  'chain.not_issuer': { 'zh-CN': '只有批示下达人可以撤销批示。', en: 'Only the issuer may cancel an instruction.' },
  'chain.no_recipients': { 'zh-CN': '请至少选择一个承办单位或承办人。', en: 'Name at least one organisation or person to act on it.' },
  'chain.deadline_past': { 'zh-CN': '办理期限须晚于当前时间。', en: 'The deadline must be in the future.' },
  'chain.unreachable': {
    'zh-CN': '以下人员不在您的通讯录可见范围内，不能向其下达批示：{accountIds}。',
    en: 'These people are outside your address book and cannot be addressed: {accountIds}.',
  },
  'chain.unknown_org': { 'zh-CN': '承办单位不存在：{orgIds}。', en: 'No such organisation: {orgIds}.' },
  'chain.org_out_of_scope': {
    'zh-CN': '以下单位不在您的批示权限范围内：{orgIds}。',
    en: 'These organisations are outside the region you may instruct: {orgIds}.',
  },
  'chain.subject_forbidden': {
    'zh-CN': '批示所附的对象不存在，或您无权查看。',
    en: 'The object of the instruction does not exist or you may not see it.',
  },
  'chain.subject_title_required': {
    'zh-CN': '请填写批示对象（预警、报告或文件）的标题。',
    en: 'Give the title of the warning, report or document the instruction is about.',
  },
  'chain.invalid_subject': { 'zh-CN': '批示对象的编号格式不正确。', en: 'The id of the object is malformed.' },
  'chain.closed': { 'zh-CN': '批示已办结或已撤销，不能再办理。', en: 'The instruction is completed or cancelled.' },
  'chain.not_completed': { 'zh-CN': '只有已办结的批示可以退回重办。', en: 'Only a completed instruction can be reopened.' },
  'chain.already_acknowledged': { 'zh-CN': '此批示已签收。', en: 'This instruction was already acknowledged.' },
  'chain.recipient_done': { 'zh-CN': '您的部分已办结。', en: 'Your part of it is already done.' },
  'chain.attachment_unknown': {
    'zh-CN': '附件不存在或不是您本人上传的：{attachments}。',
    en: 'These attachments do not exist or were not uploaded by you: {attachments}.',
  },
  'chain.attachment_not_found': { 'zh-CN': '此批示的反馈中没有该附件。', en: 'No such file among this instruction’s reports.' },
});
