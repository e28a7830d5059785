import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'collection.load_not_found': { 'zh-CN': '归集任务不存在。', en: 'No such load.' },
  'collection.load_not_open': {
    'zh-CN': '该归集任务已执行过（状态：{status}），请新建任务。',
    en: 'This load has already run (status {status}); start a new one.',
  },
  'collection.rows_invalid': {
    'zh-CN': '有 {total} 行数据不符合规则，整个文件未写入。',
    en: '{total} rows break the rules; nothing from the file was written.',
  },
  'collection.replace_with_nothing': {
    'zh-CN': '全量替换的文件没有一行可用数据，已拒绝，原有数据未动。',
    en: 'A replacing load with no usable rows was refused; the records are unchanged.',
  },
  'collection.unknown_columns': {
    'zh-CN': '文件中有目录未登记的列：{columns}。',
    en: 'The file has columns the catalog does not know: {columns}.',
  },
  'collection.missing_columns': { 'zh-CN': '文件缺少必填列：{columns}。', en: 'The file lacks required columns: {columns}.' },
  'collection.duplicate_columns': { 'zh-CN': '文件中有重复的列。', en: 'The file has a column twice.' },
  'collection.not_what_it_claims': {
    'zh-CN': '文件内容不是 {format} 格式。',
    en: 'The file is not {format}.',
  },
  'collection.bad_file': { 'zh-CN': '{format} 文件无法解析（{reason}）。', en: 'The {format} file cannot be read ({reason}).' },
  'collection.empty_file': { 'zh-CN': '文件是空的。', en: 'The file is empty.' },
  'collection.interrupted': { 'zh-CN': '归集中断，未写入任何数据。', en: 'The load was interrupted; nothing was written.' },
  'collection.source_not_found': { 'zh-CN': '归集源不存在。', en: 'No such source.' },
  'collection.source_url_http': { 'zh-CN': '归集源地址须为 http 或 https。', en: 'A source URL must be http or https.' },
  'collection.source_running': { 'zh-CN': '该归集源正在归集。', en: 'This source is being pulled right now.' },
  'collection.source_unreachable': { 'zh-CN': '无法连接归集源：{reason}', en: 'The source cannot be reached: {reason}' },
  'collection.source_http': { 'zh-CN': '归集源返回 HTTP {status}。', en: 'The source answered HTTP {status}.' },
  'collection.source_not_json': {
    'zh-CN': '归集源返回的不是记录数组（JSON）。',
    en: 'The source did not answer a JSON array of records.',
  },
});
