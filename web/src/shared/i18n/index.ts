import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { textGroups, type TextGroup, type Texts } from './zh-CN';
import { texts as core } from './zh-CN/core';

export type Language = 'zh-CN' | 'en';

export const LANGUAGE_STORAGE_KEY = 'zhili.lang';
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Texts };
  }
}

export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return stored === 'en' || stored === 'zh-CN' ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

/**
 * A front end's Chinese texts, added before its first page renders (the shared ones ship with
 * the app). English is one chunk with every front end's texts.
 */
async function loadTexts(groups: TextGroup[]): Promise<void> {
  const loaded = await Promise.all(groups.map((group) => textGroups[group]()));
  for (const { texts } of loaded) i18next.addResourceBundle('zh-CN', 'translation', texts, true, false);
}

/** A front end's lazy module together with its texts: `lazy(() => withTexts(['portal'], import('./app')))`. */
export async function withTexts<T>(groups: TextGroup[], module: Promise<T>): Promise<T> {
  const [loaded] = await Promise.all([module, loadTexts(groups)]);
  return loaded;
}

/** Chinese ships with the app; English is its own chunk, fetched the first time it is chosen. */
async function loadLanguage(language: Language): Promise<void> {
  if (language === 'zh-CN' || i18next.hasResourceBundle(language, 'translation')) return;
  const { en } = await import('./en');
  i18next.addResourceBundle('en', 'translation', en);
}

export async function changeLanguage(language: Language): Promise<void> {
  await loadLanguage(language);
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // storage may be unavailable (private mode); the choice then lasts for this page only
  }
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}

/** Ready to render: in Chinese at once; for an English reader once the English texts are in. */
export async function initI18n(): Promise<typeof i18next> {
  const language = readStoredLanguage();
  document.documentElement.lang = language;
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: core as Texts } },
    partialBundledLanguages: true,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: ['zh-CN', 'en'],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (language !== DEFAULT_LANGUAGE) {
    await loadLanguage(language).catch(() => undefined); // offline: stay in Chinese
    await i18next.changeLanguage(language);
  }
  return i18next;
}
