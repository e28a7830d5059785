import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'onestop.service_not_found': { 'zh-CN': '政务服务事项不存在。', en: 'No such service.' },
  'onestop.invalid_code': {
    'zh-CN': '事项编码只能由大写字母、数字和连字符组成（6–40 位）。',
    en: 'Service codes are 6–40 capital letters, digits and hyphens.',
  },
  'onestop.promised_over_statutory': {
    'zh-CN': '承诺办结时限不得超过法定办结时限。',
    en: 'The promised time limit may not exceed the statutory one.',
  },
  'onestop.code_mismatch': { 'zh-CN': '地址中的事项编码与内容不一致。', en: 'The code in the path and in the body differ.' },
  'onestop.applicants_only': {
    'zh-CN': '只有实名认证的个人或法人可以申请政务服务。',
    en: 'Only citizens and enterprises with a verified identity may apply.',
  },
  'onestop.wrong_audience': {
    'zh-CN': '「{service}」的服务对象不是您这类申请人。',
    en: '"{service}" is not offered to applicants like you.',
  },
  'onestop.consent_required': {
    'zh-CN': '请先阅读并同意授权：本次申请将通过公共数据平台调取您的相关数据。',
    en: 'Please agree first that your shared data is used for this application.',
  },
  'onestop.apply_one_target': {
    'zh-CN': '请选择一个事项、一个“一件事”或一个要重新申报的办件。',
    en: 'Name one service, one bundle, or one refused case to apply again.',
  },
  'onestop.case_not_found': { 'zh-CN': '办件不存在。', en: 'No such case.' },
  'onestop.not_your_case': { 'zh-CN': '您无权查看或办理此办件。', en: 'You may not see or act on this case.' },
  'onestop.withdraw_too_late': {
    'zh-CN': '办件已被受理或已办结，不能撤回。',
    en: 'The case was already accepted or closed; it cannot be withdrawn.',
  },
  'onestop.case_closed': { 'zh-CN': '办件已办结。', en: 'The case is closed.' },
  'onestop.not_resubmittable': {
    'zh-CN': '只有未予办理且尚未重新申报的办件可以重新申报。',
    en: 'Only a refused case not yet applied for again can be resubmitted.',
  },
  'onestop.bundle_not_found': { 'zh-CN': '“一件事”不存在。', en: 'No such bundle.' },
  'onestop.bundle_part_missing': { 'zh-CN': '“一件事”包含不存在的事项：{codes}。', en: 'The bundle names unknown services: {codes}.' },
  'onestop.rate_before_done': { 'zh-CN': '办件办结后才能评价。', en: 'A case can be rated once it is finished.' },
  'onestop.already_rated': { 'zh-CN': '该办件已评价过。', en: 'This case was already rated.' },
  'onestop.poor_needs_reason': {
    'zh-CN': '差评请选择原因或写明情况，以便部门整改。',
    en: 'A poor rating needs a reason, so the department can put it right.',
  },
  'onestop.complaint_one_target': {
    'zh-CN': '请选择投诉建议涉及的一个事项、办件或部门。',
    en: 'Name one service, case or organisation the complaint is about.',
  },
  'onestop.invalid_material': { 'zh-CN': '免提交材料须注明共享数据来源。', en: 'An exempt material must name its shared data.' },
});
