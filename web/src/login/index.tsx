import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';

const LoginPage = lazy(() => import('./login-page').then((m) => ({ default: m.LoginPage })));
const MobileLoginPage = lazy(() => import('./mobile-login-page').then((m) => ({ default: m.MobileLoginPage })));

export const loginRoutes: FrontEndRoute[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/m/login', element: <MobileLoginPage /> },
];
