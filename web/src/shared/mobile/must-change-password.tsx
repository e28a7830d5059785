import { ExclamationCircleFilled } from '@ant-design/icons';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { changePasswordPath } from '../change-password';

/**
 * Under a phone shell's nav bar while `me.mustChangePassword` (an administrator reset the
 * password to a temporary one): says so, and opens the change-password form on the "me" tab.
 */
export function MobileMustChangePassword({ profilePath }: { profilePath: string }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  if (!me?.mustChangePassword) return null;
  // A plain banner (not NoticeBar): it is on every phone route, so it stays light.
  return (
    <div className="zl-m-must-change" role="alert" data-testid="must-change-password">
      <ExclamationCircleFilled className="zl-m-must-change-icon" aria-hidden />
      <div className="zl-m-must-change-text">
        <strong>{t('password.mustChange.title')}</strong>
        <span>{t('password.mustChange.body')}</span>
      </div>
      <Button
        size="small"
        color="warning"
        onClick={() => navigate(changePasswordPath(profilePath))}
        data-testid="must-change-password-link"
      >
        {t('password.mustChange.action')}
      </Button>
    </div>
  );
}
