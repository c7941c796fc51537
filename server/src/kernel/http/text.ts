/** Lone UTF-16 surrogates: not valid Unicode, silently replaced by the database, so refused up front. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL cannot store as given: NUL characters and lone surrogates. */
export function hasBadText(value: unknown, depth = 0): boolean {
  if (depth > 20) return false;
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some((v) => hasBadText(v, depth + 1));
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) return Object.entries(value).some(([k, v]) => hasBadText(k, depth + 1) || hasBadText(v, depth + 1));
  return false;
}

/** The same text as the database will store it (defence in depth for hashed audit records). */
export function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\u0000/g, '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD') as T;
  if (Array.isArray(value)) return value.map(storable) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k), storable(v)])) as T;
  return value;
}
