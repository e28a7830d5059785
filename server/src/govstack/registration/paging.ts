/** The contract's list parameters (Camunda's): a 0-based first index, a count, and a sort key with its order. */
export interface PageQuery {
  firstResult: number;
  maxResult?: number | undefined;
  sortBy?: string | undefined;
  sortOrder?: 'asc' | 'desc' | undefined;
}

/** Sorts by one of the keys a list offers (the route's enum allows only those), then takes the page. */
export function page<T>(items: T[], query: PageQuery, keys: Record<string, (item: T) => string>): T[] {
  const key = query.sortBy ? keys[query.sortBy] : undefined;
  const sorted = key
    ? [...items].sort((a, b) => {
        const order = key(a).localeCompare(key(b));
        return query.sortOrder === 'desc' ? -order : order;
      })
    : items;
  return sorted.slice(query.firstResult, query.maxResult === undefined ? undefined : query.firstResult + query.maxResult);
}
