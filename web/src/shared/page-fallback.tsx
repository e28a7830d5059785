import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

// Plain HTML states for the main chunk: no antd or antd-mobile here, so the first
// route of any front end loads only the UI library it uses.

export function PageFallback() {
  const { t } = useTranslation();
  return (
    <div className="zl-fallback" role="status" aria-live="polite">
      <span className="zl-spinner" aria-hidden="true" />
      <span>{t('common.loading')}</span>
    </div>
  );
}

export function PageLoadError({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="zl-fallback" role="alert">
      <p className="zl-fallback-title">{t('errors.serverUnavailable')}</p>
      <button type="button" className="zl-plain-button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="zl-fallback">
      <p className="zl-fallback-title">{t('errors.notFoundTitle')}</p>
      <p>{t('errors.notFoundBody')}</p>
      <Link to="/" className="zl-plain-button">
        {t('errors.backHome')}
      </Link>
    </div>
  );
}
