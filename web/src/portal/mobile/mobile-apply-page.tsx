import { useEffect } from 'react';
import { LeftOutlined } from '@ant-design/icons';
import { Button, Checkbox, NoticeBar, Steps, Tag } from 'antd-mobile';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useApplyPage, type ApplyFailure } from '../apply-state';
import { consentData, portalPaths } from '../case-format';
import type { ApplicationForm, ApplyTarget } from '../case-queries';
import { daysLabel } from '../service-format';
import { MobileApplyForm } from './mobile-apply-form';
import { useBack } from '../use-back';

function FailureNotice({ failure, onRetry, t }: { failure: ApplyFailure | null; onRetry: () => void; t: TFunction }) {
  if (!failure) return null;
  switch (failure.kind) {
    case 'invalid':
      return (
        <div className="zl-m-apply-notice is-error" role="alert" data-testid="apply-error">
          {t('portal.apply.invalid')}
        </div>
      );
    case 'retry':
      return (
        <div className="zl-m-apply-notice is-warning" role="alert" data-testid="apply-error">
          <div>{t('portal.apply.retryHint')}</div>
          <Button size="small" color="warning" fill="outline" onClick={onRetry} data-testid="apply-retry">
            {t('portal.apply.retry')}
          </Button>
        </div>
      );
    case 'maybeSubmitted':
      return (
        <div className="zl-m-apply-notice is-warning" role="alert" data-testid="apply-error">
          <div>{t('portal.apply.maybeSubmitted')}</div>
          <Link to={portalPaths.cases('/m/portal')}>{t('portal.apply.toMyCases')}</Link>
        </div>
      );
    case 'other':
      return (
        <div className="zl-m-apply-notice is-error" role="alert" data-testid="apply-error">
          {t('portal.apply.failed', { reason: errorMessage(failure.error, t) })}
        </div>
      );
  }
}

function MobileConsent({ form, checked, onChange }: { form: ApplicationForm; checked: boolean; onChange: (next: boolean) => void }) {
  const { t } = useTranslation();
  const data = consentData(form.reads, form.exemptMaterials);
  return (
    <section className="zl-m-section zl-m-apply-consent" data-testid="apply-consent-panel">
      <h2 className="zl-m-section-title">{t('portal.apply.consentTitle')}</h2>
      <p className="zl-apply-consent-text" data-testid="apply-consent-text">
        {t('portal.apply.consentText', { data: data.join('、') })}
      </p>
      <h3 className="zl-m-apply-subtitle">{t('portal.apply.consentParts')}</h3>
      <ul className="zl-apply-parts">
        {form.parts.map((part) => (
          <li key={part.code}>
            <span className="zl-apply-part-name">{part.name}</span>
            <span className="zl-apply-part-org">
              {part.orgName} · {daysLabel(part.promisedDays, t)}
            </span>
          </li>
        ))}
      </ul>
      <Checkbox checked={checked} onChange={onChange} className="zl-m-apply-check" data-testid="apply-consent">
        {t('portal.apply.consentCheck')}
      </Checkbox>
    </section>
  );
}

function MobileApplyPage({ target }: { target: ApplyTarget }) {
  const { t } = useTranslation();
  const page = useApplyPage(target, '/m/portal');
  const { form, earlier, model } = page;
  const earlierCase = earlier?.data;
  const back = useBack(() =>
    target.kind === 'bundle' ? portalPaths.bundle('/m/portal', target.code) : portalPaths.guide('/m/portal', target.code),
  );

  // Once agreed, the form is what comes next: bring it into view.
  useEffect(() => {
    if (page.consent) document.querySelector('[data-testid="apply-form"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [page.consent]);

  return (
    <div className="zl-m-apply" data-testid="apply-page" data-target={`${target.kind}:${target.code}`}>
      <Button fill="none" size="small" className="zl-m-svc-back" onClick={back}>
        <LeftOutlined /> {t('portalServices.back')}
      </Button>
      <section className="zl-m-section">
        <p className="zl-m-svc-kicker">{earlier ? t('portal.apply.resubmitTitle') : t('portal.apply.title')}</p>
        <h1 className="zl-m-apply-title" data-testid="apply-name">
          {page.name}
        </h1>
        <div className="zl-m-svc-tags">
          {target.kind === 'bundle' ? <Tag color="warning">{t('portal.apply.bundleTag')}</Tag> : null}
          {earlier ? <Tag color="danger">{t('portal.apply.resubmitTitle')}</Tag> : null}
        </div>
        {earlierCase ? (
          <p className="zl-m-apply-earlier">
            {t('portal.apply.resubmitOf', {
              caseNo: earlierCase.caseNo,
              stage: earlierCase.refusedStage ?? '',
              reason: earlierCase.refusedReason ?? '',
            })}
          </p>
        ) : null}
        <Steps current={page.step} className="zl-m-apply-steps">
          <Steps.Step title={t('portal.apply.steps.consent')} />
          <Steps.Step title={t('portal.apply.steps.fill')} />
          <Steps.Step title={t('portal.apply.steps.submit')} />
        </Steps>
      </section>
      {form.isError ? <MobileError error={form.error} onRetry={() => void form.refetch()} /> : null}
      {earlier?.isError ? <MobileError error={earlier.error} onRetry={() => void earlier.refetch()} /> : null}
      {!model && !form.isError && !earlier?.isError ? <MobileLoading /> : null}
      {form.data && model ? (
        <>
          <MobileConsent form={form.data} checked={page.consent} onChange={page.setConsent} />
          {page.consent ? (
            <>
              {form.data.unavailable.length ? <NoticeBar content={t('portal.apply.unavailable')} color="info" wrap /> : null}
              <MobileApplyForm
                model={model}
                exempt={form.data.exemptMaterials}
                issues={page.failure?.kind === 'invalid' ? page.failure.issues : null}
                submitting={page.submitting}
                onSubmit={page.submit}
                notice={<FailureNotice failure={page.failure} onRetry={page.retry} t={t} />}
              />
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** 在线申请 of a service on phones (`/m/portal/services/:code/apply`, `?resubmitOf=` a refused case of it). */
export function MobileServiceApplyPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const resubmitOf = params.get('resubmitOf') ?? undefined;
  return <MobileApplyPage key={`${code}-${resubmitOf ?? ''}`} target={{ kind: 'service', code, resubmitOf }} />;
}

/** 在线申请 of a 一件事 bundle on phones (`/m/portal/services/bundles/:code/apply`). */
export function MobileBundleApplyPage() {
  const { code = '' } = useParams();
  return <MobileApplyPage key={code} target={{ kind: 'bundle', code }} />;
}
