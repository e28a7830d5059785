import { Alert, Button, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../shared/auth';
import { ErrorBlock, Panel } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import type { CaseView } from '../case-queries';
import type { CaseRating } from '../feedback-queries';
import { isPoor, RATING_COMMENT_MAX, scoreLabel, useRatingCard, type RatingCard } from '../feedback-state';
import { RatingDetails, ReasonChips } from '../rating-parts';

function RatingForm({ card }: { card: RatingCard }) {
  const { t } = useTranslation();
  const tooltips = [1, 2, 3, 4, 5].map((score) => scoreLabel(score, t));
  return (
    <Panel title={t('portal.rating.title')} extra={t('portal.rating.intro')} testId="rating-card" className="zl-rating">
      <div className="zl-rating-stars-row">
        <Rate
          value={card.score}
          onChange={card.setScore}
          allowClear={false}
          tooltips={tooltips}
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
      <Input.TextArea
        value={card.comment}
        onChange={(event) => card.setComment(event.target.value)}
        placeholder={t('portal.rating.commentPlaceholder')}
        maxLength={RATING_COMMENT_MAX}
        showCount
        autoSize={{ minRows: 2, maxRows: 5 }}
        aria-label={t('portal.rating.comment')}
        data-testid="rating-comment"
      />
      {isPoor(card.score) ? <p className="zl-rating-note">{t('portal.rating.poorNote')}</p> : null}
      {card.problem ? <Alert type="error" showIcon style={{ marginTop: 12 }} message={t(`portal.rating.${card.problem}`)} /> : null}
      {card.mutation.isError ? (
        <Alert type="error" showIcon style={{ marginTop: 12 }} message={errorMessage(card.mutation.error, t)} />
      ) : null}
      <Button
        type="primary"
        className="zl-rating-submit"
        loading={card.mutation.isPending}
        onClick={card.submit}
        data-testid="rating-submit"
      >
        {t('portal.rating.submit')}
      </Button>
    </Panel>
  );
}

function RatingDone({ rating }: { rating: CaseRating }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('portal.rating.done')} testId="rating-done" className="zl-rating">
      <div className="zl-rating-stars-row" data-score={rating.score}>
        <Rate value={rating.score} disabled aria-label={t('portal.rating.stars')} />
        <span className="zl-rating-score">{scoreLabel(rating.score, t)}</span>
      </div>
      <RatingDetails rating={rating} />
    </Panel>
  );
}

/** 好差评 of a finished case: the card to rate it (its applicant only), or the rating given and its 整改. */
export function RatingCardPanel({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const me = useMe();
  const card = useRatingCard(view);
  if (!card.finished || card.rating.isPending) return null;
  if (card.rating.isError) {
    return (
      <Panel title={t('portal.rating.title')}>
        <ErrorBlock error={card.rating.error} onRetry={() => void card.rating.refetch()} />
      </Panel>
    );
  }
  const rating = card.rating.data.rating;
  if (rating) return <RatingDone rating={rating} />;
  return hasPermission(me, 'portal.use') ? <RatingForm card={card} /> : null;
}
