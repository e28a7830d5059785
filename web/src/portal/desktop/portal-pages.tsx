import { lazy, Suspense } from 'react';
import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { EmptyBlock, Panel } from '../../shared/desktop/states';
import { formatMinute, myCaseRows } from '../case-format';
import { useCertificates, useMyCases } from '../case-queries';
import { themeLabelKey } from '../service-format';
import { citizenTiles, enterpriseTiles, tilesFor } from '../service-themes';
import { BundleCards } from './apply-bundle-cards';
import { CaseRows } from './case-rows';
import { ServiceGrid } from './service-grid';
import { PortalSearch } from './portal-shell';
import { Greeting } from '../../shared/greeting';

// A theme's list is loaded when a tile is opened.
// The apps come after the first paint, in their own chunk.
const PortalApps = lazy(() => import('./portal-apps').then((m) => ({ default: m.PortalApps })));
const ThemeServicesPage = lazy(() => import('./theme-services-page').then((m) => ({ default: m.ThemeServicesPage })));

export function PortalHome() {
  const { t } = useTranslation();
  const me = useMe();
  const enterprise = me.kind === 'enterprise';
  return (
    <div data-testid="portal-home">
      <section className="zl-portal-hero">
        <h1>
          <Greeting i18nKey="portal.home.greeting" name={me.displayName} />
        </h1>
        <p>{enterprise ? t('portal.home.enterpriseIntro') : t('portal.home.citizenIntro')}</p>
        <div className="zl-portal-hero-search">
          <PortalSearch size="large" />
        </div>
      </section>
      <Panel
        title={enterprise ? t('portal.home.enterpriseThemes') : t('portal.home.citizenThemes')}
        extra={<Link to="/portal/services">{t('portal.home.allServices')}</Link>}
      >
        <ServiceGrid tiles={tilesFor(me.kind)} />
      </Panel>
      <BundleCards />
      <Row gutter={[24, 24]} style={{ marginTop: 24 }}>
        <Col xs={24} md={12}>
          <Panel title={t('portal.home.myCases')} extra={<Link to="/portal/cases">{t('portal.nav.cases')}</Link>}>
            <RecentCases />
          </Panel>
        </Col>
        <Col xs={24} md={12}>
          <Panel title={t('portal.home.certificates')} extra={<Link to="/portal/certificates">{t('portal.nav.certificates')}</Link>}>
            <RecentCertificates />
          </Panel>
        </Col>
      </Row>
      <Suspense fallback={null}>
        <PortalApps />
      </Suspense>
    </div>
  );
}

const RECENT = 3;

/** The latest applications, or 暂无办件. */
function RecentCases() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useMyCases(me.kind !== 'staff');
  const rows = mine.data ? myCaseRows(mine.data.cases, mine.data.bundles).slice(0, RECENT) : [];
  return rows.length ? <CaseRows rows={rows} /> : <EmptyBlock title={t('portal.home.noCases')} />;
}

/** The latest e-certificates by name, each opening the wallet, or 暂无电子证照. */
function RecentCertificates() {
  const { t } = useTranslation();
  const wallet = useCertificates();
  const items = (wallet.data?.items ?? []).slice(0, RECENT);
  if (!items.length) return <EmptyBlock title={t('portal.home.noCertificates')} />;
  return (
    <ul className="zl-case-rows">
      {items.map((certificate) => (
        <li key={certificate.id}>
          <Link to="/portal/certificates" className="zl-case-row">
            <div className="zl-case-row-main">
              <div className="zl-case-row-head">
                <span className="zl-case-row-name">{certificate.kind}</span>
              </div>
              <div className="zl-case-row-meta">
                <span>{certificate.orgName}</span>
                <span>{formatMinute(certificate.issuedAt)}</span>
              </div>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** 办事服务 (`/portal/services`): the theme tiles, or with `?theme=` that theme's services. */
export function ServicesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const theme = params.get('theme');
  const themeKey = themeLabelKey(theme);
  if (theme && themeKey) return <ThemeServicesPage key={theme} theme={theme} labelKey={themeKey} />;
  const sections = [
    { key: 'citizen', title: t('portal.services.citizenTitle'), desc: t('portal.services.citizenDesc'), tiles: citizenTiles() },
    { key: 'enterprise', title: t('portal.services.enterpriseTitle'), desc: t('portal.services.enterpriseDesc'), tiles: enterpriseTiles() },
  ];
  // Citizens see the 12 domains, enterprises their life-cycle themes, staff both.
  const shown = me.kind === 'enterprise' ? [sections[1]!] : me.kind === 'citizen' ? [sections[0]!] : sections;
  return (
    <div data-testid="portal-services">
      {shown.map((section) => (
        <Panel key={section.key} title={section.title} extra={section.desc}>
          <ServiceGrid tiles={section.tiles} />
        </Panel>
      ))}
    </div>
  );
}

function EmptyPage({ title, empty, description, testId }: { title: string; empty: string; description: string; testId: string }) {
  return (
    <Panel title={title} testId={testId}>
      <EmptyBlock title={empty} description={description} />
    </Panel>
  );
}

export function ConsentsPage() {
  const { t } = useTranslation();
  return (
    <EmptyPage
      testId="portal-consents"
      title={t('portal.nav.consents')}
      empty={t('portal.consents.empty')}
      description={t('portal.consents.emptyDesc')}
    />
  );
}
