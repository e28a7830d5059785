import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'govstack.im.members_only': {
    'zh-CN': '服务目录只对政务人员和已注册的应用开放。',
    en: 'The service directory is for civil servants and registered apps.',
  },
  'govstack.im.unknown_instance': {
    'zh-CN': '没有实例「{instanceId}」：本节点只有实例 {known}，不与其他实例联邦。',
    en: 'No instance "{instanceId}": this node is instance {known} and federates with no other.',
  },
  'govstack.im.unknown_member_class': {
    'zh-CN': '没有成员类别「{memberClass}」（只有 {known}）。',
    en: 'No member class "{memberClass}" (there is only {known}).',
  },
  'govstack.im.unknown_member': {
    'zh-CN': '没有成员「{memberCode}」（成员代码为单位 ID）。',
    en: 'No member "{memberCode}" (member codes are organisation ids).',
  },
  'govstack.im.unknown_application': {
    'zh-CN': '成员 {memberCode} 没有子系统「{applicationCode}」。',
    en: 'Member {memberCode} has no subsystem "{applicationCode}".',
  },
  'govstack.im.unknown_service': {
    'zh-CN': '子系统「{applicationCode}」没有服务「{serviceCode}」（服务由 gateway 子系统提供）。',
    en: 'Subsystem "{applicationCode}" has no service "{serviceCode}" (services are served by the gateway subsystem).',
  },
  'govstack.im.invalid_identifier': {
    'zh-CN': '标识只能由字母、数字和 . _ - 组成（1–100 位）。',
    en: 'Identifiers are 1–100 letters, digits, dots, underscores and hyphens.',
  },
  'govstack.im.invalid_client_header': {
    'zh-CN': 'X-GovStack-Client 请求头须为 INSTANCE/CLASS/MEMBER[/SUBSYSTEM]。',
    en: 'The X-GovStack-Client header must read INSTANCE/CLASS/MEMBER[/SUBSYSTEM].',
  },
  'govstack.im.invalid_service_code': {
    'zh-CN': '服务代码为数据资源编码（字母、数字和连字符，3–40 位）。',
    en: 'Service codes are resource codes: 3–40 letters, digits and hyphens.',
  },
});
