/**
 * Group commit (合并提交) for a hot write: concurrent requests that each write a little are queued
 * and written together, one statement and one commit for the group, while each caller still gets
 * its own answer (its row, or its own error).
 *
 * Natural batching, no timer: when nothing is being written, a request is written at once, alone
 * (no added latency on a quiet system). While a group is being written, new requests wait in the
 * queue; when it is done, everything queued (up to `maxBatch`) goes as the next group. Under a rush
 * the groups grow by themselves, and the per-statement costs (round trip, planning, executor start,
 * statement triggers, the commit's WAL flush) are paid once per group instead of once per request.
 *
 * Per database handle, one group is in flight at a time unless `concurrency` says more: with two,
 * the database works on one group while the other commits and its answers go out. `conflictKey`
 * keeps two requests that touch the same thing (one person's account, say) out of one group and out
 * of two groups in flight at once: the later waits for a later group, so a group's statement can
 * treat its rows as independent, and two groups never wait on each other's rows for one person.
 * Writes with more than one group in flight must lock shared rows in one order (canteen: the audit
 * chain first, then stock by id, then balances by account).
 *
 * `write(items)` answers every item, in order: `{ ok: true, value }` or `{ ok: false, error }`.
 * If it throws, every caller of that group gets the error; writes usually catch their group's
 * failure themselves and redo its items one by one (see canteen/booking.group.ts).
 */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

/** Runs `f` and keeps its result or its error as an outcome (one request's answer). */
export async function settle<T>(f: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await f() };
  } catch (error) {
    return { ok: false, error };
  }
}

export interface GroupCommitOptions<I, O> {
  /** At most this many requests per group. */
  maxBatch: number;
  /** Groups written at the same time, at most (default 1). Reads may take more than one; writes
   *  keep 1 unless their groups cannot take row locks against each other. */
  concurrency?: number;
  /** Requests with the same key never share a group (e.g. the person whose account is charged). */
  conflictKey?: (item: I) => string | number;
  /** Writes one group; `slot` (0 … concurrency − 1) is the same for no two groups in flight. */
  write: (items: I[], slot: number) => Promise<Outcome<O>[]>;
}

export interface GroupCommit<I, O> {
  /** Queues one request; resolves with its own result or rejects with its own error. */
  submit(item: I): Promise<O>;
  /** Groups written so far and the requests in them (for benchmarks and tests). */
  readonly stats: { groups: number; items: number; largest: number };
}

interface Waiting<I, O> { item: I; resolve: (v: O) => void; reject: (e: unknown) => void }

export function groupCommit<I, O>(opts: GroupCommitOptions<I, O>): GroupCommit<I, O> {
  if (!(opts.maxBatch >= 1)) throw new Error('groupCommit: maxBatch must be at least 1');
  const queue: Waiting<I, O>[] = [];
  const stats = { groups: 0, items: 0, largest: 0 };
  const concurrency = opts.concurrency ?? 1;
  let writing = 0;
  const freeSlots = Array.from({ length: concurrency }, (_, i) => concurrency - 1 - i);

  /** Keys of the requests being written now (in every group in flight). */
  const writingKeys = new Set<string | number>();
  /**
   * The next group: queue order, skipping requests whose key is already in it or in a group in
   * flight (they stay queued, for a later group).
   */
  const take = (): { group: Waiting<I, O>[]; keys: (string | number)[] } => {
    const group: Waiting<I, O>[] = [];
    const keys = new Set<string | number>();
    for (let i = 0; i < queue.length && group.length < opts.maxBatch; ) {
      const w = queue[i]!;
      const key = opts.conflictKey?.(w.item);
      if (key !== undefined && (keys.has(key) || writingKeys.has(key))) {
        i++;
        continue;
      }
      if (key !== undefined) keys.add(key);
      group.push(w);
      queue.splice(i, 1);
    }
    for (const k of keys) writingKeys.add(k);
    return { group, keys: [...keys] };
  };

  const drain = async (): Promise<void> => {
    writing++;
    const slot = freeSlots.pop()!;
    try {
      while (queue.length > 0) {
        const { group, keys } = take();
        // Everything queued is kept out by a group in flight: that group's end drains it.
        if (group.length === 0) break;
        stats.groups++;
        stats.items += group.length;
        stats.largest = Math.max(stats.largest, group.length);
        let outcomes: Outcome<O>[];
        try {
          outcomes = await opts.write(group.map((w) => w.item), slot);
          if (outcomes.length !== group.length) throw new Error(`groupCommit: ${outcomes.length} answers for ${group.length} requests`);
        } catch (error) {
          outcomes = group.map(() => ({ ok: false, error }));
        }
        for (const k of keys) writingKeys.delete(k);
        group.forEach((w, i) => {
          const o = outcomes[i]!;
          if (o.ok) w.resolve(o.value);
          else w.reject(o.error);
        });
      }
    } finally {
      freeSlots.push(slot);
      writing--;
    }
  };

  return {
    stats,
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (writing < concurrency) void drain();
      });
    },
  };
}

/**
 * One group-commit queue per database handle (each test app has its own database; a transaction
 * handle never gets one). `make` runs on the handle's first use.
 */
export function perDatabase<D extends object, G>(make: (db: D) => G): (db: D) => G {
  const all = new WeakMap<D, G>();
  return (db) => {
    let g = all.get(db);
    if (!g) all.set(db, (g = make(db)));
    return g;
  };
}
