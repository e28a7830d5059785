import type { ReactNode } from 'react';
import { Button, Table, type TableColumnsType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api-types';
import { flattenPages } from '../query';
import { ErrorBlock } from './states';

/** What PagedTable reads of a cursor-paginated `useInfiniteQuery` result. */
export interface PagedQuery<T> {
  data: { pages: Page<T>[] } | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => Promise<unknown>;
  fetchNextPage: () => Promise<unknown>;
}

interface PagedTableProps<T> {
  query: PagedQuery<T>;
  columns: TableColumnsType<T>;
  rowKey: TableProps<T>['rowKey'];
  emptyText?: ReactNode;
  size?: TableProps<T>['size'];
  scroll?: TableProps<T>['scroll'];
  expandable?: TableProps<T>['expandable'];
  testId?: string;
  loadMoreTestId?: string;
}

/**
 * A table of every page a cursor-paginated query has loaded so far, with 加载更多 under it
 * while there are more, and an error with 重试 in its place when the query fails.
 */
export function PagedTable<T extends object>({ query, emptyText, testId, loadMoreTestId, ...table }: PagedTableProps<T>) {
  const { t } = useTranslation();
  if (query.isError) return <ErrorBlock error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      {...table}
      dataSource={flattenPages(query.data)}
      loading={query.isPending}
      pagination={false}
      locale={emptyText === undefined ? undefined : { emptyText }}
      data-testid={testId}
      footer={
        query.hasNextPage
          ? () => (
              <div className="zl-load-more">
                <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid={loadMoreTestId}>
                  {t('common.loadMore')}
                </Button>
              </div>
            )
          : undefined
      }
    />
  );
}
