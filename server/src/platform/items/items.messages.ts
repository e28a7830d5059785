import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'items.node_not_found': { 'zh-CN': '业务模型节点不存在。', en: 'No such node in the business model.' },
  'items.parent_not_found': { 'zh-CN': '上级节点不存在或不属于该单位。', en: 'The parent node does not exist in this organisation.' },
  'items.level_mismatch': { 'zh-CN': '层级不对：此处应为「{expected}」。', en: 'Wrong level: expected "{expected}" here.' },
  'items.item_type_required': { 'zh-CN': '业务事项须标明「治理」或「服务」。', en: 'An item must be marked governance or service.' },
  'items.only_items_have_type': {
    'zh-CN': '只有业务事项有类型和协同部门。',
    en: 'Only items have a type and collaborating organisations.',
  },
  'items.collaborator_not_found': { 'zh-CN': '协同部门不存在。', en: 'A collaborating organisation does not exist.' },
  'items.duplicate_name': { 'zh-CN': '同一上级下已有名为「{name}」的节点。', en: 'A sibling named "{name}" already exists.' },
  'items.node_has_children': { 'zh-CN': '请先删除其下级节点。', en: 'Delete its children first.' },
  'items.import_not_found': { 'zh-CN': '导入任务不存在。', en: 'No such import job.' },
  'items.import_not_xlsx': { 'zh-CN': '文件不是有效的 Excel（.xlsx）文件。', en: 'The file is not a valid Excel (.xlsx) workbook.' },
  'items.import_bad_header': { 'zh-CN': '表头应依次为：{expected}。', en: 'The header row must be: {expected}.' },
  'items.import_required': {
    'zh-CN': '不能为空（上一级已填写，或本行填写了下级）。',
    en: 'Required (its level is needed by the cells to its right).',
  },
  'items.import_too_long': { 'zh-CN': '名称超过 {max} 个字。', en: 'Longer than {max} characters.' },
  'items.import_bad_type': { 'zh-CN': '事项类型须为「治理」或「服务」。', en: 'Item type must be 治理 (governance) or 服务 (service).' },
  'items.import_unknown_org': { 'zh-CN': '协同部门「{name}」不存在。', en: 'No organisation named "{name}".' },
  'items.import_duplicate': { 'zh-CN': '与第 {first} 行重复。', en: 'Duplicates row {first}.' },
  'items.import_empty': { 'zh-CN': '文件中没有数据行。', en: 'The file has no data rows.' },
  'items.import_would_remove_defined': {
    'zh-CN': '文件中缺少已定义流程或表单的事项「{name}」，导入会删除它。',
    en: 'The file leaves out "{name}", which has a deployed process or form; importing would delete it.',
  },
  'items.import_failed': { 'zh-CN': '导入失败：{reason}', en: 'Import failed: {reason}' },
});
