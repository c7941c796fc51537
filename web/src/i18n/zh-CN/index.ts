import { approvals, home, notifications } from './work';
import { auth } from './auth';
import { org, users } from './admin';
import { audit, roles, settings } from './security';
import { common, errors, nav, shell } from './shell';
import type { modulesZh } from './modules';

/** Simplified Chinese: the source of every UI string. Loaded with the first page (sign-in). */
const zhCN = { common, nav, shell, errors, auth, home, approvals, notifications, org, users, roles, audit, settings };
export default zhCN;

type DeepString<T> = { [K in keyof T]: T[K] extends string ? string : DeepString<T[K]> };
/** The strings loaded with the first page; every other language must have exactly these keys. */
export type KernelMessages = DeepString<typeof zhCN>;
/** The same for the module strings that load after sign-in (see `./modules.ts`). */
export type ModuleMessages = DeepString<typeof modulesZh>;
/** All strings, as pages see them once signed in. */
export type Messages = KernelMessages & ModuleMessages;
