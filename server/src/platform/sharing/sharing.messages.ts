import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'sharing.request_not_found': { 'zh-CN': '共享申请不存在。', en: 'No such sharing request.' },
  'sharing.own_resource': { 'zh-CN': '不能申请本单位自己的数据。', en: 'You cannot request your own organisation’s data.' },
  'sharing.not_shareable': { 'zh-CN': '「{resource}」不予共享。', en: '"{resource}" is not shared.' },
  'sharing.no_reviewer': { 'zh-CN': '数据提供方没有可以审核申请的人员。', en: 'The owner has nobody who can review the request.' },
  'sharing.valid_until_past': { 'zh-CN': '有效期须晚于今天。', en: 'The validity must end after today.' },
  'sharing.no_flow_back': {
    'zh-CN': '「{resource}」未登记回流区划字段，不能回流。',
    en: '"{resource}" names no region field, so it cannot flow back.',
  },
  'sharing.flow_back_not_below': {
    'zh-CN': '只有「{resource}」所属地区下级的单位才能申请回流。',
    en: 'Only organisations of regions below the owner of "{resource}" can ask for flow-back.',
  },
  'sharing.objection_not_found': { 'zh-CN': '数据异议不存在。', en: 'No such data objection.' },
  'sharing.objection_needs_grant': {
    'zh-CN': '本单位没有「{resource}」的共享授权，不能对其数据提出异议。',
    en: 'Your organisation holds no grant for "{resource}", so it cannot object to its data.',
  },
  'sharing.objection_field_not_granted': {
    'zh-CN': '字段「{field}」不在本单位的授权范围内。',
    en: 'The field "{field}" is not within your grant.',
  },
  'sharing.grant_not_found': { 'zh-CN': '授权不存在。', en: 'No such grant.' },
  'sharing.grant_not_active': { 'zh-CN': '该授权已撤销。', en: 'This grant is no longer active.' },
  'sharing.unknown_fields': { 'zh-CN': '资源中没有这些字段：{fields}', en: 'The resource has no such fields: {fields}' },
});
