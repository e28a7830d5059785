import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api';

// 通讯录 across levels (server/src/platform/identity: directory.service.ts): the region →
// organisation tree, the search over everyone the reader may see, and one person's card.
// An organisation's own list is GET /orgs/:id/address-book (shared/org-queries.ts).

export interface TreeOrg {
  id: string;
  name: string;
  kind: string;
  /** how many people it shows to the reader */
  people: number;
}

export interface RegionNode {
  code: string;
  name: string;
  orgs: TreeOrg[];
  children: RegionNode[];
}

/** GET /address-book/tree: the province down to the regions the reader may see people in. */
export interface AddressTree {
  items: RegionNode[];
  ownRegionCode: string | null;
}

/** A 名片: an item of GET /address-book/people, and GET /address-book/people/:id. */
export interface PersonCard {
  accountId: string;
  displayName: string;
  position: string | null;
  orgId: string;
  orgName: string;
  unitName: string | null;
  regionCode: string;
  regionName: string;
  /** 对外联系人: seen by the levels below too */
  publicContact: boolean;
  /** masked unless the reader may see it */
  phone: string | null;
  phoneMasked: boolean;
  /** only to those who see the phone in clear */
  email: string | null;
}

export function useAddressTree() {
  return useQuery({
    queryKey: ['address-book', 'tree'],
    queryFn: ({ signal }) => api.get<AddressTree>('/address-book/tree', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** GET /address-book/people?q=: by name, pinyin (zw → 张伟) or initials, position, unit or organisation; nothing asked for an empty q. */
export function usePeopleSearch(q: string, limit = 30) {
  const query = q.trim();
  return useQuery({
    queryKey: ['address-book', 'people', { q: query, limit }],
    queryFn: ({ signal }) => api.get<{ items: PersonCard[] }>('/address-book/people', { q: query, limit }, signal),
    select: (page) => page.items,
    enabled: query.length > 0,
    staleTime: 30_000,
  });
}

export function usePersonCard(accountId: string | null) {
  return useQuery({
    queryKey: ['address-book', 'person', accountId],
    queryFn: ({ signal }) => api.get<PersonCard>(`/address-book/people/${encodeURIComponent(accountId ?? '')}`, undefined, signal),
    enabled: Boolean(accountId),
    staleTime: 60_000,
  });
}

/** The value `delayMs` after it last changed (a search box asks once typing pauses). */
export function useDebounced<T>(value: T, delayMs = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Where `/workbench/messages` opens a conversation with a person (the messages pages read `?to=`). */
export function messagePath(accountId: string, mobile: boolean): string {
  return `${mobile ? '/m' : ''}/workbench/messages?to=${encodeURIComponent(accountId)}`;
}

/** The GB/T 2260 codes from the province down to `code` (330106 → 330000, 330100, 330106). */
export function regionPath(code: string | null): string[] {
  if (!code) return [];
  const path = [`${code.slice(0, 2)}0000`];
  if (code.length >= 4 && code.slice(2, 4) !== '00') path.push(`${code.slice(0, 4)}00`);
  if (code.length >= 6 && code.slice(4, 6) !== '00') path.push(code.slice(0, 6));
  if (code.length > 6) path.push(code);
  return [...new Set(path)];
}

/** The prefix every region under `code` starts with (330000 → 33, 330100 → 3301), as the server's scopes read it. */
export function regionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

/** A region node and everything under it, flattened: its organisations. */
export function orgsUnder(node: RegionNode): (TreeOrg & { regionCode: string; regionName: string })[] {
  return [...node.orgs.map((org) => ({ ...org, regionCode: node.code, regionName: node.name })), ...node.children.flatMap(orgsUnder)];
}

/** The region node of `code` in the tree, or null. */
export function findRegion(nodes: readonly RegionNode[], code: string): RegionNode | null {
  for (const node of nodes) {
    if (node.code === code) return node;
    const below = findRegion(node.children, code);
    if (below) return below;
  }
  return null;
}
