import { Alert, Breadcrumb, Button, Checkbox, Steps, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { useApplyPage, type ApplyFailure } from '../apply-state';
import { consentData, portalPaths } from '../case-format';
import type { ApplicationForm, ApplyTarget } from '../case-queries';
import { daysLabel } from '../service-format';
import { ApplyForm } from './apply-form';

function FailureNotice({ failure, onRetry, t }: { failure: ApplyFailure | null; onRetry: () => void; t: TFunction }) {
  if (!failure) return null;
  const common = { showIcon: true, style: { marginBottom: 16 }, 'data-testid': 'apply-error' } as const;
  switch (failure.kind) {
    case 'invalid':
      return <Alert type="error" {...common} message={t('portal.apply.invalid')} />;
    case 'retry':
      return (
        <Alert
          type="warning"
          {...common}
          message={t('portal.apply.retryHint')}
          action={
            <Button size="small" onClick={onRetry} data-testid="apply-retry">
              {t('portal.apply.retry')}
            </Button>
          }
        />
      );
    case 'maybeSubmitted':
      return (
        <Alert
          type="warning"
          {...common}
          message={t('portal.apply.maybeSubmitted')}
          action={<Link to={portalPaths.cases('/portal')}>{t('portal.apply.toMyCases')}</Link>}
        />
      );
    case 'other':
      return <Alert type="error" {...common} message={t('portal.apply.failed', { reason: errorMessage(failure.error, t) })} />;
  }
}

function Consent({ form, checked, onChange }: { form: ApplicationForm; checked: boolean; onChange: (next: boolean) => void }) {
  const { t } = useTranslation();
  const data = consentData(form.reads, form.exemptMaterials);
  return (
    <Panel title={t('portal.apply.consentTitle')} testId="apply-consent-panel">
      <p className="zl-apply-consent-text" data-testid="apply-consent-text">
        {t('portal.apply.consentText', { data: data.join('、') })}
      </p>
      <h3 className="zl-apply-section">{t('portal.apply.consentParts')}</h3>
      <ul className="zl-apply-parts">
        {form.parts.map((part) => (
          <li key={part.code}>
            <span className="zl-apply-part-name">{part.name}</span>
            <span className="zl-apply-part-org">{part.orgName}</span>
            <Tag bordered={false}>{daysLabel(part.promisedDays, t)}</Tag>
          </li>
        ))}
      </ul>
      <Checkbox checked={checked} onChange={(event) => onChange(event.target.checked)} data-testid="apply-consent">
        <strong>{t('portal.apply.consentCheck')}</strong>
      </Checkbox>
    </Panel>
  );
}

function ApplyPage({ target }: { target: ApplyTarget }) {
  const { t } = useTranslation();
  const page = useApplyPage(target, '/portal');
  const { form, earlier, model } = page;
  const back =
    target.kind === 'bundle'
      ? { to: portalPaths.bundle('/portal', target.code), label: page.name }
      : { to: portalPaths.guide('/portal', target.code), label: page.name };
  const earlierCase = earlier?.data;
  return (
    <div className="zl-apply" data-testid="apply-page" data-target={`${target.kind}:${target.code}`}>
      <Breadcrumb
        className="zl-svc-crumbs"
        items={[
          { key: 'services', title: <Link to="/portal/services">{t('portal.nav.services')}</Link> },
          ...(page.name ? [{ key: 'target', title: <Link to={back.to}>{back.label}</Link> }] : []),
          { key: 'apply', title: earlier ? t('portal.apply.resubmitTitle') : t('portal.apply.title') },
        ]}
      />
      <Panel>
        <div className="zl-apply-head">
          <h1 className="zl-apply-title" data-testid="apply-name">
            {page.name}
          </h1>
          {target.kind === 'bundle' ? <Tag color="orange">{t('portal.apply.bundleTag')}</Tag> : null}
          {earlier ? <Tag color="red">{t('portal.apply.resubmitTitle')}</Tag> : null}
        </div>
        {earlierCase ? (
          <p className="zl-apply-earlier">
            {t('portal.apply.resubmitOf', {
              caseNo: earlierCase.caseNo,
              stage: earlierCase.refusedStage ?? '',
              reason: earlierCase.refusedReason ?? '',
            })}
          </p>
        ) : null}
        <Steps
          size="small"
          current={page.step}
          items={[
            { title: t('portal.apply.steps.consent') },
            { title: t('portal.apply.steps.fill') },
            { title: t('portal.apply.steps.submit') },
          ]}
        />
      </Panel>
      {form.isError ? <ErrorBlock error={form.error} onRetry={() => void form.refetch()} /> : null}
      {earlier?.isError ? <ErrorBlock error={earlier.error} onRetry={() => void earlier.refetch()} /> : null}
      {!model && !form.isError && !earlier?.isError ? <LoadingBlock /> : null}
      {form.data && model ? (
        <>
          <Consent form={form.data} checked={page.consent} onChange={page.setConsent} />
          {page.consent ? (
            <Panel title={t('portal.apply.steps.fill')} testId="apply-form-panel">
              {form.data.unavailable.length ? (
                <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('portal.apply.unavailable')} />
              ) : null}
              <ApplyForm
                model={model}
                exempt={form.data.exemptMaterials}
                issues={page.failure?.kind === 'invalid' ? page.failure.issues : null}
                submitting={page.submitting}
                onSubmit={page.submit}
                notice={<FailureNotice failure={page.failure} onRetry={page.retry} t={t} />}
              />
            </Panel>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/** 在线申请 of a service (`/portal/services/:code/apply`, `?resubmitOf=` a refused case of it). */
export function ServiceApplyPage() {
  const { code = '' } = useParams();
  const [params] = useSearchParams();
  const resubmitOf = params.get('resubmitOf') ?? undefined;
  return <ApplyPage key={`${code}-${resubmitOf ?? ''}`} target={{ kind: 'service', code, resubmitOf }} />;
}

/** 在线申请 of a 一件事 bundle (`/portal/services/bundles/:code/apply`). */
export function BundleApplyPage() {
  const { code = '' } = useParams();
  return <ApplyPage key={code} target={{ kind: 'bundle', code }} />;
}
