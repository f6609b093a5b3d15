// i18next with zh-CN (default) and English; the language choice lives in localStorage.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { catalogMessages } from '../features/catalog/i18n';
import { authoringMessages } from '../features/authoring/i18n';
import { manageMessages } from '../features/manage/i18n';
import { classesMessages } from '../features/classes/i18n';
import { teachersMessages } from '../features/teachers/i18n';
import { learnerClassesMessages } from '../features/learning-classes/i18n';
import { learningMessages } from '../features/learning/i18n';
import { institutionsMessages } from '../features/institutions/i18n';
import { dashboardMessages } from '../features/dashboard/i18n';
import { traceMessages } from '../features/trace/i18n';
import { inspectionMessages } from '../features/inspection/i18n';
import { alertsMessages } from '../features/alerts/i18n';
import { facesMessages } from '../features/faces/i18n';
import { calendarMessages } from '../features/calendar/i18n';
import { consequencesMessages } from '../features/consequences/i18n';
import { examsMessages } from '../features/exams/i18n';
import { certificatesMessages } from '../features/certificates/i18n';
import { questionBanksMessages } from '../features/question-banks/i18n';
import { subsidiesMessages } from '../features/subsidies/i18n';
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

// Feature folders keep their own messages (catalogue, authoring, management, classes) and merge them in here.
for (const bundle of [
  catalogMessages,
  authoringMessages,
  manageMessages,
  classesMessages,
  institutionsMessages,
  learnerClassesMessages,
  teachersMessages,
  learningMessages,
  dashboardMessages,
  traceMessages,
  inspectionMessages,
  alertsMessages,
  facesMessages,
  calendarMessages,
  examsMessages,
  certificatesMessages,
  questionBanksMessages,
  subsidiesMessages,
  consequencesMessages,
]) {
  i18n.addResourceBundle('zh-CN', 'translation', bundle['zh-CN'], true, false);
  i18n.addResourceBundle('en', 'translation', bundle.en, true, false);
}

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
