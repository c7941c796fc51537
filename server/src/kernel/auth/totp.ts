import { Secret, TOTP } from 'otpauth';

/** RFC 6238 TOTP, 6 digits / 30 s / SHA-1: what every authenticator app speaks. */
function totpFor(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: 'Guanjia', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, username: string): string {
  return totpFor(secretBase32, username).toString();
}

/**
 * Accepts the current code and one step either side (clock drift). Returns the time step the code
 * belongs to, or null; a code for a step at or before `lastStep` (already used) is refused.
 */
export function verifyTotp(secretBase32: string, code: string, lastStep: number | null = null): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code for the current time step, or `stepOffset` steps away (tests, clock drift). */
export function currentTotp(secretBase32: string, stepOffset = 0): string {
  return totpFor(secretBase32).generate({ timestamp: Date.now() + stepOffset * 30_000 });
}
