import { Button, DotLoading, ErrorBlock, Result } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { errorMessage } from '../errors';
import { homePath } from '../paths';

export function MobileForbidden() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="zl-m-center" data-testid="forbidden">
      <Result status="warning" title={t('errors.forbiddenTitle')} description={t('errors.forbiddenBody')} />
      <Button color="primary" onClick={() => navigate(me ? homePath(me, true) : '/m')}>
        {t('errors.backHome')}
      </Button>
    </div>
  );
}

export function MobileLoading() {
  const { t } = useTranslation();
  return (
    <div className="zl-m-center" role="status">
      {t('common.loading')}
      <DotLoading />
    </div>
  );
}

export function MobileError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorBlock status="default" title={t('errors.loadFailed')} description={errorMessage(error, t)}>
      {onRetry ? (
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </ErrorBlock>
  );
}

export function MobileEmpty({ title, description }: { title: string; description?: string }) {
  return <ErrorBlock status="empty" title={title} description={description ?? ''} />;
}
