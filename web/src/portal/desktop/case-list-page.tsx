import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { myCaseRows } from '../case-format';
import { useMyCases } from '../case-queries';
import { CaseRows } from './case-rows';

/** 我的办件 (`/portal/cases`): 一件事 applications and single cases, the newest first. */
export function CaseListPage() {
  const { t } = useTranslation();
  const mine = useMyCases();
  const rows = mine.data ? myCaseRows(mine.data.cases, mine.data.bundles) : [];
  return (
    <Panel title={t('portal.cases.title')} extra={<Link to="/portal/services">{t('portal.home.allServices')}</Link>} testId="portal-cases">
      {mine.isError ? <ErrorBlock error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {mine.isPending ? <LoadingBlock /> : null}
      {mine.data && rows.length === 0 ? <EmptyBlock title={t('portal.cases.empty')} description={t('portal.cases.emptyDesc')} /> : null}
      {rows.length ? <CaseRows rows={rows} /> : null}
    </Panel>
  );
}
