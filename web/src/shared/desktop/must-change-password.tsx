import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { changePasswordPath } from '../change-password';

/**
 * Above a desktop shell's content while `me.mustChangePassword` (an administrator reset the
 * password to a temporary one): says so, and opens the profile's change-password form.
 */
export function MustChangePasswordAlert({ profilePath }: { profilePath: string }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  if (!me?.mustChangePassword) return null;
  return (
    <Alert
      className="zl-must-change"
      type="warning"
      showIcon
      message={t('password.mustChange.title')}
      description={t('password.mustChange.body')}
      action={
        <Button type="primary" onClick={() => navigate(changePasswordPath(profilePath))} data-testid="must-change-password-link">
          {t('password.mustChange.action')}
        </Button>
      }
      data-testid="must-change-password"
    />
  );
}
