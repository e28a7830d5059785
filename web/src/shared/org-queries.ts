import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './api';
import type { AddressBookEntry, Org, Page } from './api-types';
import { cursorPaging, PAGE_SIZE } from './query';

export interface OrgFilter {
  regionCode?: string | null;
  includeSubRegions?: boolean;
  kind?: string | null;
  q?: string;
}

/** GET /orgs, cursor-paginated. */
export function useOrgList(filter: OrgFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['orgs', 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Org>>(
        '/orgs',
        {
          regionCode: filter.regionCode ?? undefined,
          includeSubRegions: filter.includeSubRegions,
          kind: filter.kind ?? undefined,
          q: filter.q,
          cursor: pageParam,
          limit: PAGE_SIZE,
        },
        signal,
      ),
    ...cursorPaging,
    enabled,
  });
}

/** Organisations in a staff member's region (and below), for browsing the address book. */
export function useRegionOrgs(regionCode: string | null, q: string) {
  return useOrgList({ regionCode, includeSubRegions: true, q });
}

/** An organisation's address book 通讯录; phones arrive masked unless the viewer may see them. */
export function useAddressBook(orgId: string | null, q: string) {
  return useInfiniteQuery({
    queryKey: ['orgs', 'address-book', orgId, { q }],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AddressBookEntry>>(
        `/orgs/${encodeURIComponent(orgId ?? '')}/address-book`,
        { q, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      ),
    ...cursorPaging,
    enabled: Boolean(orgId),
  });
}
