import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';
import { withTexts } from '../shared/i18n';

const ConsoleApp = lazy(() =>
  withTexts(['console', 'catalog', 'workbench'], import('./console-app')).then((m) => ({ default: m.ConsoleApp })),
);

/** Console (platform administration), desktop only. */
export const consoleRoutes: FrontEndRoute[] = [{ path: '/console/*', element: <ConsoleApp /> }];
