import { z } from 'zod';

/** 身份鉴别 policy (MLPS 2.0): managed by the system admin. */
export const PasswordPolicy = z.object({
  minLength: z.number().int().min(8).max(64),
  /** How many of: lower case, upper case, digit, symbol. */
  minClasses: z.number().int().min(1).max(4),
  expiryDays: z.number().int().min(0).max(365),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutWindowMinutes: z.number().int().min(1).max(1440),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(480),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

/** Managed by the security admin. */
export const SecurityPolicy = z.object({ requireTotpForAdmins: z.boolean() });
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;
