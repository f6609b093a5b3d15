// i18next with zh-CN (default) and English; the language choice lives in localStorage.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en';
import { isLanguage, rememberLanguage, storedLanguage, type Language } from './language';
import zhCN from './zh-CN';

export { LANGUAGES, type Language } from './language';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  initAsync: false,
});

function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.tagline')}`;
}

applyDocumentLanguage(i18n.language);
i18n.on('languageChanged', applyDocumentLanguage);

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export async function changeLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await i18n.changeLanguage(language);
}

export default i18n;
