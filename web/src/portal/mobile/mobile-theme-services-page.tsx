import { LeftOutlined } from '@ant-design/icons';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../shared/auth';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { exampleQueries } from '../service-format';
import { audienceOf, useThemeServices } from '../service-queries';
import type { ServiceTile } from '../service-themes';
import { MobileBundleCards } from './mobile-apply-bundle-cards';
import { MobileSearchSuggestions, MobileServiceResults } from './mobile-service-results';

/** A theme tile's services on phones (`/m/portal/services?theme=…`), those for the account's kind. */
export function MobileThemeServicesPage({ theme, labelKey }: { theme: string; labelKey: ServiceTile['labelKey'] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const list = useThemeServices(theme, audienceOf(me.kind));
  return (
    <div data-testid="service-theme-list">
      <Button fill="none" size="small" className="zl-m-svc-back" onClick={() => navigate('/m/portal/services')}>
        <LeftOutlined /> {t('portalServices.allThemes')}
      </Button>
      <h2 className="zl-m-section-title zl-m-svc-title">{t(labelKey)}</h2>
      <MobileBundleCards theme={theme} />
      {list.isError ? (
        <MobileError error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.data ? (
        <MobileLoading />
      ) : list.data.total === 0 ? (
        <>
          <MobileEmpty title={t('portalServices.themeEmpty')} description={t('portalServices.themeEmptyDesc')} />
          <MobileSearchSuggestions title={t('portalServices.tryAsking')} queries={exampleQueries(me.kind)} />
        </>
      ) : (
        <>
          <p className="zl-m-svc-count">{t('portalServices.themeCount', { n: list.data.total })}</p>
          <MobileServiceResults services={list.data.items} />
        </>
      )}
    </div>
  );
}
