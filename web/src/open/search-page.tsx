import { Card, Empty, Input, Pagination, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorBlock, LoadingBlock } from '../shared/desktop/states';
import { formatDateTime } from '../shared/format';
import type { CkanPackage, OpenType } from './open-api';
import { SEARCH_PAGE_SIZE, useDatasetSearch, useOrganizations, useTags, type SearchFilter } from './open-queries';
import { OpenTypeTag } from './open-tags';

const FORMATS = ['CSV', 'JSON', 'XLSX'];
const OPEN_TYPES: readonly OpenType[] = ['open', 'conditional'];

type FilterName = 'q' | 'org' | 'tag' | 'format' | 'type';

function DatasetCard({ pkg }: { pkg: CkanPackage }) {
  const { t } = useTranslation();
  return (
    <Card className="zl-open-card" size="small" data-testid={`open-result-${pkg.name}`}>
      <h3>
        <Link to={`/open/datasets/${encodeURIComponent(pkg.name)}`} data-testid="open-result-title">
          {pkg.title}
        </Link>{' '}
        <OpenTypeTag value={pkg.open_type} />
      </h3>
      <p className="zl-open-card-notes">{pkg.notes}</p>
      <div className="zl-open-card-meta">
        <span>{pkg.organization.title}</span>
        <span>{t('openData.search.updated', { at: formatDateTime(pkg.metadata_modified) })}</span>
        <span>
          {pkg.resources.map((r) => (
            <Tag key={r.id}>{r.format}</Tag>
          ))}
        </span>
      </div>
    </Card>
  );
}

/** 数据目录: CKAN package_search with words, filters by publisher, tag, format and openness, and pages. */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter: SearchFilter = {
    q: params.get('q') ?? '',
    org: params.get('org') ?? undefined,
    tag: params.get('tag') ?? undefined,
    format: FORMATS.find((f) => f === params.get('format')),
    openType: OPEN_TYPES.find((o) => o === params.get('type')),
    page: Math.max(1, Number(params.get('page')) || 1),
  };
  const search = useDatasetSearch(filter);
  const organizations = useOrganizations();
  const tags = useTags();

  const setFilter = (name: FilterName, value: string | undefined) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      next.delete('page');
      return next;
    });
  const setPage = (page: number) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (page > 1) next.set('page', String(page));
      else next.delete('page');
      return next;
    });

  return (
    <div data-testid="open-search-page">
      <section className="zl-open-hero">
        <h1>{t('openData.name')}</h1>
        <p>{t('openData.tagline')}</p>
        <Input.Search
          key={filter.q}
          defaultValue={filter.q}
          size="large"
          allowClear
          enterButton={t('common.search')}
          placeholder={t('openData.search.placeholder')}
          onSearch={(value) => setFilter('q', value.trim() || undefined)}
          data-testid="open-search"
        />
      </section>
      <div className="zl-open-filters">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('openData.search.org')}
          value={filter.org}
          onChange={(value?: string) => setFilter('org', value)}
          options={(organizations.data ?? []).map((o) => ({ value: o.id, label: `${o.title}（${o.package_count ?? 0}）` }))}
          style={{ width: 260 }}
          data-testid="open-filter-org"
        />
        <Select
          allowClear
          showSearch
          placeholder={t('openData.search.tag')}
          value={filter.tag}
          onChange={(value?: string) => setFilter('tag', value)}
          options={(tags.data ?? []).map((tag) => ({ value: tag, label: tag }))}
          style={{ width: 180 }}
          data-testid="open-filter-tag"
        />
        <Select
          allowClear
          placeholder={t('openData.search.format')}
          value={filter.format}
          onChange={(value?: string) => setFilter('format', value)}
          options={FORMATS.map((format) => ({ value: format, label: format }))}
          style={{ width: 140 }}
          data-testid="open-filter-format"
        />
        <Select
          allowClear
          placeholder={t('openData.search.openType')}
          value={filter.openType}
          onChange={(value?: string) => setFilter('type', value)}
          options={OPEN_TYPES.map((value) => ({ value, label: t(`openData.openTypes.${value}`) }))}
          style={{ width: 160 }}
          data-testid="open-filter-type"
        />
      </div>
      {search.isError ? (
        <ErrorBlock error={search.error} onRetry={() => void search.refetch()} />
      ) : !search.data ? (
        <LoadingBlock />
      ) : search.data.count === 0 ? (
        <Empty description={t('openData.search.empty')} data-testid="open-search-empty" />
      ) : (
        <>
          <Typography.Paragraph type="secondary" data-testid="open-search-count">
            {t('openData.search.count', { n: search.data.count })}
          </Typography.Paragraph>
          <div data-testid="open-results">
            {search.data.results.map((pkg) => (
              <DatasetCard key={pkg.id} pkg={pkg} />
            ))}
          </div>
          <Pagination
            current={filter.page}
            pageSize={SEARCH_PAGE_SIZE}
            total={search.data.count}
            onChange={setPage}
            showSizeChanger={false}
            align="center"
            data-testid="open-pagination"
          />
        </>
      )}
    </div>
  );
}
