import { useTranslation } from 'react-i18next';
import { EmptyBlock, ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { useMyDataUses } from '../feedback-queries';
import { DataUseList } from '../feedback-parts';

/** 谁用了我的数据 (`/portal/data-uses`): every read of my data through the public data platform, the newest first. */
export function DataUsesPage() {
  const { t } = useTranslation();
  const uses = useMyDataUses();
  return (
    <Panel title={t('portal.dataUses.title')} testId="portal-data-uses">
      <p className="zl-feedback-intro" data-testid="data-uses-intro">
        {t('portal.dataUses.intro')}
      </p>
      {uses.isError ? <ErrorBlock error={uses.error} onRetry={() => void uses.refetch()} /> : null}
      {uses.isPending ? <LoadingBlock /> : null}
      {uses.data && uses.data.items.length === 0 ? (
        <EmptyBlock title={t('portal.dataUses.empty')} description={t('portal.dataUses.emptyDesc')} />
      ) : null}
      {uses.data?.items.length ? <DataUseList items={uses.data.items} /> : null}
    </Panel>
  );
}
