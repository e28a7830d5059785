import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';
import { withTexts } from '../shared/i18n';

const WorkbenchApp = lazy(() => withTexts(['workbench'], import('./desktop/workbench-app')).then((m) => ({ default: m.WorkbenchApp })));
const MobileWorkbenchApp = lazy(() =>
  withTexts(['workbench'], import('./mobile/mobile-workbench-app')).then((m) => ({ default: m.MobileWorkbenchApp })),
);

/** Workbench (浙政钉-like): government staff. */
export const workbenchRoutes: FrontEndRoute[] = [
  { path: '/workbench/*', element: <WorkbenchApp /> },
  { path: '/m/workbench/*', element: <MobileWorkbenchApp /> },
];
