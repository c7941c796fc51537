import i18n from './index';
import { modulesZh } from './zh-CN/modules';
import { modulesEn } from './en/modules';

/**
 * Adds the domain modules' strings to the catalogs. Imported by the signed-in shell's lazy chunk,
 * so it runs before any page that uses them renders, and the login page never downloads them.
 */
i18n.addResourceBundle('zh-CN', 'translation', modulesZh, true, true);
i18n.addResourceBundle('en', 'translation', modulesEn, true, true);
