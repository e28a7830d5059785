import { Breadcrumb, Button, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { applyBlockedReason, bundleDays, portalPaths } from '../case-format';
import { useBundle, type Bundle } from '../case-queries';
import { daysLabel, themeLabelKey } from '../service-format';
import { DepthTag } from './service-results';
import '../case-pages.css';

function BundleView({ bundle }: { bundle: Bundle }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const blocked = applyBlockedReason(me.kind, bundle.audience, t);
  const themeKey = themeLabelKey(bundle.theme);
  const apply = (
    <Button
      type="primary"
      size="large"
      disabled={Boolean(blocked)}
      onClick={() => navigate(portalPaths.applyBundle('/portal', bundle.code))}
      data-testid="bundle-apply"
    >
      {t('portalServices.guide.apply')}
    </Button>
  );
  return (
    <>
      <Breadcrumb
        className="zl-svc-crumbs"
        items={[
          { key: 'services', title: <Link to="/portal/services">{t('portal.nav.services')}</Link> },
          ...(themeKey ? [{ key: 'theme', title: <Link to={`/portal/services?theme=${bundle.theme}`}>{t(themeKey)}</Link> }] : []),
          { key: 'bundle', title: bundle.name },
        ]}
      />
      <Panel>
        <header className="zl-svc-guide-head">
          <div>
            <p className="zl-svc-guide-kicker">{t('portal.apply.bundleSection')}</p>
            <h1 className="zl-svc-guide-name" data-testid="bundle-name">
              {bundle.name}
            </h1>
            <div className="zl-svc-guide-tags">
              <Tag color="orange">{t('portal.apply.bundleTag')}</Tag>
              <Tag>{t('portal.apply.bundleOrgs', { n: new Set(bundle.services.map((s) => s.orgId)).size })}</Tag>
              <Tag>{t('portal.apply.bundleDays', { limit: daysLabel(bundleDays(bundle), t) })}</Tag>
            </div>
          </div>
          {blocked ? (
            <Tooltip title={blocked}>
              <span>{apply}</span>
            </Tooltip>
          ) : (
            apply
          )}
        </header>
        <p className="zl-bundle-desc">{bundle.description}</p>
        <p className="zl-bundle-how">{t('portal.apply.bundleHow')}</p>
      </Panel>
      <Panel title={t('portal.apply.bundleIncludes')} testId="bundle-services">
        <ol className="zl-bundle-services">
          {bundle.services.map((service) => (
            <li key={service.code} data-testid="bundle-service">
              <div className="zl-bundle-part-head">
                <Link to={portalPaths.guide('/portal', service.code)} className="zl-bundle-part-name">
                  {service.name}
                </Link>
                <DepthTag depth={service.onlineDepth} />
              </div>
              <div className="zl-case-row-meta">
                <span>{service.orgName}</span>
                <span>{t('portalServices.promised', { limit: daysLabel(service.promisedDays, t) })}</span>
                {service.materialsExempt > 0 ? (
                  <span className="zl-svc-exempt-count">{t('portalServices.exemptCount', { n: service.materialsExempt })}</span>
                ) : null}
              </div>
            </li>
          ))}
        </ol>
      </Panel>
    </>
  );
}

/** 一件事 (`/portal/services/bundles/:code`): what it covers, which departments, how long; 在线办理. */
export function BundlePage() {
  const { code = '' } = useParams();
  const bundle = useBundle(code);
  return (
    <div className="zl-svc-guide" data-testid="bundle-page" data-code={code}>
      {bundle.isError ? <ErrorBlock error={bundle.error} onRetry={() => void bundle.refetch()} /> : null}
      {bundle.isPending ? <LoadingBlock /> : null}
      {bundle.data ? <BundleView bundle={bundle.data} /> : null}
    </div>
  );
}
