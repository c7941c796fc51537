import { canteen as zh } from '../../../i18n/zh-CN/canteen';
import { canteen as en } from '../../../i18n/en/canteen';
import { lang } from './api';

type Tree = { [k: string]: string | Tree };

/** The phone pages' own lookup over the canteen catalog (no i18next in this bundle). */
export function t(key: string, params: Record<string, string | number> = {}): string {
  let node: string | Tree | undefined = (lang === 'en' ? en : zh) as unknown as Tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  const s = typeof node === 'string' ? node : key;
  return s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}
