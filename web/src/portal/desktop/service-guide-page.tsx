import { CheckCircleFilled } from '@ant-design/icons';
import { Breadcrumb, Button, Descriptions, Steps, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { sharedFromText } from '../service-format';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { applyBlockedReason, portalPaths } from '../case-format';
import { daysLabel, depthLabel, themeLabelKey } from '../service-format';
import { useServiceGuide, type ServiceGuide, type ServiceMaterial } from '../service-queries';
import { DepthTag } from './service-results';

function Material({ material }: { material: ServiceMaterial }) {
  const { t } = useTranslation();
  return (
    <li
      className={`zl-svc-material${material.exempt ? ' is-exempt' : ''}`}
      data-testid={material.exempt ? 'service-material-exempt' : 'service-material'}
    >
      <div className="zl-svc-material-head">
        <span className="zl-svc-material-name">{material.name}</span>
        {material.exempt ? (
          <Tag color="green" icon={<CheckCircleFilled />}>
            {t('portalServices.guide.exempt')}
          </Tag>
        ) : (
          <Tag color={material.required ? 'blue' : 'default'}>
            {material.required ? t('portalServices.guide.required') : t('portalServices.guide.optional')}
          </Tag>
        )}
        <Tag bordered={false}>{material.form}</Tag>
      </div>
      {material.exempt && material.sharedFrom ? (
        <div className="zl-svc-material-shared" title={material.sharedFrom.field}>
          {sharedFromText(material.sharedFrom, t)}
        </div>
      ) : null}
      {material.note ? <div className="zl-svc-material-note">{material.note}</div> : null}
    </li>
  );
}

/** 在线办理: to the application, for an account the service is meant for; otherwise off, saying why. */
function ApplyButton({ guide }: { guide: ServiceGuide }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const blocked = applyBlockedReason(me.kind, guide.audience, t);
  const button = (
    <Button
      type="primary"
      size="large"
      disabled={Boolean(blocked)}
      onClick={() => navigate(portalPaths.applyService('/portal', guide.code))}
      data-testid="service-apply"
    >
      {t('portalServices.guide.apply')}
    </Button>
  );
  return blocked ? (
    <Tooltip title={blocked}>
      <span>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

function Guide({ guide }: { guide: ServiceGuide }) {
  const { t } = useTranslation();
  const themeKey = themeLabelKey(guide.theme);
  return (
    <>
      <Breadcrumb
        className="zl-svc-crumbs"
        items={[
          { key: 'services', title: <Link to="/portal/services">{t('portal.nav.services')}</Link> },
          ...(themeKey ? [{ key: 'theme', title: <Link to={`/portal/services?theme=${guide.theme}`}>{t(themeKey)}</Link> }] : []),
          { key: 'guide', title: guide.name },
        ]}
      />
      <Panel>
        <header className="zl-svc-guide-head">
          <div>
            <p className="zl-svc-guide-kicker">{t('portalServices.guide.title')}</p>
            <h1 className="zl-svc-guide-name" data-testid="service-guide-name">
              {guide.name}
            </h1>
            <div className="zl-svc-guide-tags">
              <DepthTag depth={guide.onlineDepth} />
              <Tag>{guide.type}</Tag>
              <Tag>{t(`portalServices.levels.${guide.level}`)}</Tag>
            </div>
          </div>
          <ApplyButton guide={guide} />
        </header>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
          items={[
            { key: 'org', label: t('portalServices.guide.org'), children: guide.orgName },
            { key: 'type', label: t('portalServices.guide.type'), children: guide.type },
            { key: 'depth', label: t('portalServices.guide.depth'), children: depthLabel(guide.onlineDepth, t) },
            { key: 'audience', label: t('portalServices.guide.audience'), children: t(`portalServices.audiences.${guide.audience}`) },
            { key: 'statutory', label: t('portalServices.guide.statutory'), children: daysLabel(guide.statutoryDays, t) },
            { key: 'promised', label: t('portalServices.guide.promised'), children: daysLabel(guide.promisedDays, t) },
            { key: 'fees', label: t('portalServices.guide.fees'), children: guide.fees },
            { key: 'code', label: t('portalServices.guide.code'), children: guide.code },
          ]}
        />
      </Panel>
      <Panel title={t('portalServices.guide.conditions')} testId="service-conditions">
        {guide.conditions.length ? (
          <ol className="zl-svc-conditions">
            {guide.conditions.map((condition, i) => (
              <li key={i}>{condition}</li>
            ))}
          </ol>
        ) : (
          <p className="zl-svc-none">{t('portalServices.guide.noConditions')}</p>
        )}
      </Panel>
      <Panel
        title={t('portalServices.guide.materials')}
        extra={t('portalServices.guide.materialsSummary', { submit: guide.materialsToSubmit, exempt: guide.materialsExempt })}
        testId="service-materials"
      >
        {guide.materials.length ? (
          <ol className="zl-svc-materials">
            {guide.materials.map((material, i) => (
              <Material key={i} material={material} />
            ))}
          </ol>
        ) : (
          <p className="zl-svc-none">{t('portalServices.guide.noMaterials')}</p>
        )}
      </Panel>
      <Panel title={t('portalServices.guide.steps')}>
        <div data-testid="service-steps">
          <Steps direction="vertical" size="small" items={guide.steps.map((step, i) => ({ key: i, title: step, status: 'process' }))} />
        </div>
      </Panel>
      <Panel title={t('portalServices.guide.legalBasis')}>
        <p className="zl-svc-legal">{guide.legalBasis}</p>
      </Panel>
    </>
  );
}

/** 办事指南 (`/portal/services/:code`): what a service asks and how it goes, with the materials shared data spares you marked 免提交. */
export function ServiceGuidePage() {
  const { code = '' } = useParams();
  const guide = useServiceGuide(code);
  return (
    <div className="zl-svc-guide">
      {guide.isError ? <ErrorBlock error={guide.error} onRetry={() => void guide.refetch()} /> : null}
      {guide.isPending ? <LoadingBlock /> : null}
      {guide.isSuccess ? (
        <div data-testid="service-guide" data-code={guide.data.code}>
          <Guide guide={guide.data} />
        </div>
      ) : null}
    </div>
  );
}
