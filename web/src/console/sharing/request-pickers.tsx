import { useState, type HTMLAttributes } from 'react';
import { Alert, Checkbox, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import type { CatalogField, CatalogResourceDetail, CatalogResourceSummary } from '../../shared/api-types';
import { flattenPages } from '../../shared/query';
import { useResources } from '../catalog/catalog-queries';
import { GradeTag, ShareTypeTag } from '../catalog/catalog-tags';
import { useModelTree } from '../model/model-queries';
import { useDebounced } from '../use-debounced';
import { modelItems } from './sharing-queries';

/**
 * 数据资源: searches the catalog as the user types. Resources of the user's own organisation
 * and those not shared (不予共享) are shown but cannot be chosen.
 */
export function ResourcePicker(props: {
  value?: string;
  onChange?: (resourceId: string | undefined) => void;
  /** the chosen resource, shown before a search has found it */
  initial?: CatalogResourceSummary | null;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const resources = useResources({ q });
  const found = flattenPages(resources.data);
  const list = props.initial && !found.some((resource) => resource.id === props.initial?.id) ? [props.initial, ...found] : found;
  const byId = new Map(list.map((resource) => [resource.id, resource]));

  return (
    <Select<string>
      showSearch
      allowClear
      value={props.value}
      disabled={props.disabled}
      placeholder={t('sharing.form.resourcePlaceholder')}
      filterOption={false}
      onSearch={setSearch}
      loading={resources.isFetching}
      notFoundContent={resources.isFetching ? t('common.loading') : t('common.empty')}
      options={list.map((resource) => ({
        value: resource.id,
        label: resource.name,
        disabled: resource.orgId === me.orgId || resource.shareType === 'none',
        'data-testid': `sharing-resource-option-${resource.id}`,
      }))}
      optionRender={(option) => {
        const resource = byId.get(String(option.value));
        if (!resource) return option.label;
        return (
          <div className="zl-sharing-option">
            <Space size={4} wrap>
              <span>{resource.name}</span>
              <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em' }}>
                {resource.code}
              </Typography.Text>
            </Space>
            <Space size={4} wrap>
              <Typography.Text type="secondary">{resource.orgName}</Typography.Text>
              {resource.orgId === me.orgId ? <Tag>{t('sharing.form.ownResource')}</Tag> : <ShareTypeTag value={resource.shareType} />}
            </Space>
          </div>
        );
      }}
      onChange={(value) => {
        props.onChange?.(value);
        setSearch('');
      }}
      style={{ width: '100%' }}
      data-testid="sharing-resource-search"
    />
  );
}

/** 申请字段: a resource's current fields, each with its label, name and grade, to tick. */
export function FieldPicker(props: {
  resource: CatalogResourceDetail | undefined;
  loading?: boolean;
  value?: string[];
  onChange?: (fields: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const chosen = new Set(props.value ?? []);
  const fields = props.resource?.fields ?? [];
  if (!props.resource && !props.loading) return <Typography.Text type="secondary">{t('sharing.form.chooseResourceFirst')}</Typography.Text>;

  // in the resource's order, whatever order they were ticked in
  const set = (next: Set<string>) => props.onChange?.(fields.map((field) => field.name).filter((name) => next.has(name)));
  const toggle = (name: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(name);
    else next.delete(name);
    set(next);
  };
  const all = fields.length > 0 && fields.every((field) => chosen.has(field.name));

  const columns: TableColumnsType<CatalogField> = [
    {
      title: (
        <Checkbox
          checked={all}
          indeterminate={chosen.size > 0 && !all}
          disabled={props.disabled || !fields.length}
          onChange={(event) => set(event.target.checked ? new Set(fields.map((field) => field.name)) : new Set())}
          data-testid="sharing-field-all"
        />
      ),
      key: 'choose',
      width: 48,
      render: (_, field) => (
        <Checkbox
          checked={chosen.has(field.name)}
          disabled={props.disabled}
          onChange={(event) => toggle(field.name, event.target.checked)}
          data-testid={`sharing-field-${field.name}`}
        />
      ),
    },
    { title: t('catalog.field.label'), dataIndex: 'label', key: 'label' },
    {
      title: t('catalog.field.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <span className="zl-mono">{name}</span>,
    },
    {
      title: t('catalog.field.type'),
      dataIndex: 'type',
      key: 'type',
      render: (type: CatalogField['type']) => t(`catalog.fieldTypes.${type}`),
    },
    {
      title: t('catalog.field.grade'),
      dataIndex: 'grade',
      key: 'grade',
      width: 130,
      render: (grade: CatalogField['grade']) => <GradeTag grade={grade} />,
    },
  ];
  return (
    <div>
      <Table<CatalogField>
        dataSource={fields}
        columns={columns}
        rowKey="name"
        size="small"
        pagination={false}
        loading={props.loading}
        scroll={{ y: 280 }}
        rowClassName="zl-sharing-row"
        onRow={(field) =>
          ({
            onClick: () => {
              if (!props.disabled) toggle(field.name, !chosen.has(field.name));
            },
            'data-testid': `sharing-field-row-${field.name}`,
          }) as HTMLAttributes<HTMLElement>
        }
        data-testid="sharing-fields-picker"
      />
      {fields.length ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t('sharing.form.chosen', { n: chosen.size, total: fields.length })}
        </Typography.Text>
      ) : null}
    </div>
  );
}

/** 业务事项: the items of the user's organisation's V-model, grouped under their core / module / unit. */
export function ItemPicker(props: { value?: string; onChange?: (itemId: string | undefined) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const tree = useModelTree(me.orgId);
  const items = modelItems(tree.data?.nodes ?? []);
  const groups = new Map<string, { value: string; label: string; search: string; 'data-testid': string }[]>();
  for (const item of items) {
    const path = item.path.join(' / ');
    const group = groups.get(path) ?? [];
    group.push({
      value: item.id,
      label: item.name,
      search: `${path} ${item.name}`.toLowerCase(),
      'data-testid': `sharing-item-option-${item.id}`,
    });
    groups.set(path, group);
  }
  if (tree.isSuccess && !items.length)
    return <Alert type="warning" showIcon message={t('sharing.form.noItems')} data-testid="sharing-no-items" />;
  return (
    <Select<string>
      showSearch
      allowClear
      value={props.value}
      disabled={props.disabled}
      placeholder={t('sharing.form.itemPlaceholder')}
      loading={tree.isPending}
      notFoundContent={tree.isError ? t('errors.loadFailed') : t('common.empty')}
      filterOption={(input, option) => Boolean((option as { search?: string } | undefined)?.search?.includes(input.trim().toLowerCase()))}
      options={[...groups].map(([path, options]) => ({ label: path || tree.data?.orgName, title: path, options }))}
      onChange={(value) => props.onChange?.(value)}
      style={{ width: '100%' }}
      data-testid="sharing-item"
    />
  );
}
