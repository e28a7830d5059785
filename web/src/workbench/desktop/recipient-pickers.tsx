import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import type { Me } from '../../shared/api-types';
import { regionPath, regionPrefix, useAddressTree, type RegionNode } from '../address-book';
import { PeopleSelect } from './people-select';

/** A picked person or organisation: its id and the name it shows with. */
export interface Picked {
  value: string;
  label: string;
}

/** 承办人: people found in the address book — only those the issuer may reach, as the server requires. */
export function PeoplePicker({ value, onChange, testId }: { value?: Picked[]; onChange?: (value: Picked[]) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <PeopleSelect
      multiple
      value={value}
      onChange={onChange}
      testId={testId}
      placeholder={t('workbench.instructions.form.peoplePlaceholder')}
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
