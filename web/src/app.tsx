import { Suspense, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';
import { consoleRoutes } from './console';
import { loginRoutes } from './login';
import { openRoutes } from './open';
import { portalRoutes } from './portal';
import { AuthProvider, HomeRedirect } from './shared/auth';
import type { FrontEndRoute } from './shared/front-end';
import { NotFoundPage, PageFallback } from './shared/page-fallback';
import { PreferencesProvider } from './shared/preferences';
import { createQueryClient } from './shared/query';
import { verifyRoutes } from './verify';
import { workbenchRoutes } from './workbench';

// Each front end's index.tsx lists its routes; their pages are React.lazy chunks,
// so a visitor downloads only the front end (and UI library) they open.
const frontEndRoutes: FrontEndRoute[] = [
  ...loginRoutes,
  ...portalRoutes,
  ...workbenchRoutes,
  ...consoleRoutes,
  ...openRoutes,
  ...verifyRoutes,
];

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider>
        <AuthProvider>
          <BrowserRouter>
            <Suspense fallback={<PageFallback />}>
              <Routes>
                <Route path="/" element={<HomeRedirect mobile={false} />} />
                <Route path="/m" element={<HomeRedirect mobile />} />
                {frontEndRoutes.map((route) => (
                  <Route key={route.path} path={route.path} element={route.element} />
                ))}
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
