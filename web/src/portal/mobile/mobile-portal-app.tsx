import { lazy, Suspense, type ReactNode } from 'react';
import { AppstoreOutlined, HomeOutlined, ProfileOutlined, UserOutlined } from '@ant-design/icons';
import { Grid, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { hasPermission, RequireAuth, useMe } from '../../shared/auth';
import { MobileEmpty, MobileLoading } from '../../shared/mobile/mobile-results';
import { MobileProfile } from '../../shared/mobile/profile-list';
import { MobileProvider } from '../../shared/mobile/mobile-provider';
import { MobileTabShell, type MobileTab } from '../../shared/mobile/tab-shell';
import { myCaseRows, portalPaths } from '../case-format';
import { useMyCases } from '../case-queries';
import { themeLabelKey } from '../service-format';
import { citizenTiles, enterpriseTiles, tilesFor, type ServiceTile } from '../service-themes';
import { MobileBundleCards } from './mobile-apply-bundle-cards';
import { MobileCaseRows } from './mobile-case-rows';
import { MobileSearch } from './mobile-search';
import { Greeting } from '../../shared/greeting';

// Search, a theme's list and 办事指南 are not on the first route: load them when opened.
const MobilePortalApps = lazy(() => import('./mobile-portal-apps').then((m) => ({ default: m.MobilePortalApps })));
const MobileServiceSearchPage = lazy(() => import('./mobile-service-search-page').then((m) => ({ default: m.MobileServiceSearchPage })));
const MobileThemeServicesPage = lazy(() => import('./mobile-theme-services-page').then((m) => ({ default: m.MobileThemeServicesPage })));
const MobileServiceGuidePage = lazy(() => import('./mobile-service-guide-page').then((m) => ({ default: m.MobileServiceGuidePage })));
// 一网通办: 一件事, applying, 我的办件, one case, the 电子证照 wallet.
const MobileBundlePage = lazy(() => import('./mobile-apply-bundle-page').then((m) => ({ default: m.MobileBundlePage })));
const MobileServiceApplyPage = lazy(() => import('./mobile-apply-page').then((m) => ({ default: m.MobileServiceApplyPage })));
const MobileBundleApplyPage = lazy(() => import('./mobile-apply-page').then((m) => ({ default: m.MobileBundleApplyPage })));
const MobileCaseListPage = lazy(() => import('./mobile-case-list-page').then((m) => ({ default: m.MobileCaseListPage })));
const MobileCasePage = lazy(() => import('./mobile-case-page').then((m) => ({ default: m.MobileCasePage })));
const MobileBundleApplicationPage = lazy(() =>
  import('./mobile-case-bundle-page').then((m) => ({ default: m.MobileBundleApplicationPage })),
);
const MobileWalletPage = lazy(() => import('./mobile-wallet-page').then((m) => ({ default: m.MobileWalletPage })));
// 投诉与建议 and 谁用了我的数据, from 我的.
const MobileComplaintsPage = lazy(() => import('./mobile-complaints-page').then((m) => ({ default: m.MobileComplaintsPage })));
const MobileDataUsesPage = lazy(() => import('./mobile-data-uses-page').then((m) => ({ default: m.MobileDataUsesPage })));

const loading = (page: ReactNode) => <Suspense fallback={<MobileLoading />}>{page}</Suspense>;

function MobileServiceGrid({ tiles }: { tiles: ServiceTile[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Grid columns={4} gap={8}>
      {tiles.map((tile) => {
        const Icon = tile.icon;
        return (
          <Grid.Item key={tile.id} onClick={() => navigate(`/m/portal/services?theme=${tile.theme}`)} data-testid={`service-${tile.id}`}>
            <div className="zl-m-grid-tile">
              <span className="zl-m-tile-icon">
                <Icon />
              </span>
              <span>{t(tile.labelKey)}</span>
            </div>
          </Grid.Item>
        );
      })}
    </Grid>
  );
}

function MobilePortalHome() {
  const { t } = useTranslation();
  const me = useMe();
  const enterprise = me.kind === 'enterprise';
  return (
    <div data-testid="portal-home-mobile">
      <section className="zl-m-hero">
        <h1>
          <Greeting i18nKey="portal.home.greeting" name={me.displayName} />
        </h1>
        <p>{enterprise ? t('portal.home.enterpriseIntro') : t('portal.home.citizenIntro')}</p>
      </section>
      <div style={{ padding: '12px 12px 0' }}>
        <MobileSearch />
      </div>
      <section className="zl-m-section">
        <h2 className="zl-m-section-title">{enterprise ? t('portal.home.enterpriseThemes') : t('portal.home.citizenThemes')}</h2>
        <MobileServiceGrid tiles={tilesFor(me.kind)} />
      </section>
      <MobileBundleCards />
      <MobileRecentCases />
      <Suspense fallback={null}>
        <MobilePortalApps />
      </Suspense>
    </div>
  );
}

/** The latest applications (the 办件 tab has them all), or 暂无办件. */
function MobileRecentCases() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const mine = useMyCases(me.kind !== 'staff');
  const rows = mine.data ? myCaseRows(mine.data.cases, mine.data.bundles).slice(0, 3) : [];
  return (
    <section className="zl-m-section" data-testid="home-cases">
      <h2 className="zl-m-section-title">{t('portal.home.myCases')}</h2>
      {rows.length ? (
        <>
          <MobileCaseRows rows={rows} />
          <button type="button" className="zl-m-more" onClick={() => navigate('/m/portal/cases')}>
            {t('portal.cases.all')}
          </button>
        </>
      ) : (
        <MobileEmpty title={t('portal.home.noCases')} />
      )}
    </section>
  );
}

/** 办事 (`/m/portal/services`): the theme tiles, or with `?theme=` that theme's services. */
function MobileServices() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const theme = params.get('theme');
  const themeKey = themeLabelKey(theme);
  if (theme && themeKey) return loading(<MobileThemeServicesPage key={theme} theme={theme} labelKey={themeKey} />);
  return (
    <div data-testid="portal-services">
      {me.kind !== 'enterprise' ? (
        <section className="zl-m-section">
          <h2 className="zl-m-section-title">{t('portal.services.citizenTitle')}</h2>
          <MobileServiceGrid tiles={citizenTiles()} />
        </section>
      ) : null}
      {me.kind !== 'citizen' ? (
        <section className="zl-m-section">
          <h2 className="zl-m-section-title">{t('portal.services.enterpriseTitle')}</h2>
          <MobileServiceGrid tiles={enterpriseTiles()} />
        </section>
      ) : null}
    </div>
  );
}

function MobileMe() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const applicant = hasPermission(useMe(), 'portal.use');
  return (
    <div data-testid="portal-profile">
      <MobileProfile>
        <List style={{ marginTop: 12 }}>
          <List.Item clickable onClick={() => navigate('/m/portal/certificates')}>
            {t('portal.nav.certificates')}
          </List.Item>
          <List.Item clickable onClick={() => navigate('/m/portal/consents')}>
            {t('portal.nav.consents')}
          </List.Item>
          {applicant ? (
            <List.Item clickable onClick={() => navigate(portalPaths.dataUses('/m/portal'))} data-testid="me-data-uses">
              {t('portal.dataUses.title')}
            </List.Item>
          ) : null}
          {applicant ? (
            <List.Item clickable onClick={() => navigate(portalPaths.complaints('/m/portal'))} data-testid="me-complaints">
              {t('portal.complaints.title')}
            </List.Item>
          ) : null}
        </List>
      </MobileProfile>
    </div>
  );
}

/** Portal (浙里办-like), phones: `/m/portal/*`. */
export function MobilePortalApp() {
  const { t } = useTranslation();
  const tabs: MobileTab[] = [
    { path: '/m/portal', icon: <HomeOutlined />, label: t('portal.mobileTabs.home') },
    { path: '/m/portal/services', icon: <AppstoreOutlined />, label: t('portal.mobileTabs.services') },
    { path: '/m/portal/cases', icon: <ProfileOutlined />, label: t('portal.mobileTabs.cases') },
    {
      path: '/m/portal/me',
      icon: <UserOutlined />,
      label: t('portal.mobileTabs.me'),
      alsoActiveOn: ['/m/portal/certificates', '/m/portal/consents', '/m/portal/complaints', '/m/portal/data-uses'],
    },
  ];
  return (
    <MobileProvider>
      <RequireAuth>
        <MobileTabShell title={t('portal.name')} tabs={tabs} profilePath="/m/portal/me">
          <Routes>
            <Route index element={<MobilePortalHome />} />
            <Route path="services" element={<MobileServices />} />
            <Route path="services/:code" element={loading(<MobileServiceGuidePage />)} />
            <Route path="services/:code/apply" element={loading(<MobileServiceApplyPage />)} />
            <Route path="services/bundles/:code" element={loading(<MobileBundlePage />)} />
            <Route path="services/bundles/:code/apply" element={loading(<MobileBundleApplyPage />)} />
            <Route path="cases" element={loading(<MobileCaseListPage />)} />
            <Route path="cases/:id" element={loading(<MobileCasePage />)} />
            <Route path="cases/bundles/:id" element={loading(<MobileBundleApplicationPage />)} />
            <Route path="certificates" element={loading(<MobileWalletPage />)} />
            <Route
              path="consents"
              element={<MobileEmpty title={t('portal.consents.empty')} description={t('portal.consents.emptyDesc')} />}
            />
            <Route path="complaints" element={loading(<MobileComplaintsPage />)} />
            <Route path="data-uses" element={loading(<MobileDataUsesPage />)} />
            <Route path="me" element={<MobileMe />} />
            <Route path="search" element={loading(<MobileServiceSearchPage />)} />
            <Route path="*" element={<Navigate to="/m/portal" replace />} />
          </Routes>
        </MobileTabShell>
      </RequireAuth>
    </MobileProvider>
  );
}
