import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';

const ConsoleApp = lazy(() => import('./console-app').then((m) => ({ default: m.ConsoleApp })));

/** Console (platform administration), desktop only. */
export const consoleRoutes: FrontEndRoute[] = [{ path: '/console/*', element: <ConsoleApp /> }];
