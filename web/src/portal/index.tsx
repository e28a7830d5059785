import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';
import { withTexts } from '../shared/i18n';

const PortalApp = lazy(() => withTexts(['portal'], import('./desktop/portal-app')).then((m) => ({ default: m.PortalApp })));
const MobilePortalApp = lazy(() =>
  withTexts(['portal'], import('./mobile/mobile-portal-app')).then((m) => ({ default: m.MobilePortalApp })),
);

/** Portal (浙里办-like): citizens and enterprises. */
export const portalRoutes: FrontEndRoute[] = [
  { path: '/portal/*', element: <PortalApp /> },
  { path: '/m/portal/*', element: <MobilePortalApp /> },
];
