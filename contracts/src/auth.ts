import { z } from 'zod';
import { Locale } from './common';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
});
export const TotpBody = z.object({ code: z.string().regex(/^\d{6}$/) });

/** What the shell needs about the signed-in user. */
export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  locale: Locale,
  permissions: z.array(z.string()),
  /** Units the user acts over, with the roles held there (the acting scope shown in the shell). */
  scopes: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), roles: z.array(z.string()) })),
  roles: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  /** The security admin requires a second factor of this user and it is not set up yet. */
  totpSetupRequired: z.boolean(),
  csrfToken: z.string(),
  idleTimeoutMinutes: z.number().int(),
});
export type Me = z.infer<typeof Me>;

export const LoginResult = z.object({
  status: z.enum(['ok', 'totp_required', 'totp_setup_required', 'password_change_required']),
  me: Me.optional(),
  csrfToken: z.string(),
});
export type LoginResult = z.infer<typeof LoginResult>;

export const ChangePasswordBody = z.object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) });
export const TotpSetup = z.object({ secret: z.string(), uri: z.string() });
export const LocaleBody = z.object({ locale: Locale });
