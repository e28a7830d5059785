import { useMemo, type ReactNode } from 'react';
import { App as AntdApp, ConfigProvider, unstableSetRender, type ThemeConfig } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { createRootRender } from '../create-root-render';
import { usePreferences } from '../preferences';
import './desktop.css';

// antd 5 renders its static pop-ups (message, Modal.confirm) with the React 18 API;
// give it React 19's createRoot. Components here use App.useApp() anyway.
unstableSetRender(createRootRender);

const standardTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1456f0',
    colorLink: '#1456f0',
    borderRadius: 8,
  },
};

/** 适老化: large type, black text, strong primary, bigger controls and fewer visual subtleties. */
const elderTheme: ThemeConfig = {
  token: {
    fontSize: 20,
    fontSizeSM: 18,
    fontSizeLG: 22,
    colorText: '#000',
    colorTextSecondary: '#1f1f1f',
    colorTextTertiary: '#262626',
    colorTextDescription: '#262626',
    colorTextPlaceholder: '#595959',
    colorPrimary: '#0039b3',
    colorLink: '#0039b3',
    colorBorder: '#595959',
    colorError: '#c00000',
    colorSuccess: '#006b1b',
    controlHeight: 44,
    controlHeightSM: 36,
    controlHeightLG: 52,
    borderRadius: 4,
    lineWidth: 1,
    motion: false,
  },
  components: {
    Menu: { itemHeight: 56, iconSize: 20 },
    Table: { cellPaddingBlock: 14 },
  },
};

export function DesktopProvider({ children }: { children: ReactNode }) {
  const { language, elder } = usePreferences();
  const theme = useMemo(() => (elder ? elderTheme : standardTheme), [elder]);
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme}>
      <AntdApp className="zl-desktop">{children}</AntdApp>
    </ConfigProvider>
  );
}
