import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '../kernel/contracts';
import { setRequestLanguage } from '../kernel/api';
import zhCN from './zh-CN';
import en from './en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
// The UI language is a preference, not a secret: keeping it in localStorage is fine.
const STORAGE_KEY = 'guanjia.locale';

const isLocale = (v: unknown): v is Locale => v === 'zh-CN' || v === 'en';

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    /* storage unavailable */
  }
  return 'zh-CN';
}

function applySideEffects(lng: string): void {
  document.documentElement.lang = lng;
  setRequestLanguage(lng);
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  document.title = i18n.t('common.appName');
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLocale(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
});
applySideEffects(i18n.language);
i18n.on('languageChanged', applySideEffects);

export const currentLocale = (): Locale => (isLocale(i18n.language) ? i18n.language : 'zh-CN');
export const otherLocale = (l: Locale): Locale => (l === 'zh-CN' ? 'en' : 'zh-CN');

/** Switch the UI language locally (the shell also saves it on the server). */
export async function changeLocale(l: Locale): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    /* storage unavailable */
  }
  if (i18n.language !== l) await i18n.changeLanguage(l);
}

// A language picked on the sign-in page is a fresh, explicit choice: it replaces the saved one.
let pickedBeforeSignIn = false;
export const markLocalePicked = (): void => {
  pickedBeforeSignIn = true;
};
/** True once after the language was picked on the sign-in page. */
export const takeLocalePicked = (): boolean => {
  const v = pickedBeforeSignIn;
  pickedBeforeSignIn = false;
  return v;
};

/** Pick the zh / en variant of a name coming from the server. */
export const localName = (o: { nameZh: string; nameEn: string }, lng = i18n.language): string =>
  lng === 'en' ? o.nameEn : o.nameZh;

export default i18n;
