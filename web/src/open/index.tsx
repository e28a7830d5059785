import { lazy } from 'react';
import type { FrontEndRoute } from '../shared/front-end';
import { withTexts } from '../shared/i18n';

const OpenApp = lazy(() => withTexts(['openData', 'catalog'], import('./open-app')).then((m) => ({ default: m.OpenApp })));

/** 公共数据开放 (open-data Portal): browsing needs no login; API keys and applications do. */
export const openRoutes: FrontEndRoute[] = [{ path: '/open/*', element: <OpenApp /> }];
