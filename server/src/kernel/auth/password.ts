import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordPolicy } from '@guanjia/contracts';
import { AppError } from '../http/errors';

// argon2id (the library default algorithm), OWASP-recommended cost.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string) => hash(plain, OPTIONS);

/** A hash no password matches: accounts created by import until an admin resets them. */
export const UNUSABLE_PASSWORD = '!';

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  if (!stored.startsWith('$argon2')) return false;
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Throws a localisable error naming the first rule the password breaks. */
export function checkPolicy(policy: PasswordPolicy, password: string, username: string): void {
  if (password.length < policy.minLength) throw new AppError('password_too_short', 400, { min: policy.minLength }, [{ path: 'newPassword', message: 'password_too_short' }]);
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
  if (classes < policy.minClasses) throw new AppError('password_classes', 400, { n: policy.minClasses }, [{ path: 'newPassword', message: 'password_classes' }]);
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    throw new AppError('password_contains_username', 400, {}, [{ path: 'newPassword', message: 'password_contains_username' }]);
}

/** A one-time password that satisfies any policy up to 4 classes and 16 characters. */
export function oneTimePassword(length = 16): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '@#%+=?'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
