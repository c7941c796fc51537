import { createHash } from 'node:crypto';

/** JSON with sorted keys: jsonb reorders keys, so the hash must not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The fields a record's hash covers, besides its id and the previous hash. */
export interface ChainedFields {
  chain: number;
  at: Date;
  userId: number | null;
  username: string | null;
  orgUnitId: number | null;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: unknown;
  after: unknown;
  result: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export const payloadOf = (record: ChainedFields) => canonicalJson({ ...record, at: record.at.toISOString() });

/** sha256(prev_hash "\n" id "\n" payload): the same formula the database computes on insert. */
export function chainHash(prevHash: string, id: number, payload: string): string {
  return createHash('sha256').update(`${prevHash}\n${id}\n${payload}`, 'utf8').digest('hex');
}
