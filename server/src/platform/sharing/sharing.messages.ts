import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'sharing.request_not_found': { 'zh-CN': '共享申请不存在。', en: 'No such sharing request.' },
  'sharing.own_resource': { 'zh-CN': '不能申请本单位自己的数据。', en: 'You cannot request your own organisation’s data.' },
  'sharing.not_shareable': { 'zh-CN': '「{resource}」不予共享。', en: '"{resource}" is not shared.' },
  'sharing.no_reviewer': { 'zh-CN': '数据提供方没有可以审核申请的人员。', en: 'The owner has nobody who can review the request.' },
  'sharing.unknown_fields': { 'zh-CN': '资源中没有这些字段：{fields}', en: 'The resource has no such fields: {fields}' },
});
