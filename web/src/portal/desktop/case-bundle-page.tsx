import { Alert, Breadcrumb, Button, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { formatMinute, partsInOrder, portalPaths } from '../case-format';
import { useBundleApplication, type BundleApplication, type CaseSummary } from '../case-queries';
import { daysLabel } from '../service-format';
import { CaseStatusTag } from './case-rows';

function Part({ part }: { part: CaseSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const superseded = Boolean(part.supersededBy);
  return (
    <li className={`zl-bundle-part${superseded ? ' is-superseded' : ''}`} data-testid="bundle-part" data-service={part.serviceCode}>
      <div className="zl-bundle-part-head">
        <Link to={portalPaths.case('/portal', part.id)} className="zl-bundle-part-name">
          {part.serviceName}
        </Link>
        <CaseStatusTag status={part.status} testId="bundle-part-status" />
        {superseded ? <Tag>{t('portal.cases.resubmitted')}</Tag> : null}
      </div>
      <div className="zl-case-row-meta">
        <span>{part.orgName}</span>
        <span>
          {t('portal.cases.caseNo')} {part.caseNo}
        </span>
        <span>
          {t('portal.cases.promised')} {daysLabel(part.promisedDays, t)}
        </span>
      </div>
      {part.status === 'refused' ? (
        <Alert
          type={superseded ? 'info' : 'error'}
          showIcon
          className="zl-bundle-part-refusal"
          message={t('portal.cases.refusal', {
            stage: part.refusedStage ?? t('portal.cases.status.refused'),
            reason: part.refusedReason ?? '',
          })}
          action={
            superseded ? (
              <Link to={portalPaths.case('/portal', part.supersededBy!)}>{t('portal.cases.viewNew')}</Link>
            ) : (
              <Button
                size="small"
                type="primary"
                onClick={() => navigate(portalPaths.applyService('/portal', part.serviceCode, part.id))}
                data-testid="case-resubmit"
              >
                {t('portal.cases.resubmit')}
              </Button>
            )
          }
        />
      ) : null}
    </li>
  );
}

function BundleApplicationView({ application }: { application: BundleApplication }) {
  const { t } = useTranslation();
  return (
    <>
      <Breadcrumb
        className="zl-svc-crumbs"
        items={[
          { key: 'cases', title: <Link to="/portal/cases">{t('portal.nav.cases')}</Link> },
          { key: 'bundle', title: application.name },
        ]}
      />
      <Panel>
        <header className="zl-case-head">
          <div>
            <h1 className="zl-case-title">{application.name}</h1>
            <div className="zl-case-tags">
              <Tag color="orange">{t('portal.cases.bundleTag')}</Tag>
              <CaseStatusTag status={application.status} testId="case-status" />
            </div>
          </div>
        </header>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          items={[
            { key: 'no', label: t('portal.cases.caseNo'), children: <span data-testid="case-no">{application.caseNo}</span> },
            { key: 'at', label: t('portal.cases.submittedAt'), children: formatMinute(application.submittedAt) },
          ]}
        />
      </Panel>
      <Panel
        title={t('portal.cases.bundle.parts')}
        extra={t('portal.cases.bundle.partsCount', { n: application.parts.filter((p) => !p.supersededBy).length })}
      >
        <ul className="zl-bundle-parts" data-testid="bundle-parts">
          {partsInOrder(application.parts).map((part) => (
            <Part key={part.id} part={part} />
          ))}
        </ul>
      </Panel>
    </>
  );
}

/** 一件事 application (`/portal/cases/bundles/:id`): one overall status, each department's part. */
export function BundleApplicationPage() {
  const { id = '' } = useParams();
  const application = useBundleApplication(id);
  return (
    <div className="zl-case" data-testid="bundle-application-page">
      {application.isError ? <ErrorBlock error={application.error} onRetry={() => void application.refetch()} /> : null}
      {application.isPending ? <LoadingBlock /> : null}
      {application.data ? <BundleApplicationView application={application.data} /> : null}
    </div>
  );
}
