import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'apps.not_found': { 'zh-CN': '应用不存在。', en: 'No such app.' },
  'apps.invalid_code': {
    'zh-CN': '编码须以小写字母开头，由小写字母、数字和连字符组成。',
    en: 'Codes start with a lower-case letter and use lower-case letters, digits and hyphens.',
  },
  'apps.code_taken': { 'zh-CN': '编码 {code} 已被使用。', en: 'The code {code} is taken.' },
  'apps.url_scheme': { 'zh-CN': '地址须为 http(s) 地址。', en: 'Addresses must be http(s) URLs.' },
  'apps.entry_origin': {
    'zh-CN': '应用入口地址须与某个登录回调地址同源，以免把用户带到别处。',
    en: 'The entry URL must share its origin with one of the redirect URIs.',
  },
  'apps.component_unknown': { 'zh-CN': '组件目录中没有这些组件。', en: 'Some components are not in the catalog.' },
  'apps.resource_unknown': { 'zh-CN': '数据目录中没有这些数据资源。', en: 'Some data resources are not in the catalog.' },
  'apps.nothing_to_change': { 'zh-CN': '没有要修改的内容。', en: 'Nothing to change.' },
  'apps.not_offered': { 'zh-CN': '该应用未向您开放。', en: 'This app is not offered to you.' },
  'apps.own_report_only': { 'zh-CN': '只有应用本身可以上报其办理情况。', en: 'Only the app itself may report its figures.' },
  'apps.invalid_month': { 'zh-CN': '月份格式应为 YYYY-MM。', en: 'Months are written YYYY-MM.' },
  'apps.completed_over_started': { 'zh-CN': '办结数不能多于受理数。', en: 'Completed cannot exceed started.' },
  'apps.invalid_version': { 'zh-CN': '版本号应为语义化版本，如 1.2.0。', en: 'Versions are semantic, e.g. 1.2.0.' },
  'apps.component_exists': { 'zh-CN': '组件 {code} 已存在。', en: 'The component {code} exists.' },
  'apps.component_not_found': { 'zh-CN': '组件不存在。', en: 'No such component.' },
  'apps.component_builtin': { 'zh-CN': '平台内置组件随平台版本更新，不能在此修改。', en: 'Built-in components change with the platform.' },
});
