import { LeftOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { formatMinute, partsInOrder, portalPaths } from '../case-format';
import { useBundleApplication, type BundleApplication, type CaseSummary } from '../case-queries';
import { daysLabel } from '../service-format';
import { MobileCaseStatusTag } from './mobile-case-rows';
import { useBack } from '../use-back';

function MobilePart({ part }: { part: CaseSummary }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const superseded = Boolean(part.supersededBy);
  return (
    <li
      className={`zl-bundle-part zl-m-bundle-part${superseded ? ' is-superseded' : ''}`}
      data-testid="bundle-part"
      data-service={part.serviceCode}
    >
      <button type="button" className="zl-m-bundle-part-open" onClick={() => navigate(portalPaths.case('/m/portal', part.id))}>
        <span className="zl-bundle-part-head">
          <span className="zl-bundle-part-name">{part.serviceName}</span>
          <MobileCaseStatusTag status={part.status} testId="bundle-part-status" />
          {superseded ? <Tag fill="outline">{t('portal.cases.resubmitted')}</Tag> : null}
        </span>
        <span className="zl-m-case-meta">
          <span>{part.orgName}</span>
          <span>
            {t('portal.cases.caseNo')} {part.caseNo}
          </span>
          <span>
            {t('portal.cases.promised')} {daysLabel(part.promisedDays, t)}
          </span>
        </span>
      </button>
      {part.status === 'refused' ? (
        <div className={`zl-m-apply-notice ${superseded ? 'is-info' : 'is-error'}`}>
          <div>
            {t('portal.cases.refusal', { stage: part.refusedStage ?? t('portal.cases.status.refused'), reason: part.refusedReason ?? '' })}
          </div>
          {superseded ? (
            <Button size="small" fill="outline" onClick={() => navigate(portalPaths.case('/m/portal', part.supersededBy!))}>
              {t('portal.cases.viewNew')}
            </Button>
          ) : (
            <Button
              size="small"
              color="primary"
              onClick={() => navigate(portalPaths.applyService('/m/portal', part.serviceCode, part.id))}
              data-testid="case-resubmit"
            >
              {t('portal.cases.resubmit')}
            </Button>
          )}
        </div>
      ) : null}
    </li>
  );
}

function MobileBundleApplication({ application }: { application: BundleApplication }) {
  const { t } = useTranslation();
  return (
    <>
      <section className="zl-m-section zl-m-case-head">
        <h1 className="zl-m-apply-title">{application.name}</h1>
        <div className="zl-m-svc-tags">
          <Tag color="warning" fill="outline">
            {t('portal.cases.bundleTag')}
          </Tag>
          <MobileCaseStatusTag status={application.status} testId="case-status" />
        </div>
        <dl className="zl-m-svc-facts">
          <dt>{t('portal.cases.caseNo')}</dt>
          <dd data-testid="case-no">{application.caseNo}</dd>
          <dt>{t('portal.cases.submittedAt')}</dt>
          <dd>{formatMinute(application.submittedAt)}</dd>
        </dl>
      </section>
      <section className="zl-m-section">
        <h2 className="zl-m-section-title">{t('portal.cases.bundle.parts')}</h2>
        <ul className="zl-bundle-parts" data-testid="bundle-parts">
          {partsInOrder(application.parts).map((part) => (
            <MobilePart key={part.id} part={part} />
          ))}
        </ul>
      </section>
    </>
  );
}

/** 一件事 application on phones (`/m/portal/cases/bundles/:id`): one overall status, each department's part. */
export function MobileBundleApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useBundleApplication(id);
  const back = useBack(() => portalPaths.cases('/m/portal'));
  return (
    <div data-testid="bundle-application-page">
      <Button fill="none" size="small" className="zl-m-svc-back" onClick={back}>
        <LeftOutlined /> {t('portalServices.back')}
      </Button>
      {application.isError ? <MobileError error={application.error} onRetry={() => void application.refetch()} /> : null}
      {application.isPending ? <MobileLoading /> : null}
      {application.data ? <MobileBundleApplication application={application.data} /> : null}
    </div>
  );
}
