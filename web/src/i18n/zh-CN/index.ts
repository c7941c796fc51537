import { approvals, home, notifications } from './work';
import { auth } from './auth';
import { org, users } from './admin';
import { audit, roles, settings } from './security';
import { common, errors, nav, shell } from './shell';
import { office } from './office';
import { energy } from './energy';
import { canteen } from './canteen';
import { plans } from './plans';

/** Simplified Chinese: the source of every UI string. */
const zhCN = { common, nav, shell, errors, auth, home, approvals, notifications, org, users, roles, audit, settings, office, energy, canteen, plans };
export default zhCN;

type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
/** Every other language must have exactly these keys. */
export type Messages = DeepString<typeof zhCN>;
