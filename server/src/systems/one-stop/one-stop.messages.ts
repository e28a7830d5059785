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
  'onestop.invalid_material': { 'zh-CN': '免提交材料须注明共享数据来源。', en: 'An exempt material must name its shared data.' },
});
