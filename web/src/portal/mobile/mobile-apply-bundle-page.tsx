import { LeftOutlined } from '@ant-design/icons';
import { Button, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { applyBlockedReason, bundleDays, portalPaths } from '../case-format';
import { useBundle, type Bundle } from '../case-queries';
import { daysLabel, themeLabelKey } from '../service-format';
import { MobileDepthTag } from './mobile-service-results';
import '../case-pages.css';
import { useBack } from '../use-back';

function MobileBundle({ bundle }: { bundle: Bundle }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const blocked = applyBlockedReason(me.kind, bundle.audience, t);
  return (
    <div data-testid="bundle-page" data-code={bundle.code}>
      <section className="zl-m-section zl-m-svc-guide-head">
        <p className="zl-m-svc-kicker">{t('portal.apply.bundleSection')}</p>
        <h1 data-testid="bundle-name">{bundle.name}</h1>
        <div className="zl-m-svc-tags">
          <Tag color="warning">{t('portal.apply.bundleTag')}</Tag>
          <Tag color="default" fill="outline">
            {t('portal.apply.bundleOrgs', { n: new Set(bundle.services.map((s) => s.orgId)).size })}
          </Tag>
          <Tag color="default" fill="outline">
            {t('portal.apply.bundleDays', { limit: daysLabel(bundleDays(bundle), t) })}
          </Tag>
        </div>
        <p className="zl-bundle-desc">{bundle.description}</p>
        <p className="zl-m-case-hint">{t('portal.apply.bundleHow')}</p>
      </section>
      <List header={t('portal.apply.bundleIncludes')} data-testid="bundle-services">
        {bundle.services.map((service) => (
          <List.Item
            key={service.code}
            clickable
            onClick={() => navigate(portalPaths.guide('/m/portal', service.code))}
            description={
              <div className="zl-m-svc-meta">
                <span>{service.orgName}</span>
                <span>{t('portalServices.promised', { limit: daysLabel(service.promisedDays, t) })}</span>
              </div>
            }
            extra={<MobileDepthTag depth={service.onlineDepth} />}
            data-testid="bundle-service"
          >
            {service.name}
          </List.Item>
        ))}
      </List>
      <div className="zl-m-svc-apply">
        <Button
          block
          color="primary"
          size="large"
          disabled={Boolean(blocked)}
          onClick={() => navigate(portalPaths.applyBundle('/m/portal', bundle.code))}
          data-testid="bundle-apply"
        >
          {t('portalServices.guide.apply')}
        </Button>
        {blocked ? <div className="zl-m-svc-apply-hint">{blocked}</div> : null}
      </div>
    </div>
  );
}

/** 一件事 on phones (`/m/portal/services/bundles/:code`): what it covers, which departments, how long; 在线办理. */
export function MobileBundlePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const bundle = useBundle(code);
  const theme = bundle.data?.theme;
  const back = useBack(() => (themeLabelKey(theme) ? `/m/portal/services?theme=${theme}` : '/m/portal'));
  return (
    <div>
      <Button fill="none" size="small" className="zl-m-svc-back" onClick={back}>
        <LeftOutlined /> {t('portalServices.back')}
      </Button>
      {bundle.isPending ? <MobileLoading /> : null}
      {bundle.isError ? <MobileError error={bundle.error} onRetry={() => void bundle.refetch()} /> : null}
      {bundle.data ? <MobileBundle bundle={bundle.data} /> : null}
    </div>
  );
}
