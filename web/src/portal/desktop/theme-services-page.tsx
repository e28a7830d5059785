import { LeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../shared/auth';
import { EmptyBlock, ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { exampleQueries } from '../service-format';
import { audienceOf, useThemeServices } from '../service-queries';
import type { ServiceTile } from '../service-themes';
import { BundleCards } from './apply-bundle-cards';
import { SearchSuggestions, ServiceResults } from './service-results';

/** A theme tile's services (`/portal/services?theme=…`), those for the account's kind, the most used first. */
export function ThemeServicesPage({ theme, labelKey }: { theme: string; labelKey: ServiceTile['labelKey'] }) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useThemeServices(theme, audienceOf(me.kind));
  return (
    <>
      <BundleCards theme={theme} />
      <Panel
        title={t(labelKey)}
        extra={
          <Link to="/portal/services" data-testid="service-theme-back">
            <LeftOutlined /> {t('portalServices.allThemes')}
          </Link>
        }
        testId="service-theme-list"
      >
        {list.isError ? (
          <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
        ) : !list.data ? (
          <LoadingBlock />
        ) : list.data.total === 0 ? (
          <>
            <EmptyBlock title={t('portalServices.themeEmpty')} description={t('portalServices.themeEmptyDesc')} />
            <SearchSuggestions title={t('portalServices.tryAsking')} queries={exampleQueries(me.kind)} />
          </>
        ) : (
          <>
            <p className="zl-svc-count">{t('portalServices.themeCount', { n: list.data.total })}</p>
            <ServiceResults services={list.data.items} />
          </>
        )}
      </Panel>
    </>
  );
}
