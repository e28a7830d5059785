import { useTranslation } from 'react-i18next';
import { formatMinute } from './case-format';
import type { CaseSummary } from './case-queries';
import type { Complaint, DataUse } from './feedback-queries';
import { complaintAbout } from './feedback-state';
import './feedback.css';

// The lists of 投诉与建议 and 谁用了我的数据, drawn alike on desktop and phone (plain elements,
// styled in feedback.css).

/** My complaints and suggestions: what about, the text, the department, and its answer (or that it is awaited). */
export function ComplaintList({ items, cases }: { items: readonly Complaint[]; cases: readonly CaseSummary[] }) {
  const { t } = useTranslation();
  return (
    <ul className="zl-feedback-items" data-testid="complaint-list">
      {items.map((complaint) => {
        const about = complaintAbout(complaint, cases, t);
        return (
          <li
            key={complaint.id}
            className="zl-feedback-item"
            data-testid="complaint-item"
            data-id={complaint.id}
            data-status={complaint.status}
          >
            <div className="zl-feedback-item-head">
              <span className={`zl-feedback-tag is-${complaint.kind}`}>{t(`portal.complaints.kinds.${complaint.kind}`)}</span>
              <span className="zl-feedback-item-title">{about ?? complaint.orgName}</span>
              <span className={`zl-feedback-tag is-${complaint.status}`} data-testid="complaint-status">
                {t(`portal.complaints.status.${complaint.status}`)}
              </span>
            </div>
            <p className="zl-feedback-text">{complaint.text}</p>
            <div className="zl-feedback-item-meta">
              <span>
                {t('portal.complaints.org')} {complaint.orgName}
              </span>
              <span>
                {t('portal.complaints.submittedAt')} {formatMinute(complaint.submittedAt)}
              </span>
            </div>
            {complaint.status === 'answered' && complaint.answer ? (
              <div className="zl-feedback-answer" data-testid="complaint-answer">
                <div className="zl-feedback-answer-label">{t('portal.complaints.answer')}</div>
                <p className="zl-feedback-text">{complaint.answer}</p>
                {complaint.answeredAt ? (
                  <div className="zl-feedback-item-meta">
                    {t('portal.complaints.answeredAt')} {formatMinute(complaint.answeredAt)}
                  </div>
                ) : null}
              </div>
            ) : (
              <div className="zl-feedback-answer is-waiting">{t('portal.complaints.waiting')}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** 谁用了我的数据: each read — when, which department, which data (held by whom), which fields, for what. */
export function DataUseList({ items }: { items: readonly DataUse[] }) {
  const { t } = useTranslation();
  return (
    <ol className="zl-feedback-items zl-data-uses" data-testid="data-use-list">
      {items.map((use, index) => (
        <li key={`${use.at}-${index}`} className="zl-feedback-item zl-data-use" data-testid="data-use-item">
          <div className="zl-feedback-item-head">
            <span className="zl-feedback-item-title" data-testid="data-use-user">
              {use.user}
            </span>
            <time className="zl-data-use-at" dateTime={use.at}>
              {formatMinute(use.at)}
            </time>
          </div>
          <dl className="zl-data-use-facts">
            <dt>{t('portal.dataUses.resource')}</dt>
            <dd data-testid="data-use-resource">
              {use.resource}
              {use.owner ? <span className="zl-data-use-owner">{t('portal.dataUses.heldBy', { owner: use.owner })}</span> : null}
            </dd>
            {use.fields.length ? (
              <>
                <dt>{t('portal.dataUses.fields')}</dt>
                <dd className="zl-data-use-fields">
                  {use.fields.map((field) => (
                    <span key={field} className="zl-data-use-field">
                      {field}
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
            <dt>{t('portal.dataUses.purpose')}</dt>
            <dd>{use.purpose ?? t('portal.dataUses.noPurpose')}</dd>
            {use.app && use.app !== use.user ? (
              <>
                <dt>{t('portal.dataUses.app')}</dt>
                <dd>{use.app}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ol>
  );
}
