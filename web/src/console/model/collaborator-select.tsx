import { useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgList } from '../../shared/org-queries';
import { flattenPages } from '../../shared/query';
import { useDebounced } from '../use-debounced';

interface Named {
  id: string;
  name: string;
}

/** 协同部门: several organisations, found by searching GET /orgs?q= as the user types. */
export function CollaboratorSelect(props: {
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** the organisations already chosen (so their names show before any search) */
  initial: readonly Named[];
  /** the organisation the model belongs to: not its own collaborator */
  excludeId?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const orgs = useOrgList({ q });
  const found = flattenPages(orgs.data).filter((org) => org.id !== props.excludeId);
  // Names of everything chosen so far, so a chosen tag keeps its name when a new search no longer lists it.
  const [known, setKnown] = useState<Map<string, string>>(() => new Map(props.initial.map((org) => [org.id, org.name])));

  const options = found.map((org) => ({ value: org.id, label: `${org.name}（${org.regionName}）` }));
  for (const id of props.value ?? []) {
    if (!options.some((option) => option.value === id)) options.unshift({ value: id, label: known.get(id) ?? id });
  }

  return (
    <Select
      mode="multiple"
      showSearch
      allowClear
      value={props.value ?? []}
      placeholder={t('console.model.collaboratorsPlaceholder')}
      filterOption={false}
      onSearch={setSearch}
      loading={orgs.isFetching}
      notFoundContent={orgs.isFetching ? t('common.loading') : t('common.empty')}
      options={options}
      data-testid={props.testId}
      onChange={(ids: string[]) => {
        const next = new Map(known);
        for (const org of found) if (ids.includes(org.id)) next.set(org.id, org.name);
        setKnown(next);
        props.onChange?.(ids);
        setSearch('');
      }}
    />
  );
}
