import { useTranslation } from 'react-i18next';
import { ProfileCard } from '../../shared/desktop/profile-card';

export function PortalProfilePage() {
  const { t } = useTranslation();
  return (
    <div data-testid="portal-profile">
      <h2 className="zl-page-title">{t('profile.title')}</h2>
      <ProfileCard />
    </div>
  );
}
