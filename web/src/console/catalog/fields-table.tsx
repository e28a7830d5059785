import type { HTMLAttributes } from 'react';
import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogField } from '../../shared/api-types';
import { GradeTag } from './catalog-tags';

/** The fields of a resource (one version), read-only. */
export function FieldsTable({ fields, version, loading }: { fields: CatalogField[]; version: number; loading?: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CatalogField> = [
    { title: '#', key: 'index', width: 48, render: (_, __, index) => index + 1 },
    {
      title: t('catalog.field.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <span className="zl-mono">{name}</span>,
    },
    { title: t('catalog.field.label'), dataIndex: 'label', key: 'label' },
    {
      title: t('catalog.field.type'),
      dataIndex: 'type',
      key: 'type',
      render: (type: CatalogField['type']) => t(`catalog.fieldTypes.${type}`),
    },
    {
      title: t('catalog.field.marks'),
      key: 'marks',
      render: (_, field) =>
        field.key || field.required ? (
          <Space size={4}>
            {field.key ? (
              <Tag color="gold" data-testid="field-mark-key">
                {t('catalog.field.key')}
              </Tag>
            ) : null}
            {field.required ? <Tag data-testid="field-mark-required">{t('catalog.field.required')}</Tag> : null}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: t('catalog.field.grade'),
      dataIndex: 'grade',
      key: 'grade',
      render: (grade: CatalogField['grade']) => <GradeTag grade={grade} />,
    },
    {
      title: t('catalog.field.description'),
      dataIndex: 'description',
      key: 'description',
      render: (description: string) => description || <Typography.Text type="secondary">—</Typography.Text>,
    },
  ];
  return (
    <Table<CatalogField>
      dataSource={fields}
      columns={columns}
      rowKey="name"
      size="small"
      pagination={false}
      loading={loading}
      scroll={{ x: 800 }}
      onRow={(field) => ({ 'data-testid': `catalog-field-row-${field.name}` }) as HTMLAttributes<HTMLElement>}
      data-testid="catalog-fields"
      data-version={version}
    />
  );
}
