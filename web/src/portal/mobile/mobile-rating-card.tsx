import { Button, Rate, TextArea } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { MobileError } from '../../shared/mobile/mobile-results';
import type { CaseView } from '../case-queries';
import type { CaseRating } from '../feedback-queries';
import { isPoor, RATING_COMMENT_MAX, scoreLabel, useRatingCard, type RatingCard } from '../feedback-state';
import { RatingDetails, ReasonChips } from '../rating-parts';

function MobileRatingForm({ card }: { card: RatingCard }) {
  const { t } = useTranslation();
  const failed = card.mutation.isError ? errorMessage(card.mutation.error, t) : null;
  return (
    <section className="zl-m-section zl-rating" data-testid="rating-card">
      <h2 className="zl-m-section-title">{t('portal.rating.title')}</h2>
      <p className="zl-m-case-hint">{t('portal.rating.intro')}</p>
      <div className="zl-rating-stars-row">
        <Rate
          value={card.score}
          onChange={card.setScore}
          allowClear={false}
          aria-label={t('portal.rating.stars')}
          data-testid="rating-stars"
        />
        <span className="zl-rating-score" data-testid="rating-score-label">
          {scoreLabel(card.score, t)}
        </span>
      </div>
      {card.choices.length ? (
        <>
          <div className="zl-rating-label">{card.score >= 4 ? t('portal.rating.reasonsGood') : t('portal.rating.reasonsPoor')}</div>
          <ReasonChips card={card} />
        </>
      ) : null}
      <TextArea
        value={card.comment}
        onChange={card.setComment}
        placeholder={t('portal.rating.commentPlaceholder')}
        maxLength={RATING_COMMENT_MAX}
        showCount
        autoSize={{ minRows: 2, maxRows: 5 }}
        aria-label={t('portal.rating.comment')}
        data-testid="rating-comment"
      />
      {isPoor(card.score) ? <p className="zl-rating-note">{t('portal.rating.poorNote')}</p> : null}
      {card.problem ? (
        <p className="zl-feedback-error" role="alert">
          {t(`portal.rating.${card.problem}`)}
        </p>
      ) : null}
      {failed ? (
        <p className="zl-feedback-error" role="alert">
          {failed}
        </p>
      ) : null}
      <Button
        block
        color="primary"
        className="zl-rating-submit"
        loading={card.mutation.isPending}
        onClick={card.submit}
        data-testid="rating-submit"
      >
        {t('portal.rating.submit')}
      </Button>
    </section>
  );
}

function MobileRatingDone({ rating }: { rating: CaseRating }) {
  const { t } = useTranslation();
  return (
    <section className="zl-m-section zl-rating" data-testid="rating-done" data-score={rating.score}>
      <h2 className="zl-m-section-title">{t('portal.rating.done')}</h2>
      <div className="zl-rating-stars-row">
        <Rate value={rating.score} readOnly aria-label={t('portal.rating.stars')} />
        <span className="zl-rating-score">{scoreLabel(rating.score, t)}</span>
      </div>
      <RatingDetails rating={rating} />
    </section>
  );
}

/** 好差评 of a finished case on phones: the card to rate it (its applicant only), or the rating given and its 整改. */
export function MobileRatingCard({ view }: { view: CaseView }) {
  const me = useMe();
  const card = useRatingCard(view);
  if (!card.finished || card.rating.isPending) return null;
  if (card.rating.isError) {
    return (
      <section className="zl-m-section">
        <MobileError error={card.rating.error} onRetry={() => void card.rating.refetch()} />
      </section>
    );
  }
  const rating = card.rating.data.rating;
  if (rating) return <MobileRatingDone rating={rating} />;
  return hasPermission(me, 'portal.use') ? <MobileRatingForm card={card} /> : null;
}
