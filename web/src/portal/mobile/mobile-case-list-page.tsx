import { useTranslation } from 'react-i18next';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { myCaseRows } from '../case-format';
import { useMyCases } from '../case-queries';
import { MobileCaseRows } from './mobile-case-rows';

/** 我的办件 on phones (`/m/portal/cases`, the 办件 tab): 一件事 applications and single cases, the newest first. */
export function MobileCaseListPage() {
  const { t } = useTranslation();
  const mine = useMyCases();
  const rows = mine.data ? myCaseRows(mine.data.cases, mine.data.bundles) : [];
  return (
    <div data-testid="portal-cases">
      <h2 className="zl-m-section-title zl-m-page-title">{t('portal.cases.title')}</h2>
      {mine.isError ? <MobileError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {mine.isPending ? <MobileLoading /> : null}
      {mine.data && rows.length === 0 ? <MobileEmpty title={t('portal.cases.empty')} description={t('portal.cases.emptyDesc')} /> : null}
      {rows.length ? <MobileCaseRows rows={rows} /> : null}
    </div>
  );
}
