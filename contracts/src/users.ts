import { z } from 'zod';
import { Locale, PageQuery } from './common';

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  rank: z.string().nullable(),
  /** Masked unless the caller may see personal data in full. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  locale: Locale,
  active: z.boolean(),
  locked: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserQuery = PageQuery.extend({
  orgUnitId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).optional(),
});

const Username = z.string().trim().min(3).max(32).regex(/^[a-zA-Z0-9_.-]+$/, 'username_chars');
const Phone = z.string().trim().regex(/^1\d{10}$/, 'phone_format');

export const UserCreate = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(50),
  orgUnitId: z.number().int().positive(),
  rank: z.string().max(40).nullable().optional(),
  phone: Phone.nullable().optional(),
  email: z.string().trim().email().max(100).nullable().optional(),
});
export const UserUpdate = UserCreate.omit({ username: true }).partial().extend({ active: z.boolean().optional() });

/** A one-time password, shown once to the admin who created or reset the account. */
export const OneTimePassword = z.object({ user: User, oneTimePassword: z.string() });
