import { Segmented } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useServiceSearchPage } from '../service-queries';
import { MobileSearch } from './mobile-search';
import { MobileSearchSuggestions, MobileServiceResults } from './mobile-service-results';

/** 服务搜索 on phones (`/m/portal/search?q=`): services ranked by how well they answer a question in plain Chinese. */
export function MobileServiceSearchPage() {
  const { t } = useTranslation();
  const { q, audience, setAudience, search, examples } = useServiceSearchPage();

  return (
    <div data-testid="service-search">
      <div className="zl-m-svc-searchbar">
        <MobileSearch />
        <Segmented
          block
          style={{ marginTop: 8 }}
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
        <MobileSearchSuggestions title={t('portalServices.tryAsking')} queries={examples} />
      ) : search.isError ? (
        <MobileError error={search.error} onRetry={() => void search.refetch()} />
      ) : !search.data ? (
        <MobileLoading />
      ) : search.data.total === 0 ? (
        <div data-testid="service-search-empty">
          <MobileEmpty title={t('portalServices.empty')} description={t('portalServices.emptyDesc')} />
          <MobileSearchSuggestions title={t('portalServices.tryAsking')} queries={examples} />
        </div>
      ) : (
        <>
          <p className="zl-m-svc-count" data-testid="service-search-count">
            {t('portalServices.count', { n: search.data.total })}
            {search.data.total > search.data.items.length ? t('portalServices.showingFirst', { n: search.data.items.length }) : null}
          </p>
          <MobileServiceResults services={search.data.items} busy={search.isPlaceholderData} />
        </>
      )}
    </div>
  );
}
