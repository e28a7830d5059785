import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'notifications.not_found': { 'zh-CN': '通知不存在。', en: 'No such notice.' },
  'notifications.topic_unknown': { 'zh-CN': '没有这类通知。', en: 'No such kind of notice.' },
  'notifications.inapp_required': { 'zh-CN': '站内通知不能关闭。', en: 'In-app notices cannot be turned off.' },
  'notifications.no_email': {
    'zh-CN': '请先在个人资料中填写电子邮箱。',
    en: 'Add an e-mail address to your profile first.',
  },
  'notifications.no_phone': { 'zh-CN': '账号没有登记手机号码，无法接收短信。', en: 'Your account has no mobile number for SMS.' },
  'notifications.channel_unavailable': {
    'zh-CN': '本平台尚未开通该通知渠道。',
    en: 'This platform cannot deliver on that channel yet.',
  },
});
