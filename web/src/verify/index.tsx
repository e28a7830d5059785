import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';

const VerifyPage = lazy(() => import('./verify-page').then((m) => ({ default: m.VerifyPage })));

/** 电子证照核验: opened by scanning a certificate's QR code; public, phone first. */
export const verifyRoutes: FrontEndRoute[] = [
  { path: '/verify', element: <VerifyPage /> },
  { path: '/verify/:serialNo', element: <VerifyPage /> },
];
