import { useTranslation } from 'react-i18next';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useMyDataUses } from '../feedback-queries';
import { DataUseList } from '../feedback-parts';

/** 谁用了我的数据 on phones (`/m/portal/data-uses`, from 我的): every read of my data through the public data platform. */
export function MobileDataUsesPage() {
  const { t } = useTranslation();
  const uses = useMyDataUses();
  return (
    <div data-testid="portal-data-uses">
      <h2 className="zl-m-section-title zl-m-page-title">{t('portal.dataUses.title')}</h2>
      <p className="zl-m-page-intro" data-testid="data-uses-intro">
        {t('portal.dataUses.intro')}
      </p>
      <section className="zl-m-section">
        {uses.isError ? <MobileError error={uses.error} onRetry={() => void uses.refetch()} /> : null}
        {uses.isPending ? <MobileLoading /> : null}
        {uses.data && uses.data.items.length === 0 ? (
          <MobileEmpty title={t('portal.dataUses.empty')} description={t('portal.dataUses.emptyDesc')} />
        ) : null}
        {uses.data?.items.length ? <DataUseList items={uses.data.items} /> : null}
      </section>
    </div>
  );
}
