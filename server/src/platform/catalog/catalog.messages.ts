import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'catalog.resource_not_found': { 'zh-CN': '数据资源不存在。', en: 'No such data resource.' },
  'catalog.version_not_found': { 'zh-CN': '版本 {version} 不存在。', en: 'Version {version} does not exist.' },
  'catalog.code_taken': { 'zh-CN': '资源编码「{code}」已被使用。', en: 'The resource code "{code}" is taken.' },
  'catalog.invalid_code': {
    'zh-CN': '资源编码只能由字母、数字和连字符组成（3–40 位）。',
    en: 'Codes are 3–40 letters, digits and hyphens.',
  },
  'catalog.invalid_field_name': {
    'zh-CN': '字段名须以小写字母开头，只含小写字母、数字和下划线。',
    en: 'Field names start with a lower-case letter and hold only lower-case letters, digits and underscores.',
  },
  'catalog.duplicate_field': { 'zh-CN': '字段「{field}」重复。', en: 'The field "{field}" appears twice.' },
  'catalog.grade_too_low': {
    'zh-CN': '字段「{field}」含个人敏感信息，分级不得低于 {minimum}。',
    en: 'The field "{field}" holds personal identifiers and must be graded {minimum} or higher.',
  },
  'catalog.no_key': {
    'zh-CN': '至少要有一个关键字段（如身份证号、统一社会信用代码），供按键查询。',
    en: 'At least one field must be a key (an ID number, a credit code …) for lookups.',
  },
  'catalog.open_needs_l1': {
    'zh-CN': '无条件开放的资源只能包含 L1（公开）字段。',
    en: 'A resource open to all may hold only L1 (public) fields.',
  },
  'catalog.records_invalid': {
    'zh-CN': '有 {total} 处数据不符合目录字段定义，未写入任何记录。',
    en: '{total} values do not fit the catalog fields; nothing was written.',
  },
  'catalog.not_a_key': { 'zh-CN': '「{field}」不是关键字段，不能按它查询。', en: '"{field}" is not a key field.' },
  'catalog.record_not_found': { 'zh-CN': '没有这条记录。', en: 'No such record.' },
  'catalog.field_sealed': {
    'zh-CN': '「{field}」为 L4 加密存储，只能作为关键字段整值查询。',
    en: '"{field}" is sealed (L4): it can only be matched whole, as a key field.',
  },
  'catalog.enum_needs_text': {
    'zh-CN': '只有文本字段「{field}」才能设枚举值。',
    en: 'Only text fields take enumerated values ("{field}").',
  },
  'catalog.unique_needs_key': {
    'zh-CN': '「{field}」要设为唯一，须先设为关键字段。',
    en: '"{field}" must be a key field to be unique.',
  },
  'catalog.staged_key_retired': {
    'zh-CN': '归集期间数据密钥已轮换，请重新上传。',
    en: 'The data key was rotated while the load was staged; upload it again.',
  },
  'catalog.region_field_unknown': {
    'zh-CN': '回流区划字段「{field}」须是本资源的文本字段。',
    en: 'The flow-back region field "{field}" must be a text field of the resource.',
  },
  'catalog.nothing_to_update': { 'zh-CN': '没有要修改的内容。', en: 'Nothing to change.' },
});
