import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../shared/auth';
import { bundleDays, bundlesFor, portalPaths } from '../case-format';
import { useBundles } from '../case-queries';
import { daysLabel } from '../service-format';
import '../case-pages.css';

/** 一件事 一次办 on phones: the bundles the account may apply for (of one theme, if given) as cards; nothing when there are none. */
export function MobileBundleCards({ theme }: { theme?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const bundles = useBundles();
  const shown = bundlesFor(bundles.data?.items ?? [], me.kind, theme);
  if (!shown.length) return null;
  return (
    <section className="zl-m-section" data-testid="bundle-section">
      <h2 className="zl-m-section-title">{t('portal.apply.bundleSection')}</h2>
      <p className="zl-m-case-hint">{t('portal.apply.bundleSectionDesc')}</p>
      <div className="zl-m-bundle-cards">
        {shown.map((bundle) => (
          <button
            type="button"
            key={bundle.code}
            className="zl-bundle-card zl-m-bundle-card"
            onClick={() => navigate(portalPaths.bundle('/m/portal', bundle.code))}
            data-testid="bundle-card"
            data-code={bundle.code}
          >
            <span className="zl-bundle-card-head">
              <span className="zl-bundle-card-name">{bundle.name}</span>
              <Tag color="warning" fill="outline">
                {t('portal.apply.bundleTag')}
              </Tag>
            </span>
            <span className="zl-bundle-card-desc">{bundle.description}</span>
            <span className="zl-bundle-card-meta">
              <span>{t('portal.apply.bundleOrgs', { n: new Set(bundle.services.map((s) => s.orgId)).size })}</span>
              <span>{t('portal.apply.bundleDays', { limit: daysLabel(bundleDays(bundle), t) })}</span>
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
