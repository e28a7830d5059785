import { CheckCircleFilled, LeftOutlined } from '@ant-design/icons';
import { Button, Steps, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { sharedFromText } from '../service-format';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { applyBlockedReason, portalPaths } from '../case-format';
import { daysLabel, themeLabelKey } from '../service-format';
import { useServiceGuide, type ServiceGuide, type ServiceMaterial } from '../service-queries';
import { MobileDepthTag } from './mobile-service-results';
import { useBack } from '../use-back';

function MobileMaterial({ material }: { material: ServiceMaterial }) {
  const { t } = useTranslation();
  return (
    <li className="zl-m-svc-material" data-testid={material.exempt ? 'service-material-exempt' : 'service-material'}>
      <div className="zl-m-svc-name">{material.name}</div>
      <div className="zl-m-svc-tags">
        {material.exempt ? (
          <Tag color="success">
            <CheckCircleFilled /> {t('portalServices.guide.exempt')}
          </Tag>
        ) : (
          <Tag color={material.required ? 'primary' : 'default'} fill="outline">
            {material.required ? t('portalServices.guide.required') : t('portalServices.guide.optional')}
          </Tag>
        )}
        <Tag color="default" fill="outline">
          {material.form}
        </Tag>
      </div>
      {material.exempt && material.sharedFrom ? (
        <div className="zl-m-svc-material-shared">{sharedFromText(material.sharedFrom, t)}</div>
      ) : null}
      {material.note ? <div className="zl-m-svc-note">{material.note}</div> : null}
    </li>
  );
}

/** 在线办理: to the application, for an account the service is meant for; otherwise off, saying why. */
function MobileApplyButton({ guide }: { guide: ServiceGuide }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const blocked = applyBlockedReason(me.kind, guide.audience, t);
  return (
    <div className="zl-m-svc-apply">
      <Button
        block
        color="primary"
        size="large"
        disabled={Boolean(blocked)}
        onClick={() => navigate(portalPaths.applyService('/m/portal', guide.code))}
        data-testid="service-apply"
      >
        {t('portalServices.guide.apply')}
      </Button>
      {blocked ? <div className="zl-m-svc-apply-hint">{blocked}</div> : null}
    </div>
  );
}

function MobileGuide({ guide }: { guide: ServiceGuide }) {
  const { t } = useTranslation();
  return (
    <div data-testid="service-guide" data-code={guide.code}>
      <section className="zl-m-section zl-m-svc-guide-head">
        <p className="zl-m-svc-kicker">{t('portalServices.guide.title')}</p>
        <h1 data-testid="service-guide-name">{guide.name}</h1>
        <div className="zl-m-svc-tags">
          <MobileDepthTag depth={guide.onlineDepth} />
          <Tag color="default" fill="outline">
            {guide.type}
          </Tag>
          <Tag color="default" fill="outline">
            {t(`portalServices.levels.${guide.level}`)}
          </Tag>
        </div>
        <dl className="zl-m-svc-facts">
          <dt>{t('portalServices.guide.org')}</dt>
          <dd>{guide.orgName}</dd>
          <dt>{t('portalServices.guide.statutory')}</dt>
          <dd>{daysLabel(guide.statutoryDays, t)}</dd>
          <dt>{t('portalServices.guide.promised')}</dt>
          <dd>{daysLabel(guide.promisedDays, t)}</dd>
          <dt>{t('portalServices.guide.fees')}</dt>
          <dd>{guide.fees}</dd>
          <dt>{t('portalServices.guide.audience')}</dt>
          <dd>{t(`portalServices.audiences.${guide.audience}`)}</dd>
          <dt>{t('portalServices.guide.code')}</dt>
          <dd>{guide.code}</dd>
        </dl>
      </section>
      <section className="zl-m-section" data-testid="service-conditions">
        <h2 className="zl-m-section-title">{t('portalServices.guide.conditions')}</h2>
        {guide.conditions.length ? (
          <ol className="zl-m-svc-list">
            {guide.conditions.map((condition, i) => (
              <li key={i}>{condition}</li>
            ))}
          </ol>
        ) : (
          <p className="zl-m-svc-note">{t('portalServices.guide.noConditions')}</p>
        )}
      </section>
      <section className="zl-m-section" data-testid="service-materials">
        <h2 className="zl-m-section-title">{t('portalServices.guide.materials')}</h2>
        <p className="zl-m-svc-note">
          {t('portalServices.guide.materialsSummary', { submit: guide.materialsToSubmit, exempt: guide.materialsExempt })}
        </p>
        {guide.materials.length ? (
          <ol className="zl-m-svc-list">
            {guide.materials.map((material, i) => (
              <MobileMaterial key={i} material={material} />
            ))}
          </ol>
        ) : (
          <p className="zl-m-svc-note">{t('portalServices.guide.noMaterials')}</p>
        )}
      </section>
      <section className="zl-m-section" data-testid="service-steps">
        <h2 className="zl-m-section-title">{t('portalServices.guide.steps')}</h2>
        <Steps direction="vertical" style={{ '--indicator-margin-right': '12px', '--icon-size': '22px', padding: '4px 0' }}>
          {guide.steps.map((step, i) => (
            <Steps.Step key={i} title={step} status="finish" icon={<span className="zl-m-svc-step-no">{i + 1}</span>} />
          ))}
        </Steps>
      </section>
      <section className="zl-m-section">
        <h2 className="zl-m-section-title">{t('portalServices.guide.legalBasis')}</h2>
        <p className="zl-svc-legal">{guide.legalBasis}</p>
      </section>
      <MobileApplyButton guide={guide} />
    </div>
  );
}

/** 办事指南 on phones (`/m/portal/services/:code`): what a service asks and how it goes, 免提交 materials marked. */
export function MobileServiceGuidePage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const guide = useServiceGuide(code);
  const theme = guide.data?.theme;
  // Back where the person came from (search or a theme); opened from a link, to the theme's list.
  const back = useBack(() => (themeLabelKey(theme) ? `/m/portal/services?theme=${theme}` : '/m/portal/services'));
  return (
    <div>
      <Button fill="none" size="small" className="zl-m-svc-back" onClick={back}>
        <LeftOutlined /> {t('portalServices.back')}
      </Button>
      {guide.isPending ? <MobileLoading /> : null}
      {guide.isError ? <MobileError error={guide.error} onRetry={() => void guide.refetch()} /> : null}
      {guide.isSuccess ? <MobileGuide guide={guide.data} /> : null}
    </div>
  );
}
