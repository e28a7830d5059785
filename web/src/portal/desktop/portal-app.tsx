import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from '../../shared/auth';
import { DesktopProvider } from '../../shared/desktop/desktop-provider';
import { LoadingBlock } from '../../shared/desktop/states';
import { ConsentsPage, PortalHome, ServicesPage } from './portal-pages';
import { PortalShell } from './portal-shell';
import '../portal.css';

// The profile, search and 办事指南 are not on the first route: load them when opened.
const PortalProfilePage = lazy(() => import('./portal-profile-page').then((m) => ({ default: m.PortalProfilePage })));
const ServiceSearchPage = lazy(() => import('./service-search-page').then((m) => ({ default: m.ServiceSearchPage })));
const ServiceGuidePage = lazy(() => import('./service-guide-page').then((m) => ({ default: m.ServiceGuidePage })));
// 一网通办: 一件事, applying, 我的办件, one case, the 电子证照 wallet.
const BundlePage = lazy(() => import('./apply-bundle-page').then((m) => ({ default: m.BundlePage })));
const ServiceApplyPage = lazy(() => import('./apply-page').then((m) => ({ default: m.ServiceApplyPage })));
const BundleApplyPage = lazy(() => import('./apply-page').then((m) => ({ default: m.BundleApplyPage })));
const CaseListPage = lazy(() => import('./case-list-page').then((m) => ({ default: m.CaseListPage })));
const CasePage = lazy(() => import('./case-page').then((m) => ({ default: m.CasePage })));
const BundleApplicationPage = lazy(() => import('./case-bundle-page').then((m) => ({ default: m.BundleApplicationPage })));
const WalletPage = lazy(() => import('./wallet-page').then((m) => ({ default: m.WalletPage })));
// 投诉与建议 and 谁用了我的数据.
const ComplaintsPage = lazy(() => import('./complaints-page').then((m) => ({ default: m.ComplaintsPage })));
const DataUsesPage = lazy(() => import('./data-uses-page').then((m) => ({ default: m.DataUsesPage })));

/** Portal (浙里办-like), desktop: `/portal/*`. */
export function PortalApp() {
  return (
    <DesktopProvider>
      <RequireAuth>
        <PortalShell>
          <Suspense fallback={<LoadingBlock />}>
            <Routes>
              <Route index element={<PortalHome />} />
              <Route path="services" element={<ServicesPage />} />
              <Route path="services/:code" element={<ServiceGuidePage />} />
              <Route path="services/:code/apply" element={<ServiceApplyPage />} />
              <Route path="services/bundles/:code" element={<BundlePage />} />
              <Route path="services/bundles/:code/apply" element={<BundleApplyPage />} />
              <Route path="cases" element={<CaseListPage />} />
              <Route path="cases/:id" element={<CasePage />} />
              <Route path="cases/bundles/:id" element={<BundleApplicationPage />} />
              <Route path="certificates" element={<WalletPage />} />
              <Route path="consents" element={<ConsentsPage />} />
              <Route path="complaints" element={<ComplaintsPage />} />
              <Route path="data-uses" element={<DataUsesPage />} />
              <Route path="me" element={<PortalProfilePage />} />
              <Route path="search" element={<ServiceSearchPage />} />
              <Route path="*" element={<Navigate to="/portal" replace />} />
            </Routes>
          </Suspense>
        </PortalShell>
      </RequireAuth>
    </DesktopProvider>
  );
}
