import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from '../../shared/auth';
import { DesktopProvider } from '../../shared/desktop/desktop-provider';
import { LoadingBlock } from '../../shared/desktop/states';
import { CasesPage, CertificatesPage, ConsentsPage, PortalHome, SearchPage, ServicesPage } from './portal-pages';
import { PortalShell } from './portal-shell';
import '../portal.css';

// The profile (antd Descriptions) is not on the first route: load it when opened.
const PortalProfilePage = lazy(() => import('./portal-profile-page').then((m) => ({ default: m.PortalProfilePage })));

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
              <Route path="cases" element={<CasesPage />} />
              <Route path="certificates" element={<CertificatesPage />} />
              <Route path="consents" element={<ConsentsPage />} />
              <Route path="me" element={<PortalProfilePage />} />
              <Route path="search" element={<SearchPage />} />
              <Route path="*" element={<Navigate to="/portal" replace />} />
            </Routes>
          </Suspense>
        </PortalShell>
      </RequireAuth>
    </DesktopProvider>
  );
}
