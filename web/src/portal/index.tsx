import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';

const PortalApp = lazy(() => import('./desktop/portal-app').then((m) => ({ default: m.PortalApp })));
const MobilePortalApp = lazy(() => import('./mobile/mobile-portal-app').then((m) => ({ default: m.MobilePortalApp })));

/** Portal (浙里办-like): citizens and enterprises. */
export const portalRoutes: FrontEndRoute[] = [
  { path: '/portal/*', element: <PortalApp /> },
  { path: '/m/portal/*', element: <MobilePortalApp /> },
];
