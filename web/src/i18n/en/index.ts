import type { Messages } from '../zh-CN';
import { approvals, home, notifications } from './work';
import { auth } from './auth';
import { org, users } from './admin';
import { audit, roles, settings } from './security';
import { common, errors, nav, shell } from './shell';
import { office } from './office';
import { energy } from './energy';
import { canteen } from './canteen';
import { plans } from './plans';

/** English: same keys as Simplified Chinese (checked by the `Messages` type). */
const en: Messages = { common, nav, shell, errors, auth, home, approvals, notifications, org, users, roles, audit, settings, office, energy, canteen, plans };
export default en;
