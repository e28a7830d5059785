import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'collab.service_not_found': { 'zh-CN': '协同服务不存在。', en: 'No such collaboration service.' },
  'collab.request_not_found': { 'zh-CN': '协同申请不存在。', en: 'No such collaboration request.' },
  'collab.not_own_resource': {
    'zh-CN': '只能基于本单位自己的数据资源提供协同服务。',
    en: 'A service may answer only over your own organisation’s resources.',
  },
  'collab.key_required': { 'zh-CN': '请提供查询键「{field}」。', en: 'Give the key "{field}".' },
  'collab.upstream_failed': { 'zh-CN': '服务提供方系统未能应答（{service}）。', en: 'The providing system failed to answer ({service}).' },
  'collab.upstream_timeout': { 'zh-CN': '服务提供方系统应答超时（{service}）。', en: 'The providing system timed out ({service}).' },
  'collab.upstream_too_large': {
    'zh-CN': '服务提供方返回的内容过大（{service}）。',
    en: 'The providing system answered too much ({service}).',
  },
});
