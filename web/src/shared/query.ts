import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api';
import type { Page } from './api-types';

export const PAGE_SIZE = 50;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network error or 5xx might.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
      mutations: { retry: false },
    },
  });
}

/** Options shared by every cursor-paginated list (`{ items, nextCursor }`). */
export const cursorPaging = {
  initialPageParam: undefined as string | undefined,
  getNextPageParam: <T>(last: Page<T>) => last.nextCursor ?? undefined,
};

export function flattenPages<T>(data: { pages: Page<T>[] } | undefined): T[] {
  return data ? data.pages.flatMap((page) => page.items) : [];
}
