import { useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Org } from '../shared/api-types';
import { useOrgList } from '../shared/org-queries';
import { flattenPages } from '../shared/query';
import { useDebounced } from './use-debounced';

/** An organisation picker that searches GET /orgs?q= as the user types. */
export function OrgSelect(props: {
  value?: string | null;
  onChange?: (orgId: string | undefined) => void;
  /** the chosen organisation, for callers that need its region */
  onOrgChange?: (org: Org | undefined) => void;
  /** shown for the current value before a search has found it */
  initialOption?: { id: string; name: string } | null;
  placeholder?: string;
  allowClear?: boolean;
  excludeId?: string;
  style?: CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const orgs = useOrgList({ q });
  const items = flattenPages(orgs.data).filter((org) => org.id !== props.excludeId);

  const options = items.map((org) => ({ value: org.id, label: `${org.name}（${org.regionName}）` }));
  const initial = props.initialOption;
  if (initial && !options.some((option) => option.value === initial.id)) options.unshift({ value: initial.id, label: initial.name });

  return (
    <Select
      showSearch
      allowClear={props.allowClear ?? true}
      value={props.value ?? undefined}
      placeholder={props.placeholder}
      filterOption={false}
      onSearch={setSearch}
      loading={orgs.isFetching}
      notFoundContent={orgs.isFetching ? t('common.loading') : t('common.empty')}
      options={options}
      style={props.style ?? { width: '100%' }}
      data-testid={props.testId}
      onChange={(value: string | undefined) => {
        props.onChange?.(value);
        props.onOrgChange?.(items.find((org) => org.id === value));
        setSearch('');
      }}
    />
  );
}
