import { describe, expect, it } from 'vitest';
import { groupCommit, settle, type Outcome } from './group-commit';

/** A write that records each group and answers after `ms`, doubling numbers and refusing negatives. */
function recorder(ms = 5) {
  const groups: number[][] = [];
  const slots: number[] = [];
  const write = async (items: number[], slot: number): Promise<Outcome<number>[]> => {
    groups.push(items);
    slots.push(slot);
    await new Promise((r) => setTimeout(r, ms));
    return Promise.all(items.map((n) => settle(async () => {
      if (n < 0) throw new Error(`refused ${n}`);
      return n * 2;
    })));
  };
  return { groups, slots, write };
}

describe('group commit', () => {
  it('writes a lone request at once, and what arrives meanwhile as the next group; each caller gets its own answer', async () => {
    const r = recorder();
    const g = groupCommit({ maxBatch: 10, write: r.write });
    const answers = await Promise.all([1, 2, 3, 4, -5, 6].map((n) => g.submit(n).catch((e: Error) => e.message)));
    expect(answers).toEqual([2, 4, 6, 8, 'refused -5', 12]);
    expect(r.groups).toEqual([[1], [2, 3, 4, -5, 6]]);
    expect(g.stats).toEqual({ groups: 2, items: 6, largest: 5 });
  });

  it('never puts two requests with one key in a group, and caps the group size', async () => {
    const r = recorder();
    const g = groupCommit<number, number>({ maxBatch: 3, conflictKey: (n) => n % 10, write: r.write });
    await Promise.all([100, 1, 11, 2, 3, 21, 4].map((n) => g.submit(n)));
    // 11 and 21 share 1's key: each waits for a later group (queue order otherwise).
    expect(r.groups).toEqual([[100], [1, 2, 3], [11, 4], [21]]);
    for (const group of r.groups) expect(new Set(group.map((n) => n % 10)).size).toBe(group.length);
  });

  it('rejects every caller of a group whose write fails as a whole, and goes on with the next group', async () => {
    let calls = 0;
    const g = groupCommit<number, number>({
      maxBatch: 10,
      write: async (items) => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        if (calls === 2) throw new Error('database gone');
        return items.map((n) => ({ ok: true as const, value: n }));
      },
    });
    const first = [g.submit(1), g.submit(2), g.submit(3)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(first)).toEqual([1, 'database gone', 'database gone']);
    expect(await g.submit(4)).toBe(4);
  });

  it('never writes one key in two groups in flight at once', async () => {
    const inFlight = new Map<number, number>();
    let clash = false;
    const g = groupCommit<number, number>({
      maxBatch: 3,
      concurrency: 2,
      conflictKey: (n) => n % 4,
      write: async (items) => {
        for (const n of items) {
          if (inFlight.get(n % 4)) clash = true;
          inFlight.set(n % 4, (inFlight.get(n % 4) ?? 0) + 1);
        }
        await new Promise((r) => setTimeout(r, 5));
        for (const n of items) inFlight.set(n % 4, inFlight.get(n % 4)! - 1);
        return items.map((n) => ({ ok: true as const, value: n }));
      },
    });
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => g.submit(i)));
    expect(answers).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(clash).toBe(false);
    expect(g.stats.largest).toBeGreaterThan(1);
  });

  it('keeps at most `concurrency` groups in flight, each on its own slot', async () => {
    const r = recorder(10);
    let inFlight = 0;
    let most = 0;
    const g = groupCommit<number, number>({
      maxBatch: 4,
      concurrency: 2,
      write: async (items, slot) => {
        most = Math.max(most, ++inFlight);
        try {
          return await r.write(items, slot);
        } finally {
          inFlight--;
        }
      },
    });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => g.submit(i)));
    expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(most).toBe(2);
    expect(new Set(r.slots)).toEqual(new Set([0, 1]));
    expect(r.groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
