import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from '../../shared/auth';
import { DesktopProvider } from '../../shared/desktop/desktop-provider';
import { LoadingBlock } from '../../shared/desktop/states';
import { CasesPage, CertificatesPage, ConsentsPage, PortalHome, ServicesPage } from './portal-pages';
import { PortalShell } from './portal-shell';
import '../portal.css';

// The profile, search and 办事指南 are not on the first route: load them when opened.
const PortalProfilePage = lazy(() => import('./portal-profile-page').then((m) => ({ default: m.PortalProfilePage })));
const ServiceSearchPage = lazy(() => import('./service-search-page').then((m) => ({ default: m.ServiceSearchPage })));
const ServiceGuidePage = lazy(() => import('./service-guide-page').then((m) => ({ default: m.ServiceGuidePage })));

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
              <Route path="cases" element={<CasesPage />} />
              <Route path="certificates" element={<CertificatesPage />} />
              <Route path="consents" element={<ConsentsPage />} />
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
