import { registerMessages } from '../../kernel/index.ts';

registerMessages({
  'opendata.invalid_action': { 'zh-CN': '接口名称无效。', en: 'Invalid action name.' },
  'opendata.invalid_name': { 'zh-CN': '数据集名称无效。', en: 'Invalid dataset name.' },
  'opendata.not_found': { 'zh-CN': '没有这个开放数据集。', en: 'No such open dataset.' },
});

// P4 公共数据开放: CKAN's Action API over the catalog's open resources, and their downloads.
export { CkanApi, license } from './ckan.ts';
export { openDataRoutes } from './open-data.routes.ts';
