import { Space } from 'antd';
import type { CatalogField } from '../../shared/api-types';
import { LoadsHistory } from './loads-history';
import { UploadLoad } from './upload-load';

/** 数据归集: upload a file into the resource, and the record of every load (uploads and scheduled pulls). */
export function CollectionPanel({ resourceId, fields }: { resourceId: string; fields: CatalogField[] }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="collection-panel">
      <UploadLoad resourceId={resourceId} fields={fields} />
      <LoadsHistory resourceId={resourceId} fields={fields} />
    </Space>
  );
}
