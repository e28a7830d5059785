import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../shared/auth';
import { Panel } from '../../shared/desktop/states';
import { bundleDays, bundlesFor, portalPaths } from '../case-format';
import { useBundles } from '../case-queries';
import { daysLabel } from '../service-format';
import '../case-pages.css';

/** 一件事 一次办: the bundles the account may apply for (of one theme, if given) as cards; nothing when there are none. */
export function BundleCards({ theme }: { theme?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const bundles = useBundles();
  const shown = bundlesFor(bundles.data?.items ?? [], me.kind, theme);
  if (!shown.length) return null;
  return (
    <Panel title={t('portal.apply.bundleSection')} extra={t('portal.apply.bundleSectionDesc')} testId="bundle-section">
      <div className="zl-bundle-cards">
        {shown.map((bundle) => (
          <Link
            key={bundle.code}
            to={portalPaths.bundle('/portal', bundle.code)}
            className="zl-bundle-card"
            data-testid="bundle-card"
            data-code={bundle.code}
          >
            <div className="zl-bundle-card-head">
              <span className="zl-bundle-card-name">{bundle.name}</span>
              <Tag color="orange" bordered={false}>
                {t('portal.apply.bundleTag')}
              </Tag>
            </div>
            <p className="zl-bundle-card-desc">{bundle.description}</p>
            <div className="zl-bundle-card-meta">
              <span>{t('portal.apply.bundleOrgs', { n: new Set(bundle.services.map((s) => s.orgId)).size })}</span>
              <span>{t('portal.apply.bundleDays', { limit: daysLabel(bundleDays(bundle), t) })}</span>
            </div>
          </Link>
        ))}
      </div>
    </Panel>
  );
}
