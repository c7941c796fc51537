import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { PasswordPolicy, SecurityPolicy } from '@guanjia/contracts';
import type { Db, Tx } from '../../db/client';
import { settings } from '../auth/auth.schema';

/** Each setting: its zod schema and the default that holds until an admin changes it. */
const definitions = {
  'password-policy': {
    schema: PasswordPolicy,
    defaults: { minLength: 10, minClasses: 3, expiryDays: 90, lockoutThreshold: 5, lockoutWindowMinutes: 15, lockoutMinutes: 15, idleTimeoutMinutes: 30 },
    permission: { read: 'kernel.settings.read', write: 'kernel.settings.write' },
  },
  'security-policy': {
    schema: SecurityPolicy,
    defaults: { requireTotpForAdmins: false },
    permission: { read: 'kernel.security.write', write: 'kernel.security.write' },
  },
} as const;

export type SettingKey = keyof typeof definitions;
export type SettingValue<K extends SettingKey> = z.infer<(typeof definitions)[K]['schema']>;
export const settingKeys = Object.keys(definitions) as SettingKey[];
export const settingDefinition = <K extends SettingKey>(key: K) => definitions[key];

/**
 * Settings are read on every request (idle timeout, lockout): cached per process for a few seconds.
 * A change applies at once on the instance that made it and within CACHE_MS on the others.
 */
const CACHE_MS = 5000;
const cache = new WeakMap<object, Map<string, { value: unknown; at: number; generation: number }>>();
const generations = new Map<string, number>();

export async function getSetting<K extends SettingKey>(db: Db | Tx, key: K): Promise<SettingValue<K>> {
  const perDb = cache.get(db) ?? new Map();
  cache.set(db, perDb);
  const hit = perDb.get(key);
  const generation = generations.get(key) ?? 0;
  if (hit && hit.generation === generation && Date.now() - hit.at < CACHE_MS) return hit.value as SettingValue<K>;
  const value = await readSetting(db, key);
  perDb.set(key, { value, at: Date.now(), generation });
  return value;
}

async function readSetting<K extends SettingKey>(db: Db | Tx, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const def = definitions[key];
  // Stored values are merged over defaults so a new field in a policy gets its default.
  const parsed = def.schema.safeParse({ ...def.defaults, ...((row?.value as object | undefined) ?? {}) });
  return (parsed.success ? parsed.data : def.defaults) as SettingValue<K>;
}

/** Call after the transaction that changed a setting has committed. */
export function invalidateSetting(key: SettingKey): void {
  generations.set(key, (generations.get(key) ?? 0) + 1);
}

export async function putSetting<K extends SettingKey>(tx: Tx, key: K, value: SettingValue<K>): Promise<void> {
  await tx
    .insert(settings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
}
