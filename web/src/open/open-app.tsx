import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from '../shared/auth';
import { DesktopProvider } from '../shared/desktop/desktop-provider';
import { LoadingBlock } from '../shared/desktop/states';
import { OpenShell } from './open-shell';
import { SearchPage } from './search-page';
import './open.css';

// The search page is the first route; the others (and echarts with the dataset page) load when opened.
const DatasetPage = lazy(() => import('./dataset-page').then((m) => ({ default: m.DatasetPage })));
const MePage = lazy(() => import('./me-page').then((m) => ({ default: m.MePage })));
const ReviewPage = lazy(() => import('./review-page').then((m) => ({ default: m.ReviewPage })));

/** 公共数据开放, desktop: `/open/*`. */
export function OpenApp() {
  return (
    <DesktopProvider>
      <OpenShell>
        <Suspense fallback={<LoadingBlock />}>
          <Routes>
            <Route index element={<SearchPage />} />
            <Route path="datasets/:name" element={<DatasetPage />} />
            <Route
              path="me"
              element={
                <RequireAuth>
                  <MePage />
                </RequireAuth>
              }
            />
            <Route
              path="review"
              element={
                <RequireAuth>
                  <ReviewPage />
                </RequireAuth>
              }
            />
            <Route path="*" element={<Navigate to="/open" replace />} />
          </Routes>
        </Suspense>
      </OpenShell>
    </DesktopProvider>
  );
}
