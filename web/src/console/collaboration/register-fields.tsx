import { useState } from 'react';
import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogField, CatalogResourceDetail } from '../../shared/api-types';
import { flattenPages } from '../../shared/query';
import { useResources } from '../catalog/catalog-queries';
import { GradeTag } from '../catalog/catalog-tags';
import { useDebounced } from '../use-debounced';

/** 数据资源: the chosen organisation's own resources, searched as the user types. */
export function OwnResourcePicker(props: {
  orgId: string | undefined;
  value?: string;
  onChange?: (resourceId: string | undefined) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const resources = useResources({ q, orgId: props.orgId });
  const list = props.orgId ? flattenPages(resources.data) : [];
  return (
    <Select<string>
      showSearch
      allowClear
      value={props.value}
      disabled={props.disabled || !props.orgId}
      placeholder={props.orgId ? t('collaboration.form.resourcePlaceholder') : t('collaboration.form.orgFirst')}
      filterOption={false}
      onSearch={setSearch}
      loading={resources.isFetching}
      notFoundContent={resources.isFetching ? t('common.loading') : t('collaboration.form.noResources')}
      options={list.map((resource) => ({
        value: resource.id,
        label: `${resource.name}（${resource.code}）`,
        'data-testid': `collab-resource-option-${resource.id}`,
      }))}
      onChange={(value) => {
        props.onChange?.(value);
        setSearch('');
      }}
      style={{ width: '100%' }}
      data-testid="collab-form-resource"
    />
  );
}

/**
 * A field of the chosen resource: its label, name and grade; `keys` lists only its key fields,
 * `allowed` only those named (the fields of a grant).
 */
export function ResourceFieldPicker(props: {
  resource: CatalogResourceDetail | undefined;
  keys?: boolean;
  allowed?: readonly string[];
  allowClear?: boolean;
  loading?: boolean;
  value?: string;
  onChange?: (name: string | undefined) => void;
  disabled?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const fields: CatalogField[] = (props.resource?.fields ?? []).filter(
    (field) => (!props.keys || field.key) && (!props.allowed || props.allowed.includes(field.name)),
  );
  return (
    <Select<string>
      showSearch
      allowClear={props.allowClear}
      value={props.value}
      disabled={props.disabled || !props.resource}
      loading={props.loading}
      placeholder={props.resource ? t('collaboration.form.fieldPlaceholder') : t('collaboration.form.resourceFirst')}
      optionFilterProp="search"
      options={fields.map((field) => ({
        value: field.name,
        label: field.label,
        search: `${field.label} ${field.name}`,
        'data-testid': `${props.testId}-option-${field.name}`,
      }))}
      optionRender={(option) => {
        const field = fields.find((candidate) => candidate.name === option.value);
        return field ? (
          <Space size={6}>
            <span>{field.label}</span>
            <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em' }}>
              {field.name}
            </Typography.Text>
            <GradeTag grade={field.grade} />
          </Space>
        ) : (
          option.label
        );
      }}
      onChange={(value) => props.onChange?.(value)}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}
