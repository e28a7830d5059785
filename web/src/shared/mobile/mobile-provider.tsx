import type { ReactNode } from 'react';
import { ConfigProvider, unstableSetRender } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { createRoot, type Root } from 'react-dom/client';
import { usePreferences } from '../preferences';
import './mobile.css';

// antd-mobile renders Toast and Dialog with the React 18 API; give it React 19's createRoot.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await Promise.resolve();
    root.unmount();
    roots.delete(container);
  };
});

export function MobileProvider({ children }: { children: ReactNode }) {
  const { language } = usePreferences();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN}>
      <div className="zl-mobile">{children}</div>
    </ConfigProvider>
  );
}
