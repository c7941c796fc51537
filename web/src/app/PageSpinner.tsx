import { useTranslation } from 'react-i18next';

/**
 * Loading indicator while a page's code or the session loads. Plain CSS (index.css), so the first
 * paint needs no UI library; it fades in after a moment, so quick loads do not flicker.
 */
export function PageSpinner() {
  const { t } = useTranslation();
  return <div className="page-spinner" role="progressbar" aria-busy="true" aria-label={t('common.loading')} />;
}
