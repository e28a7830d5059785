import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'govstack.registry.not_found': {
    'zh-CN': '没有编码为「{registry}」的数据资源。',
    en: 'There is no registry (data resource) "{registry}".',
  },
  'govstack.registry.wrong_version': {
    'zh-CN': '「{registry}」没有版本 {version}，当前版本为 {current}。',
    en: 'Registry "{registry}" has no version {version}; its current version is {current}.',
  },
  'govstack.registry.invalid_version': { 'zh-CN': '版本号格式不正确。', en: 'The version number is malformed.' },
  'govstack.registry.invalid_client_header': {
    'zh-CN': 'Information-Mediator-Client 请求头须为 INSTANCE/CLASS/MEMBER/SUBSYSTEM。',
    en: 'The Information-Mediator-Client header must read INSTANCE/CLASS/MEMBER/SUBSYSTEM.',
  },
  'govstack.registry.unknown_parameter': {
    'zh-CN': '未知的查询参数（字段条件写作 query.<字段名>）。',
    en: 'Unknown query parameter (field conditions are written query.<fieldName>).',
  },
  'govstack.registry.invalid_value': { 'zh-CN': '条件值须为 1–200 个字符。', en: 'A condition’s value must be 1–200 characters.' },
  'govstack.registry.too_many_fields': { 'zh-CN': '字段过多。', en: 'Too many fields.' },
  'govstack.registry.unknown_field': { 'zh-CN': '该数据资源没有字段「{field}」。', en: 'The registry has no field "{field}".' },
  'govstack.registry.no_record': { 'zh-CN': '没有找到记录。', en: 'no record found' },
  'govstack.registry.not_owner': {
    'zh-CN': '只有「{registry}」的所属单位（数据管理权限或其注册的应用）才能写入。',
    en: 'Only the organisation that owns "{registry}" (data.manage, or an app registered for it) may write to it.',
  },
  'govstack.registry.record_exists': {
    'zh-CN': '已有相同「{field}」的记录；修改请用 update 或 updateOrCreate。',
    en: 'A record with this "{field}" exists; use update or updateOrCreate to change it.',
  },
  'govstack.registry.ambiguous_query': {
    'zh-CN': '查询条件匹配到 {matches} 条记录，只能修改一条；请用关键字段指明，或使用 updateEntries。',
    en: 'The query matches {matches} records but names one; name it by a key field, or use updateEntries.',
  },
  'govstack.registry.query_required': {
    'zh-CN': '请给出 query，或在 write 中带上主键「{field}」。',
    en: 'Give a query, or the primary key "{field}" in write.',
  },
  'govstack.registry.key_change': {
    'zh-CN': '不能修改主键「{field}」：记录按主键存储，旧记录不会被删除。',
    en: 'The primary key "{field}" cannot change: records are stored by it and the old one would stay behind.',
  },
  'govstack.registry.too_many_entries': {
    'zh-CN': '条件匹配 {matches} 条记录，一次最多修改 {max} 条。',
    en: 'The query matches {matches} records; at most {max} change a call.',
  },
  'govstack.registry.record_kept': {
    'zh-CN': '智理不通过此接口删除记录：数据资源的记录只能新增或替换（「{registry}」）。',
    en: 'Zhili does not delete records through this API: a registry’s records are only added or replaced ("{registry}").',
  },
  'govstack.registry.unsupported_format': { 'zh-CN': '只支持 .json 格式（收到 .{ext}）。', en: 'Only .json is served (asked for .{ext}).' },
  'govstack.registry.usage_not_recorded': {
    'zh-CN': '智理的网关日志只记录每次调用查询了多少条、哪些字段，不记录查询了谁，无法回答谁读取过某人的数据。',
    en: 'Zhili’s gateway log records how many records and which fields each call read, not whose: it cannot tell who read a person’s data.',
  },
  'govstack.registry.exists': { 'zh-CN': '找到了记录。', en: 'Object found from database' },
  'govstack.registry.not_exists': { 'zh-CN': '没有找到记录。', en: 'Object not found from database' },
});
