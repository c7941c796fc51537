import type { KernelMessages } from '../zh-CN';
import { approvals, home, notifications } from './work';
import { auth } from './auth';
import { org, users } from './admin';
import { audit, roles, settings } from './security';
import { common, errors, nav, shell } from './shell';

/** English: same keys as Simplified Chinese (checked by the `KernelMessages` type). */
const en: KernelMessages = { common, nav, shell, errors, auth, home, approvals, notifications, org, users, roles, audit, settings };
export default en;
