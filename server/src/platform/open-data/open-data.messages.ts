import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'opendata.invalid_action': { 'zh-CN': '接口名称无效。', en: 'Invalid action name.' },
  'opendata.invalid_name': { 'zh-CN': '数据集名称无效。', en: 'Invalid dataset name.' },
  'opendata.not_found': { 'zh-CN': '没有这个开放数据集。', en: 'No such open dataset.' },
  'opendata.invalid_key': {
    'zh-CN': 'API Key 无效或已吊销。',
    en: 'The API key is not valid or has been revoked.',
  },
  'opendata.rate_limited': {
    'zh-CN': '调用过于频繁（每分钟 {limit} 次），请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many calls ({limit} a minute); retry in {retryAfterSeconds} s.',
  },
  'opendata.approval_required': {
    'zh-CN': '这是有条件开放的数据集：请先申请使用，获批后凭 API Key 访问。',
    en: 'This dataset is open on application: apply to use it, then call with your API key once approved.',
  },
  'opendata.not_approved': {
    'zh-CN': '您对该数据集的使用申请尚未获批。',
    en: 'Your application to use this dataset has not been approved.',
  },
  'opendata.account_required': {
    'zh-CN': '请以个人、法人或工作人员账号登录后操作。',
    en: 'Log in with a personal, enterprise or staff account.',
  },
  'opendata.too_many_keys': {
    'zh-CN': '每个账号最多 {max} 个有效的 API Key，请先吊销不用的。',
    en: 'An account may hold {max} active API keys; revoke one first.',
  },
  'opendata.key_not_found': { 'zh-CN': '没有这个 API Key。', en: 'No such API key.' },
  'opendata.key_revoked': { 'zh-CN': '该 API Key 已吊销。', en: 'The API key is already revoked.' },
  'opendata.not_conditional': {
    'zh-CN': '该数据集无条件开放，无需申请，可直接使用。',
    en: 'This dataset is open to all: use it without applying.',
  },
  'opendata.application_exists': {
    'zh-CN': '您已申请过该数据集（待审核或已同意），无需重复申请。',
    en: 'You have applied for this dataset already (pending or approved).',
  },
  'opendata.application_not_found': { 'zh-CN': '没有这条申请。', en: 'No such application.' },
  'opendata.application_decided': {
    'zh-CN': '该申请已审核，不能再次审核。',
    en: 'The application has been decided already.',
  },
  'opendata.reason_required': {
    'zh-CN': '不予同意时请填写理由。',
    en: 'A refusal needs a reason.',
  },
  'opendata.own_application': {
    'zh-CN': '不能审核自己提交的申请。',
    en: 'You may not decide your own application.',
  },
});
