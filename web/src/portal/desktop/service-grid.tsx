import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ServiceTile } from '../service-themes';

/** Service domains or themes as tiles; each opens its services (`/portal/services?theme=…`). */
export function ServiceGrid({ tiles }: { tiles: ServiceTile[] }) {
  const { t } = useTranslation();
  return (
    <div className="zl-tile-grid">
      {tiles.map((tile) => {
        const Icon = tile.icon;
        return (
          <Link key={tile.id} to={`/portal/services?theme=${tile.theme}`} className="zl-tile" data-testid={`service-${tile.id}`}>
            <Icon className="zl-tile-icon" />
            <span className="zl-tile-name">{t(tile.labelKey)}</span>
          </Link>
        );
      })}
    </div>
  );
}
