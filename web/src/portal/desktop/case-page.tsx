import { useState } from 'react';
import { ExclamationCircleFilled, PaperClipOutlined } from '@ant-design/icons';
import { Alert, App, Breadcrumb, Button, Descriptions, Input, Modal, Tag, Timeline, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { attachmentUrl } from '../../shared/forms/attachments';
import { SchemaForm } from '../../shared/forms/schema-form';
import { ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import {
  antdColor,
  answerText,
  caseTimeline,
  formatMinute,
  portalPaths,
  prefillLabel,
  TIME_TONES,
  type TimelineEntry,
} from '../case-format';
import type { CaseView } from '../case-queries';
import { useCasePage } from '../case-state';
import { daysLabel } from '../service-format';
import { CaseStatusTag } from './case-rows';
import { PrefillTag } from './apply-form';
import { RatingCardPanel } from './rating-card';
import { CertificateCard } from './wallet-page';

const TIMELINE_COLORS: Record<TimelineEntry['tone'], string> = { done: 'green', refused: 'red', attention: 'orange', pending: 'gray' };

function CaseTimeline({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  return (
    <div data-testid="case-timeline">
      <Timeline
        items={caseTimeline(view, t).map((entry) => ({
          key: entry.key,
          color: TIMELINE_COLORS[entry.tone],
          children: (
            <div className={`zl-case-event is-${entry.tone}`} data-testid="case-event">
              <div className="zl-case-event-title">{entry.title}</div>
              {entry.detail ? <div className="zl-case-event-detail">{entry.detail}</div> : null}
              {entry.at ? <div className="zl-case-event-at">{formatMinute(entry.at)}</div> : null}
            </div>
          ),
        }))}
      />
    </div>
  );
}

function WithdrawButton({
  onConfirm,
  pending,
  valid,
}: {
  onConfirm: (reason: string, done: () => void) => void;
  pending: boolean;
  valid: (reason: string) => boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ok = valid(reason);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="case-withdraw">
        {t('portal.cases.withdraw.button')}
      </Button>
      <Modal
        open={open}
        title={t('portal.cases.withdraw.title')}
        okText={t('portal.cases.withdraw.confirm')}
        okButtonProps={{ danger: true, loading: pending, 'data-testid': 'case-withdraw-confirm' } as ButtonProps}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => {
          setTried(true);
          if (ok) onConfirm(reason.trim(), () => setOpen(false));
        }}
        destroyOnHidden
      >
        <p>{t('portal.cases.withdraw.hint')}</p>
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          value={reason}
          placeholder={t('portal.cases.withdraw.placeholder')}
          onChange={(event) => setReason(event.target.value)}
          status={tried && !ok ? 'error' : undefined}
          aria-label={t('portal.cases.withdraw.reason')}
          data-testid="case-withdraw-reason"
        />
        {tried && !ok ? <div className="zl-case-field-error">{t('portal.cases.withdraw.tooShort')}</div> : null}
      </Modal>
    </>
  );
}

function CaseBody({ page, view }: { page: ReturnType<typeof useCasePage>; view: CaseView }) {
  const { t } = useTranslation();
  const applicant = hasPermission(useMe(), 'portal.use');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const refused = view.status === 'refused';
  const sources = new Map(view.prefilled.map((p) => [p.field, p]));
  return (
    <>
      <Breadcrumb
        className="zl-svc-crumbs"
        items={[
          { key: 'cases', title: <Link to="/portal/cases">{t('portal.nav.cases')}</Link> },
          ...(view.bundleApplicationId
            ? [
                {
                  key: 'bundle',
                  title: <Link to={portalPaths.bundleApplication('/portal', view.bundleApplicationId)}>{t('portal.cases.bundleTag')}</Link>,
                },
              ]
            : []),
          { key: 'case', title: view.serviceName },
        ]}
      />
      <Panel>
        <header className="zl-case-head">
          <div>
            <h1 className="zl-case-title">{view.serviceName}</h1>
            <div className="zl-case-tags">
              <CaseStatusTag status={view.status} testId="case-status" />
              {view.timeState && (view.status === 'submitted' || view.status === 'handling') ? (
                <Tag color={antdColor(TIME_TONES[view.timeState])} data-testid="case-time-state">
                  {t(`portal.cases.timeState.${view.timeState}`)}
                </Tag>
              ) : null}
            </div>
          </div>
          <div className="zl-case-actions">
            {view.status === 'submitted' ? (
              <WithdrawButton
                pending={page.withdraw.isPending}
                valid={page.withdrawReasonOk}
                onConfirm={(reason, done) =>
                  page.withdraw.mutate(reason, {
                    onSuccess: () => {
                      done();
                      void message.success(t('portal.cases.withdraw.done'));
                    },
                    onError: (error) => void message.error(errorMessage(error, t)),
                  })
                }
              />
            ) : null}
            {refused && !view.supersededBy ? (
              <Button
                type="primary"
                onClick={() => navigate(portalPaths.applyService('/portal', view.serviceCode, view.id))}
                data-testid="case-resubmit"
              >
                {t('portal.cases.resubmit')}
              </Button>
            ) : null}
            {view.supersededBy ? <Link to={portalPaths.case('/portal', view.supersededBy)}>{t('portal.cases.viewNew')}</Link> : null}
            {applicant ? (
              <Link to={portalPaths.complaints('/portal', view.id)} data-testid="case-complain">
                {t('portal.complaints.fromCase')}
              </Link>
            ) : null}
          </div>
        </header>
        {refused ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('portal.cases.refusal', {
              stage: view.refusedStage ?? t('portal.cases.status.refused'),
              reason: view.refusedReason ?? '',
            })}
            data-testid="case-refusal"
          />
        ) : null}
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          items={[
            { key: 'no', label: t('portal.cases.caseNo'), children: <span data-testid="case-no">{view.caseNo}</span> },
            { key: 'org', label: t('portal.cases.org'), children: view.orgName },
            { key: 'at', label: t('portal.cases.submittedAt'), children: formatMinute(view.submittedAt) },
            { key: 'promised', label: t('portal.cases.promised'), children: daysLabel(view.promisedDays, t) },
            ...(view.dueAt && !view.finishedAt ? [{ key: 'due', label: t('portal.cases.dueAt'), children: formatMinute(view.dueAt) }] : []),
            ...(view.finishedAt ? [{ key: 'done', label: t('portal.cases.finishedAt'), children: formatMinute(view.finishedAt) }] : []),
          ]}
        />
      </Panel>
      {view.supplementReason ? (
        <Panel
          title={
            <>
              <ExclamationCircleFilled style={{ color: '#fa8c16' }} /> {t('portal.cases.supplement.title')}
            </>
          }
          testId="case-supplement"
        >
          <Alert
            type="warning"
            message={t('portal.cases.supplement.intro')}
            description={<strong data-testid="case-supplement-reason">{view.supplementReason}</strong>}
            style={{ marginBottom: 16 }}
          />
          {page.supplement.model ? (
            <SchemaForm
              schema={page.supplement.model.schema}
              initialValues={page.supplement.model.initial}
              onSubmit={(values) => page.supplement.submit(values, () => void message.success(t('portal.cases.supplement.done')))}
              submitting={page.supplement.mutation.isPending}
              serverIssues={page.supplement.issues}
              submitText={t('portal.cases.supplement.submit')}
              submitTestId="case-supplement-submit"
            />
          ) : (
            <LoadingBlock />
          )}
          {page.supplement.nothingGiven ? (
            <Alert type="error" showIcon style={{ marginTop: 12 }} message={t('portal.cases.supplement.nothing')} />
          ) : null}
          {page.supplement.mutation.isError && !page.supplement.issues ? (
            <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(page.supplement.mutation.error, t)} />
          ) : null}
        </Panel>
      ) : null}
      <RatingCardPanel view={view} />
      <Panel title={t('portal.cases.history')}>
        <CaseTimeline view={view} />
      </Panel>
      {view.certificateIds.length || view.resultName ? (
        <Panel title={t('portal.cases.results')} testId="case-results">
          {page.certificates.items.length ? (
            <div className="zl-cert-grid">
              {page.certificates.items.map((certificate) => (
                <CertificateCard key={certificate.id} certificate={certificate} />
              ))}
            </div>
          ) : view.certificateIds.length ? (
            page.certificates.query.isError ? (
              <ErrorBlock error={page.certificates.query.error} />
            ) : (
              <LoadingBlock />
            )
          ) : (
            <p className="zl-apply-none">{t('portal.cases.resultPending', { name: view.resultName })}</p>
          )}
        </Panel>
      ) : null}
      <Panel title={t('portal.cases.answers')}>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={view.answers.map((answer) => {
            const source = sources.get(answer.key);
            return {
              key: answer.key,
              label: answer.title,
              children: (
                <span className="zl-case-answer">
                  {answer.attachment && typeof answer.value === 'string' ? (
                    <a href={attachmentUrl(answer.value)} target="_blank" rel="noreferrer">
                      <PaperClipOutlined /> {t('portal.cases.attachment')}
                    </a>
                  ) : (
                    answerText(answer.value)
                  )}
                  {source ? <PrefillTag label={prefillLabel(source, t)} /> : null}
                </span>
              ),
            };
          })}
        />
        {view.exemptMaterials.length ? (
          <>
            <h3 className="zl-apply-section">{t('portal.cases.exempt')}</h3>
            <ul className="zl-apply-exempt">
              {view.exemptMaterials.map((name) => (
                <li key={name}>
                  <span className="zl-apply-exempt-name">{name}</span>
                  <span className="zl-apply-exempt-by">{t('portal.cases.exemptNote')}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Panel>
    </>
  );
}

/** 办件 (`/portal/cases/:id`): status, time limit, 补正, the history, 撤回 / 重新申报, the certificates issued, 好差评, 投诉建议. */
export function CasePage() {
  const { id = '' } = useParams();
  const page = useCasePage(id);
  const view = page.view;
  return (
    <div className="zl-case" data-testid="case-page">
      {view.isError ? <ErrorBlock error={view.error} onRetry={() => void view.refetch()} /> : null}
      {view.isPending ? <LoadingBlock /> : null}
      {view.data ? <CaseBody page={page} view={view.data} /> : null}
    </div>
  );
}
