import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServiceTile } from '../service-themes';

/** Service domains or themes as tiles; their items arrive with the service catalogue. */
export function ServiceGrid({ tiles }: { tiles: ServiceTile[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <div className="zl-tile-grid">
      {tiles.map((tile) => {
        const Icon = tile.icon;
        return (
          <button
            key={tile.id}
            type="button"
            className="zl-tile"
            data-testid={`service-${tile.id}`}
            onClick={() => void message.info(t('portal.services.tileHint'))}
          >
            <Icon className="zl-tile-icon" />
            <span className="zl-tile-name">{t(tile.labelKey)}</span>
            <span className="zl-tile-hint">{t('common.comingSoon')}</span>
          </button>
        );
      })}
    </div>
  );
}
