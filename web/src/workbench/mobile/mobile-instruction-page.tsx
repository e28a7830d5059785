import { LeftOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, List, ProgressBar, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../shared/format';
import { formatFileSize } from '../../shared/forms/attachments';
import { MobileError, MobileForbidden, MobileLoading } from '../../shared/mobile/mobile-results';
import { toMobilePath } from '../../shared/paths';
import {
  formatDeadline,
  isForbidden,
  reportFileUrl,
  STEP_COLORS,
  stepView,
  useInstruction,
  type InstructionDetail,
  type RecipientStatus,
} from '../instructions';
import { MobileInstructionActions } from './mobile-instruction-actions';
import { MobileLightTag, MobilePriorityTag } from './mobile-instruction-parts';
import '../instructions.css';
import '../tasks.css';

const RECIPIENT_COLORS: Record<RecipientStatus, string> = {
  assigned: 'default',
  acknowledged: 'primary',
  in_progress: 'primary',
  done: 'success',
};
// antd's named timeline colours, as CSS colours for the phone's own dots.
const DOT_COLORS: Record<string, string> = {
  blue: '#1677ff',
  cyan: '#13c2c2',
  green: '#52c41a',
  orange: '#fa8c16',
  red: '#f5222d',
  gold: '#faad14',
  gray: '#8c8c8c',
};

/** 执行链 on a phone: one vertical line, oldest first, as on the desktop. */
function MobileTimeline({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  return (
    <section className="zl-m-section" data-testid="instruction-timeline">
      <h2 className="zl-m-section-title">{t('workbench.instructions.detail.timeline')}</h2>
      <ol className="zl-m-timeline">
        {detail.timeline.map((step) => {
          const view = stepView(step, t);
          return (
            <li key={step.seq} className="zl-m-timeline-step" data-testid="timeline-step" data-kind={step.kind}>
              <span className="zl-m-timeline-dot" style={{ color: DOT_COLORS[STEP_COLORS[step.kind]] }} aria-hidden />
              <div className="zl-ins-step-title">{view.title}</div>
              {view.detail ? <div>{view.detail}</div> : null}
              {view.text ? (
                <blockquote className="zl-ins-step-words" data-testid="timeline-text">
                  {view.text}
                </blockquote>
              ) : null}
              {view.files.map((file) => (
                <div key={file.id}>
                  <a href={reportFileUrl(detail.id, file.id)} target="_blank" rel="noreferrer">
                    <PaperClipOutlined /> {file.name}
                  </a>{' '}
                  <span className="zl-m-timeline-meta">{formatFileSize(file.size)}</span>
                </div>
              ))}
              <div className="zl-m-timeline-meta">
                {step.actor.name || t('workbench.instructions.detail.system')} · {formatDateTime(step.at)}
              </div>
            </li>
          );
        })}
        {detail.status === 'open' ? (
          <li className="zl-m-timeline-step">
            <span className="zl-m-timeline-dot" style={{ color: '#bfbfbf' }} aria-hidden />
            <div className="zl-m-timeline-meta">{t('workbench.instructions.detail.pending')}</div>
          </li>
        ) : null}
      </ol>
    </section>
  );
}

function MobileInstruction({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  const subjectLink = detail.subject.link ? (toMobilePath(detail.subject.link) ?? detail.subject.link) : null;
  return (
    <>
      <List header={t(`workbench.instructions.subjectType.${detail.subject.type}`)}>
        <List.Item
          extra={
            <Tag color={detail.status === 'open' ? 'primary' : 'default'} data-testid="instruction-status" data-status={detail.status}>
              {t(`workbench.instructions.status.${detail.status}`)}
            </Tag>
          }
          description={subjectLink ? <Link to={subjectLink}>{t('workbench.instructions.detail.openSubject')}</Link> : undefined}
        >
          <span data-testid="instruction-subject">{detail.subject.title}</span>
        </List.Item>
      </List>
      <section className="zl-m-section">
        <blockquote className="zl-ins-text" data-testid="instruction-text">
          {detail.text}
        </blockquote>
      </section>
      <List>
        <List.Item extra={detail.issuer.name}>{t('workbench.instructions.detail.issuer')}</List.Item>
        <List.Item extra={formatDateTime(detail.createdAt)}>{t('workbench.instructions.detail.issuedAt')}</List.Item>
        <List.Item
          extra={
            <span>
              <span className={`zl-ins-deadline is-${detail.light}`} data-testid="instruction-deadline">
                {formatDeadline(detail.deadline)}
              </span>{' '}
              <MobileLightTag item={detail} />
            </span>
          }
        >
          {t('workbench.instructions.detail.deadline')}
        </List.Item>
        {detail.priority !== 'normal' ? (
          <List.Item extra={<MobilePriorityTag priority={detail.priority} />}>{t('workbench.instructions.detail.priority')}</List.Item>
        ) : null}
        <List.Item
          description={<ProgressBar percent={detail.percent} text />}
          extra={t('workbench.instructions.detail.done', { done: detail.doneCount, total: detail.recipientCount })}
        >
          {t('workbench.instructions.detail.progress')}
        </List.Item>
      </List>
      <MobileInstructionActions detail={detail} />
      <List header={t('workbench.instructions.detail.recipients')} data-testid="instruction-recipients">
        {detail.recipients.map((r) => (
          <List.Item
            key={r.id}
            description={
              <div>
                <ProgressBar percent={r.percent} text />
                {r.acknowledgedAt ? (
                  <div>
                    {t('workbench.instructions.detail.columns.acknowledgedAt')} {formatDateTime(r.acknowledgedAt)}
                  </div>
                ) : null}
                {r.result ? (
                  <div data-testid="recipient-result">{t('workbench.instructions.detail.result', { text: r.result })}</div>
                ) : null}
              </div>
            }
            extra={
              <Tag color={RECIPIENT_COLORS[r.status]} fill="outline" data-testid="recipient-status" data-status={r.status}>
                {t(`workbench.instructions.recipientStatus.${r.status}`)}
              </Tag>
            }
          >
            {r.name} <span className="zl-m-timeline-meta">{t(`workbench.instructions.detail.recipientKind.${r.kind}`)}</span>
          </List.Item>
        ))}
      </List>
      <MobileTimeline detail={detail} />
    </>
  );
}

/** One 批示 on a phone (`/m/workbench/instructions/:id`): what it says, 签收 and 进展反馈 within thumb's reach, the recipients and the chain. */
export function MobileInstructionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const detail = useInstruction(id);
  if (detail.isError && isForbidden(detail.error)) return <MobileForbidden />;
  return (
    <div data-testid="instruction-page">
      <Button fill="none" size="small" className="zl-m-back" onClick={() => navigate('/m/workbench/instructions')}>
        <LeftOutlined /> {t('workbench.instructions.detail.back')}
      </Button>
      {detail.isPending ? <MobileLoading /> : null}
      {detail.isError ? <MobileError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.isSuccess ? <MobileInstruction detail={detail.data} /> : null}
    </div>
  );
}
