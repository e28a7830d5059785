import { useState } from 'react';
import { useQueries } from '@tanstack/react-query';
import { Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { CatalogResourceDetail, CatalogResourceSummary, SharingGrant } from '../../shared/api-types';
import { flattenPages } from '../../shared/query';
import { catalogKeys, resourcePath, useResources } from '../catalog/catalog-queries';
import { useDebounced } from '../use-debounced';
import './objections.css';

/** The fields each resource is granted to the organisation with (several grants add up). */
export function grantedFields(grants: readonly SharingGrant[]): Map<string, string[]> {
  const byResource = new Map<string, Set<string>>();
  for (const grant of grants) {
    const fields = byResource.get(grant.resourceId) ?? new Set<string>();
    for (const field of grant.fields) fields.add(field);
    byResource.set(grant.resourceId, fields);
  }
  return new Map([...byResource].map(([id, fields]) => [id, [...fields]]));
}

function matches(resource: CatalogResourceSummary, q: string): boolean {
  return !q || `${resource.name} ${resource.code} ${resource.orgName}`.toLowerCase().includes(q.toLowerCase());
}

/**
 * 数据资源: the resources the organisation holds a grant on, first and choosable, then what a
 * catalog search finds besides (shown, not choosable: an objection needs a grant).
 */
export function GrantedResourcePicker(props: {
  granted: ReadonlyMap<string, readonly string[]>;
  loading?: boolean;
  value?: string;
  onChange?: (resourceId: string | undefined) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const details = useQueries({
    queries: [...props.granted.keys()].map((id) => ({
      queryKey: catalogKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<CatalogResourceDetail>(resourcePath(id), undefined, signal),
    })),
  });
  const found = useResources({ q });
  const granted = details.flatMap((detail) => (detail.data && matches(detail.data, search.trim()) ? [detail.data] : []));
  const others = flattenPages(found.data).filter((resource) => !props.granted.has(resource.id));
  const list: CatalogResourceSummary[] = [...granted, ...others];
  const byId = new Map(list.map((resource) => [resource.id, resource]));
  const loading = Boolean(props.loading) || found.isFetching || details.some((detail) => detail.isPending);

  return (
    <Select<string>
      showSearch
      allowClear
      value={props.value}
      disabled={props.disabled}
      placeholder={t('objections.form.resourcePlaceholder')}
      filterOption={false}
      onSearch={setSearch}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('common.empty')}
      options={list.map((resource) => ({
        value: resource.id,
        label: resource.name,
        disabled: !props.granted.has(resource.id),
        'data-testid': `objection-resource-option-${resource.id}`,
      }))}
      optionRender={(option) => {
        const resource = byId.get(String(option.value));
        if (!resource) return option.label;
        return (
          <div className="zl-objection-option">
            <Space size={4} wrap>
              <span>{resource.name}</span>
              <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em' }}>
                {resource.code}
              </Typography.Text>
            </Space>
            <Space size={4} wrap>
              <Typography.Text type="secondary">{resource.orgName}</Typography.Text>
              {props.granted.has(resource.id) ? (
                <Tag color="green">{t('objections.form.granted')}</Tag>
              ) : (
                <Tag>{t('objections.form.notGranted')}</Tag>
              )}
            </Space>
          </div>
        );
      }}
      onChange={(value) => {
        props.onChange?.(value);
        setSearch('');
      }}
      style={{ width: '100%' }}
      data-testid="objection-resource"
    />
  );
}
