import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api';

/** Text to show for any failure: the server's message (already localised) or a generic one. */
export function useErrorText() {
  const { t } = useTranslation();
  return useCallback(
    (e: unknown): string => {
      if (isApiError(e)) {
        if (e.code === 'network') return t('common.networkError');
        return e.message || t('common.unknownError');
      }
      return t('common.unknownError');
    },
    [t],
  );
}

/** Show a failure as a toast. */
export function useNotifyError() {
  const { message } = App.useApp();
  const text = useErrorText();
  return useCallback((e: unknown) => void message.error(text(e)), [message, text]);
}

/**
 * Put the server's field errors (`details[].path` like `body.username`) next to their form fields.
 * Returns true when at least one field got an error.
 */
export function applyFieldErrors(form: FormInstance, e: unknown): boolean {
  if (!isApiError(e) || e.details.length === 0) return false;
  const fields = e.details
    .filter((d) => d.path)
    .map((d) => ({ name: (d.path ?? '').replace(/^body\./, '').split('.'), errors: [d.message] }))
    .filter((f) => f.name.length > 0 && f.name[0] !== '');
  const registered = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const known = fields.filter((f) => registered.has(f.name[0] ?? ''));
  if (known.length === 0) return false;
  form.setFields(known);
  return true;
}
