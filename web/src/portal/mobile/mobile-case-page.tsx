import { useState } from 'react';
import { ExclamationCircleFilled, LeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Dialog, List, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { attachmentUrl } from '../../shared/forms/attachments';
import { MobileSchemaForm } from '../../shared/forms/mobile-schema-form';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { answerText, caseTimeline, formatMinute, portalPaths, prefillLabel, TIME_TONES, type TimelineEntry } from '../case-format';
import type { CaseView } from '../case-queries';
import { useCasePage } from '../case-state';
import { daysLabel } from '../service-format';
import { MobilePrefillTag } from './mobile-apply-form';
import { MobileCaseStatusTag } from './mobile-case-rows';
import { MobileRatingCard } from './mobile-rating-card';
import { MobileCertificateCard } from './mobile-wallet-page';
import { useBack } from '../use-back';

type Page = ReturnType<typeof useCasePage>;

const STEP_STATUS: Record<TimelineEntry['tone'], 'finish' | 'error' | 'process' | 'wait'> = {
  done: 'finish',
  refused: 'error',
  attention: 'process',
  pending: 'wait',
};

function MobileTimeline({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return (
    <Steps direction="vertical" className="zl-m-case-steps" data-testid="case-timeline">
      {caseTimeline(view, t).map((entry) => (
        <Steps.Step
          key={entry.key}
          status={STEP_STATUS[entry.tone]}
          title={<span data-testid="case-event">{entry.title}</span>}
          description={
            <>
              {entry.detail ? <div className="zl-case-event-detail">{entry.detail}</div> : null}
              {entry.at ? <div className="zl-case-event-at">{formatMinute(entry.at)}</div> : null}
            </>
          }
        />
      ))}
    </Steps>
  );
}

function WithdrawAction({ page }: { page: Page }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ok = page.withdrawReasonOk(reason);
  const confirm = () => {
    setTried(true);
    if (!ok) return;
    page.withdraw.mutate(reason.trim(), {
      onSuccess: () => {
        setOpen(false);
        Toast.show({ icon: 'success', content: t('portal.cases.withdraw.done') });
      },
      onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
    });
  };
  return (
    <>
      <Button block color="danger" fill="outline" onClick={() => setOpen(true)} data-testid="case-withdraw">
        {t('portal.cases.withdraw.button')}
      </Button>
      <div className="zl-m-case-hint">{t('portal.cases.withdraw.hint')}</div>
      <Dialog
        visible={open}
        title={t('portal.cases.withdraw.title')}
        onClose={() => setOpen(false)}
        closeOnMaskClick
        content={
          <div>
            <TextArea
              value={reason}
              onChange={setReason}
              placeholder={t('portal.cases.withdraw.placeholder')}
              maxLength={500}
              showCount
              autoSize={{ minRows: 3, maxRows: 6 }}
              aria-label={t('portal.cases.withdraw.reason')}
              data-testid="case-withdraw-reason"
            />
            {tried && !ok ? <div className="zl-case-field-error">{t('portal.cases.withdraw.tooShort')}</div> : null}
          </div>
        }
        actions={[
          [
            { key: 'cancel', text: t('common.cancel'), onClick: () => setOpen(false) },
            {
              key: 'confirm',
              text: <span data-testid="case-withdraw-confirm">{t('portal.cases.withdraw.confirm')}</span>,
              danger: true,
              bold: true,
              disabled: page.withdraw.isPending,
              onClick: confirm,
            },
          ],
        ]}
      />
    </>
  );
}

function Supplement({ page, view }: { page: Page; view: CaseView }) {
  const { t } = useTranslation();
  const supplement = page.supplement;
  return (
    <section className="zl-m-section zl-m-case-supplement" data-testid="case-supplement">
      <h2 className="zl-m-section-title">
        <ExclamationCircleFilled style={{ color: 'var(--adm-color-warning)' }} /> {t('portal.cases.supplement.title')}
      </h2>
      <p className="zl-m-case-hint">{t('portal.cases.supplement.intro')}</p>
      <div className="zl-case-supplement-reason" data-testid="case-supplement-reason">
        {view.supplementReason}
      </div>
      {supplement.model ? (
        <MobileSchemaForm
          schema={supplement.model.schema}
          initialValues={supplement.model.initial}
          onSubmit={(values) =>
            supplement.submit(values, () => Toast.show({ icon: 'success', content: t('portal.cases.supplement.done') }))
          }
          submitting={supplement.mutation.isPending}
          serverIssues={supplement.issues}
          submitText={t('portal.cases.supplement.submit')}
          submitTestId="case-supplement-submit"
        />
      ) : (
        <MobileLoading />
      )}
      {supplement.nothingGiven ? (
        <div className="zl-m-apply-notice is-error" role="alert">
          {t('portal.cases.supplement.nothing')}
        </div>
      ) : null}
      {supplement.mutation.isError && !supplement.issues ? (
        <div className="zl-m-apply-notice is-error" role="alert">
          {errorMessage(supplement.mutation.error, t)}
        </div>
      ) : null}
    </section>
  );
}

function MobileCaseBody({ page, view }: { page: Page; view: CaseView }) {
  const { t } = useTranslation();
  const applicant = hasPermission(useMe(), 'portal.use');
  const navigate = useNavigate();
  const refused = view.status === 'refused';
  const sources = new Map(view.prefilled.map((p) => [p.field, p]));
  const open = view.status === 'submitted' || view.status === 'handling';
  return (
    <>
      <section className="zl-m-section zl-m-case-head">
        <h1 className="zl-m-apply-title">{view.serviceName}</h1>
        <div className="zl-m-svc-tags">
          <MobileCaseStatusTag status={view.status} testId="case-status" />
          {view.timeState && open ? (
            <Tag color={TIME_TONES[view.timeState]} fill="outline" data-testid="case-time-state">
              {t(`portal.cases.timeState.${view.timeState}`)}
            </Tag>
          ) : null}
        </div>
        <dl className="zl-m-svc-facts">
          <dt>{t('portal.cases.caseNo')}</dt>
          <dd data-testid="case-no">{view.caseNo}</dd>
          <dt>{t('portal.cases.org')}</dt>
          <dd>{view.orgName}</dd>
          <dt>{t('portal.cases.submittedAt')}</dt>
          <dd>{formatMinute(view.submittedAt)}</dd>
          <dt>{t('portal.cases.promised')}</dt>
          <dd>{daysLabel(view.promisedDays, t)}</dd>
          {view.dueAt && !view.finishedAt ? (
            <>
              <dt>{t('portal.cases.dueAt')}</dt>
              <dd>{formatMinute(view.dueAt)}</dd>
            </>
          ) : null}
          {view.finishedAt ? (
            <>
              <dt>{t('portal.cases.finishedAt')}</dt>
              <dd>{formatMinute(view.finishedAt)}</dd>
            </>
          ) : null}
        </dl>
        {refused ? (
          <div className="zl-m-apply-notice is-error" data-testid="case-refusal">
            {t('portal.cases.refusal', { stage: view.refusedStage ?? t('portal.cases.status.refused'), reason: view.refusedReason ?? '' })}
          </div>
        ) : null}
        <div className="zl-m-case-actions">
          {view.status === 'submitted' ? <WithdrawAction page={page} /> : null}
          {refused && !view.supersededBy ? (
            <Button
              block
              color="primary"
              onClick={() => navigate(portalPaths.applyService('/m/portal', view.serviceCode, view.id))}
              data-testid="case-resubmit"
            >
              {t('portal.cases.resubmit')}
            </Button>
          ) : null}
          {view.supersededBy ? (
            <Button block fill="outline" onClick={() => navigate(portalPaths.case('/m/portal', view.supersededBy!))}>
              {t('portal.cases.viewNew')}
            </Button>
          ) : null}
          {applicant ? (
            <Button
              block
              fill="none"
              size="small"
              color="primary"
              onClick={() => navigate(portalPaths.complaints('/m/portal', view.id))}
              data-testid="case-complain"
            >
              {t('portal.complaints.fromCase')}
            </Button>
          ) : null}
        </div>
      </section>
      {view.supplementReason ? <Supplement page={page} view={view} /> : null}
      <MobileRatingCard view={view} />
      <section className="zl-m-section">
        <h2 className="zl-m-section-title">{t('portal.cases.history')}</h2>
        <MobileTimeline view={view} />
      </section>
      {view.certificateIds.length || view.resultName ? (
        <section className="zl-m-section" data-testid="case-results">
          <h2 className="zl-m-section-title">{t('portal.cases.results')}</h2>
          {page.certificates.items.map((certificate) => (
            <MobileCertificateCard key={certificate.id} certificate={certificate} />
          ))}
          {view.certificateIds.length === 0 ? (
            <p className="zl-m-case-hint">{t('portal.cases.resultPending', { name: view.resultName })}</p>
          ) : null}
          {view.certificateIds.length && page.certificates.query.isPending ? <MobileLoading /> : null}
        </section>
      ) : null}
      <List header={t('portal.cases.answers')} className="zl-m-case-answers">
        {view.answers.map((answer) => {
          const source = sources.get(answer.key);
          return (
            <List.Item
              key={answer.key}
              description={source ? <MobilePrefillTag label={prefillLabel(source, t)} /> : undefined}
              extra={null}
            >
              <div className="zl-m-case-answer-title">{answer.title}</div>
              <div className="zl-m-case-answer">
                {answer.attachment && typeof answer.value === 'string' ? (
                  <a href={attachmentUrl(answer.value)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {t('portal.cases.attachment')}
                  </a>
                ) : (
                  answerText(answer.value)
                )}
              </div>
            </List.Item>
          );
        })}
        {view.exemptMaterials.map((name) => (
          <List.Item key={`exempt-${name}`} description={t('portal.cases.exemptNote')}>
            <div className="zl-m-case-answer-title">{t('portal.cases.exempt')}</div>
            <div className="zl-m-case-answer">{name}</div>
          </List.Item>
        ))}
      </List>
    </>
  );
}

/** 办件 on phones (`/m/portal/cases/:id`): status, time limit, 补正, the history, 撤回 / 重新申报, the certificates issued, 好差评, 投诉建议. */
export function MobileCasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const page = useCasePage(id);
  const view = page.view;
  const back = useBack(() =>
    view.data?.bundleApplicationId
      ? portalPaths.bundleApplication('/m/portal', view.data.bundleApplicationId)
      : portalPaths.cases('/m/portal'),
  );
  return (
    <div data-testid="case-page">
      <Button fill="none" size="small" className="zl-m-svc-back" onClick={back}>
        <LeftOutlined /> {t('portalServices.back')}
      </Button>
      {view.isError ? <MobileError error={view.error} onRetry={() => void view.refetch()} /> : null}
      {view.isPending ? <MobileLoading /> : null}
      {view.data ? <MobileCaseBody page={page} view={view.data} /> : null}
    </div>
  );
}
