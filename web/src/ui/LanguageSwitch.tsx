import { GlobalOutlined } from '@ant-design/icons';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n';

/** 中文 / English switch; the choice is remembered in localStorage. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const value = currentLanguage();
  return (
    <span className="yx-language-switch" role="group" aria-label={t('language.label')} data-lang={i18n.language}>
      <GlobalOutlined aria-hidden className="yx-language-icon" />
      <Segmented<Language>
        size={size}
        value={value}
        options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
        onChange={(language) => void changeLanguage(language)}
      />
    </span>
  );
}
