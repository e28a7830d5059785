import { useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import type { Me } from '../../shared/api-types';
import { regionPath, regionPrefix, useAddressTree, useDebounced, usePeopleSearch, type RegionNode } from '../address-book';

/** A picked person or organisation: its id and the name it shows with. */
export interface Picked {
  value: string;
  label: string;
}

/**
 * 承办人: people found in the address book (name, pinyin such as `cxl` for 陈霞琳, initials,
 * position, unit or organisation) — only those the issuer may reach are found, as the server
 * requires. The value keeps each person's name, so a later search does not lose it.
 */
export function PeoplePicker({ value, onChange, testId }: { value?: Picked[]; onChange?: (value: Picked[]) => void; testId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const found = usePeopleSearch(q);
  const options = (found.data ?? [])
    .filter((person) => person.accountId !== me.id)
    .map((person) => ({
      value: person.accountId,
      label: person.displayName,
      description: [person.position, person.unitName, person.orgName].filter(Boolean).join(' · '),
    }));
  return (
    <Select<Picked[], (typeof options)[number]>
      mode="multiple"
      labelInValue
      showSearch
      filterOption={false}
      value={value}
      onChange={(next) => onChange?.(next.map((p) => ({ value: p.value, label: String(p.label) })))}
      searchValue={typed}
      onSearch={setTyped}
      onBlur={() => setTyped('')}
      loading={found.isFetching}
      placeholder={t('workbench.instructions.form.peoplePlaceholder')}
      notFoundContent={q ? t('workbench.instructions.form.noPeople') : null}
      options={options}
      optionRender={(option) => (
        <div data-testid={`person-option-${option.value}`}>
          <div>{option.data.label}</div>
          <div className="zl-ins-meta">{option.data.description}</div>
        </div>
      )}
      data-testid={testId}
    />
  );
}

/** The organisations of the address-book tree that lie in the issuer's scope (their role grants), regions kept for the tree. */
function scopedTree(nodes: readonly RegionNode[], me: Me): RegionNode[] {
  const covers = (org: { id: string }, regionCode: string) =>
    me.roles.some(
      (grant) =>
        (!grant.orgId && !grant.regionCode) ||
        grant.orgId === org.id ||
        (grant.regionCode !== null && regionCode.startsWith(regionPrefix(grant.regionCode))),
    );
  return nodes
    .map((node) => ({ ...node, orgs: node.orgs.filter((org) => covers(org, node.code)), children: scopedTree(node.children, me) }))
    .filter((node) => node.orgs.length || node.children.length);
}

interface TreeOption {
  value: string;
  title: string;
  selectable?: boolean;
  children?: TreeOption[];
}

function toOptions(nodes: readonly RegionNode[]): TreeOption[] {
  return nodes.map((node) => ({
    value: `region:${node.code}`,
    title: node.name,
    selectable: false,
    children: [...node.orgs.map((org) => ({ value: org.id, title: org.name })), ...toOptions(node.children)],
  }));
}

/** 承办单位: organisations of the issuer's region, picked from the region → organisation tree. */
export function OrgPicker({ value, onChange, testId }: { value?: Picked[]; onChange?: (value: Picked[]) => void; testId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const tree = useAddressTree();
  const options = useMemo(() => toOptions(scopedTree(tree.data?.items ?? [], me)), [tree.data, me]);
  return (
    <TreeSelect<Picked[]>
      multiple
      labelInValue
      showSearch
      treeNodeFilterProp="title"
      value={value}
      onChange={(next) => onChange?.(next.map((p) => ({ value: p.value, label: String(p.label) })))}
      treeData={options}
      treeDefaultExpandedKeys={regionPath(me.regionCode).map((code) => `region:${code}`)}
      loading={tree.isPending}
      placeholder={t('workbench.instructions.form.orgsPlaceholder')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
