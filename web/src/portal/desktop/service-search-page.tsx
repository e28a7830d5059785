import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyBlock, ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { useServiceSearchPage } from '../service-queries';
import { PortalSearch } from './portal-shell';
import { SearchSuggestions, ServiceResults } from './service-results';

/** 服务搜索 (`/portal/search?q=`): services ranked by how well they answer a question asked in plain Chinese. */
export function ServiceSearchPage() {
  const { t } = useTranslation();
  const { q, audience, setAudience, search, examples } = useServiceSearchPage();

  return (
    <Panel title={q ? t('portal.searchFor', { q }) : t('portal.searchTitle')} testId="service-search">
      <div className="zl-svc-search-bar">
        <PortalSearch size="large" />
        <Segmented
          value={audience ?? 'all'}
          onChange={(value) => setAudience(String(value))}
          options={[
            { value: 'all', label: t('portalServices.audience.all') },
            { value: 'citizen', label: t('portalServices.audience.citizen') },
            { value: 'enterprise', label: t('portalServices.audience.enterprise') },
          ]}
          data-testid="service-audience"
        />
      </div>
      {!q ? (
        <SearchSuggestions title={t('portalServices.tryAsking')} queries={examples} />
      ) : search.isError ? (
        <ErrorBlock error={search.error} onRetry={() => void search.refetch()} />
      ) : !search.data ? (
        <LoadingBlock />
      ) : search.data.total === 0 ? (
        <div data-testid="service-search-empty">
          <EmptyBlock title={t('portalServices.empty')} description={t('portalServices.emptyDesc')} />
          <SearchSuggestions title={t('portalServices.tryAsking')} queries={examples} />
        </div>
      ) : (
        <>
          <p className="zl-svc-count" data-testid="service-search-count">
            {t('portalServices.count', { n: search.data.total })}
            {search.data.total > search.data.items.length ? t('portalServices.showingFirst', { n: search.data.items.length }) : null}
          </p>
          <ServiceResults services={search.data.items} busy={search.isPlaceholderData} />
        </>
      )}
    </Panel>
  );
}
