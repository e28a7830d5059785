import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { homePath } from '../paths';

/** 403: a signed-in account opened a shell or page it may not use. */
export function ForbiddenResult() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  return (
    <div data-testid="forbidden">
      <Result
        status="403"
        title={t('errors.forbiddenTitle')}
        subTitle={t('errors.forbiddenBody')}
        extra={
          <Button type="primary" onClick={() => navigate(me ? homePath(me, false) : '/')}>
            {t('errors.backHome')}
          </Button>
        }
      />
    </div>
  );
}
