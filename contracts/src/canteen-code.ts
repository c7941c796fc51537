// Canteen helpers shared by server and web without zod (zod's JIT probe trips the pages' CSP).
/**
 * The pickup code inside what a scanner, a camera or a person typed: the phone's QR code holds
 * `GJC:<code>`; a bare code is accepted too. Upper-cased, spaces dropped. Null when it cannot be
 * a pickup code (e.g. a QR code of a web address), so the counter says so instead of guessing.
 */
export function parsePickupCode(text: string): string | null {
  const t = text.trim().replace(/\s+/g, '').toUpperCase();
  const code = t.startsWith('GJC:') ? t.slice(4) : t;
  return /^[A-Z0-9]{4,40}$/.test(code) ? code : null;
}
