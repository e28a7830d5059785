import { useTranslation } from 'react-i18next';
import { formatMinute } from './case-format';
import type { CaseRating } from './feedback-queries';
import { reasonLabel, rectificationText, type RatingCard } from './feedback-state';
import './feedback.css';

// The parts of the 好差评 card that desktop and phone draw alike (plain elements, styled in
// feedback.css): the reason chips, and a rating once given with its 整改.

/** The reasons offered for the chosen score, each a toggle. */
export function ReasonChips({ card }: { card: RatingCard }) {
  const { t } = useTranslation();
  return (
    <div
      className="zl-rating-chips"
      role="group"
      aria-label={card.score >= 4 ? t('portal.rating.reasonsGood') : t('portal.rating.reasonsPoor')}
    >
      {card.choices.map((reason) => {
        const on = card.reasons.includes(reason.value);
        return (
          <button
            key={reason.value}
            type="button"
            className={`zl-rating-chip${on ? ' is-on' : ''}${card.score >= 4 ? ' is-good' : ' is-poor'}`}
            aria-pressed={on}
            onClick={() => card.toggleReason(reason.value)}
            data-testid="rating-reason"
            data-value={reason.value}
          >
            {t(`portal.rating.reasons.${reason.key}`)}
          </button>
        );
      })}
    </div>
  );
}

/** 差评整改: 「部门整改中」, or 「已整改」 with the measures the department reported. */
function RectificationNote({ rating }: { rating: CaseRating }) {
  const { t } = useTranslation();
  const rectification = rating.rectification;
  if (!rectification) return null;
  const text = rectificationText(rectification, t);
  return (
    <div
      className={`zl-rating-rect is-${rectification.status}`}
      role="status"
      data-testid="rating-rectification"
      data-status={rectification.status}
    >
      <div className="zl-rating-rect-head">
        <span>{t('portal.rating.rectification')}</span>
        <strong className="zl-rating-rect-status">{text.title}</strong>
      </div>
      {text.measures !== null ? (
        <>
          <div className="zl-rating-rect-label">{t('portal.rating.measures')}</div>
          <p className="zl-rating-rect-measures" data-testid="rating-measures">
            {text.measures}
          </p>
          {rectification.closedAt ? (
            <div className="zl-rating-at">
              {t('portal.rating.rectifiedAt')} {formatMinute(rectification.closedAt)}
            </div>
          ) : null}
        </>
      ) : (
        <p className="zl-rating-rect-note">{t('portal.rating.rectifyingNote')}</p>
      )}
    </div>
  );
}

/** A rating once given: the reasons ticked, the comment, when, and the 整改 of a poor one (the stars are the page's). */
export function RatingDetails({ rating }: { rating: CaseRating }) {
  const { t } = useTranslation();
  return (
    <>
      {rating.reasons.length ? (
        <div className="zl-rating-chips">
          {rating.reasons.map((reason) => (
            <span key={reason} className={`zl-rating-chip is-on is-static${rating.score >= 4 ? ' is-good' : ' is-poor'}`}>
              {reasonLabel(reason, t)}
            </span>
          ))}
        </div>
      ) : null}
      {rating.comment ? <p className="zl-rating-comment">{rating.comment}</p> : null}
      <div className="zl-rating-at">
        {t('portal.rating.ratedAt')} {formatMinute(rating.ratedAt)}
      </div>
      <RectificationNote rating={rating} />
    </>
  );
}
