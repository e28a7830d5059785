import type { ReactNode } from 'react';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createRootRender } from '../create-root-render';
import { usePreferences } from '../preferences';
import './mobile.css';

// antd-mobile renders Toast and Dialog with the React 18 API; give it React 19's createRoot.
unstableSetRender(createRootRender);

export function MobileProvider({ children }: { children: ReactNode }) {
  const { language } = usePreferences();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN}>
      <div className="zl-mobile">{children}</div>
    </ConfigProvider>
  );
}
