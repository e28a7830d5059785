import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'gateway.app_token_required': {
    'zh-CN': '请使用应用的访问令牌（OAuth2 客户端凭证）调用数据网关。',
    en: 'Call the data gateway with an app’s access token (OAuth2 client credentials).',
  },
  'gateway.no_grant': { 'zh-CN': '本单位没有「{resource}」的共享授权。', en: 'Your organisation holds no grant for "{resource}".' },
  'gateway.key_not_granted': { 'zh-CN': '未获授权按「{field}」查询。', en: 'Looking up by "{field}" is not granted.' },
  'gateway.unknown_field': { 'zh-CN': '没有字段「{field}」。', en: 'There is no field "{field}".' },
  'gateway.field_not_granted': { 'zh-CN': '未获授权使用字段「{field}」。', en: 'The field "{field}" is not granted.' },
  'gateway.masked_field': {
    'zh-CN': '「{field}」对本单位脱敏显示，只能作为关键字段整值查询。',
    en: '"{field}" is masked for your organisation: it can only be matched whole, as a key field.',
  },
  'gateway.search_not_granted': {
    'zh-CN': '数据回流授权只能按关键字段查询本地区记录，不能检索「{resource}」。',
    en: 'A flow-back grant reads its region’s records by key; it cannot search "{resource}".',
  },
  'gateway.no_service_grant': {
    'zh-CN': '本单位没有调用协同服务「{service}」的授权。',
    en: 'Your organisation holds no grant to call the service "{service}".',
  },
  'gateway.too_many_keys': { 'zh-CN': '一次最多查询 {max} 个键。', en: 'At most {max} keys a call.' },
  'gateway.rate_limited': {
    'zh-CN': '调用过于频繁，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many calls; retry in {retryAfterSeconds} s.',
  },
});

// P3.3 数据网关: granted fields only, masked by grade, rate-limited, every call in the audit chain.
export { DataGateway, defaultRateLimit, maxBatchKeys } from './gateway.ts';
export { gatewayRoutes } from './gateway.routes.ts';
export { maskValue } from '../catalog/index.ts';
