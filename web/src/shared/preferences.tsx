import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, type Language } from './i18n';

export const ELDER_STORAGE_KEY = 'zhili.elder';
const ELDER_CLASS = 'elder';

export function readStoredElderMode(): boolean {
  try {
    return window.localStorage.getItem(ELDER_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

/** 适老化: the `elder` class on <html> switches the CSS to large type and high contrast. */
export function applyElderMode(on: boolean): void {
  document.documentElement.classList.toggle(ELDER_CLASS, on);
}

interface Preferences {
  language: Language;
  setLanguage: (language: Language) => void;
  toggleLanguage: () => void;
  elder: boolean;
  setElder: (on: boolean) => void;
  toggleElder: () => void;
}

const PreferencesContext = createContext<Preferences | null>(null);

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [elder, setElderState] = useState(readStoredElderMode);

  const setLanguage = useCallback(
    (next: Language) => {
      if (next === currentLanguage()) return;
      void changeLanguage(next).then(() => {
        // The server localises names and messages: fetch again in the new language.
        void queryClient.invalidateQueries();
      });
    },
    [queryClient],
  );

  const setElder = useCallback((on: boolean) => {
    try {
      if (on) window.localStorage.setItem(ELDER_STORAGE_KEY, '1');
      else window.localStorage.removeItem(ELDER_STORAGE_KEY);
    } catch {
      // storage unavailable: the mode lasts for this page only
    }
    applyElderMode(on);
    setElderState(on);
  }, []);

  const value = useMemo<Preferences>(
    () => ({
      language,
      setLanguage,
      toggleLanguage: () => setLanguage(language === 'en' ? 'zh-CN' : 'en'),
      elder,
      setElder,
      toggleElder: () => setElder(!elder),
    }),
    [language, setLanguage, elder, setElder],
  );

  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

export function usePreferences(): Preferences {
  const preferences = useContext(PreferencesContext);
  if (!preferences) throw new Error('usePreferences outside PreferencesProvider');
  return preferences;
}
