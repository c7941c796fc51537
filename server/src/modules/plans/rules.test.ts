import { describe, expect, it } from 'vitest';
import { codesOf, evaluate, FormulaError, parseFormula } from './formula';
import { indicatorScore, rollup } from './rollup';

const th = { greenAt: 0.9, amberAt: 0.6 };

describe('weighted roll-up (hand-computed)', () => {
  it('keeps the published weights: targets 100k, 20k, 1k weigh 82.6 %, 16.5 %, 0.8 %', () => {
    const res = rollup([
      { id: 1, parentId: null, weight: 1, leafScore: null },
      { id: 2, parentId: 1, weight: 100_000, leafScore: 1 },
      { id: 3, parentId: 1, weight: 20_000, leafScore: 0 },
      { id: 4, parentId: 1, weight: 1_000, leafScore: 0 },
    ], th);
    expect(res.get(2)!.share * 100).toBeCloseTo(82.6, 1);
    expect(res.get(3)!.share * 100).toBeCloseTo(16.5, 1);
    expect(res.get(4)!.share * 100).toBeCloseTo(0.8, 1);
    // 100000 / 121000 = 0.8264…, not the plain average 0.333…
    expect(res.get(1)!.score).toBeCloseTo(100_000 / 121_000, 6);
    expect(res.get(1)!.colour).toBe('amber');
  });

  it('leaves items without a measure out of the roll-up instead of counting them as zero', () => {
    const res = rollup([
      { id: 1, parentId: null, weight: 1, leafScore: null },
      { id: 2, parentId: 1, weight: 3, leafScore: 1 },
      { id: 3, parentId: 1, weight: 1, leafScore: 0.5 },
      { id: 4, parentId: 1, weight: 6, leafScore: null },
      { id: 5, parentId: null, weight: 1, leafScore: null },
    ], th);
    // (3·1 + 1·0.5) / 4 = 0.875; item 4 (weight 6, nothing reported) does not drag it to 0.318
    expect(res.get(1)!.score).toBeCloseTo(0.875, 6);
    expect(res.get(4)!.colour).toBe('none');
    expect(res.get(5)!.score).toBeNull();
  });

  it('rolls up two levels with the weights of each level', () => {
    const res = rollup([
      { id: 1, parentId: null, weight: 1, leafScore: null },
      { id: 2, parentId: 1, weight: 2, leafScore: null },
      { id: 3, parentId: 1, weight: 1, leafScore: 0.2 },
      { id: 4, parentId: 2, weight: 1, leafScore: 1 },
      { id: 5, parentId: 2, weight: 1, leafScore: 0.5 },
    ], th);
    expect(res.get(2)!.score).toBeCloseTo(0.75, 6);
    expect(res.get(1)!.score).toBeCloseTo((2 * 0.75 + 0.2) / 3, 6);
    expect(res.get(3)!.colour).toBe('red');
  });

  it('scores indicators from baseline to target in either direction', () => {
    expect(indicatorScore({ baselineValue: 100, targetValue: 90, direction: 'down' }, 95)).toBeCloseTo(0.5);
    expect(indicatorScore({ baselineValue: 50, targetValue: 100, direction: 'up' }, 120)).toBe(1);
    expect(indicatorScore({ baselineValue: null, targetValue: 80, direction: 'up' }, 60)).toBeCloseTo(0.75);
    expect(indicatorScore({ baselineValue: 10, targetValue: 20, direction: 'up' }, null)).toBeNull();
  });
});

describe('formula evaluator', () => {
  const vals: Record<string, number> = { E1: 80, E2: 5 };
  const lookup = (fn: string, code: string) => (fn === 'actual' ? vals[code] ?? null : fn === 'target' ? 100 : null);
  it('evaluates arithmetic, precedence, unary minus and functions', () => {
    expect(evaluate(parseFormula('actual(E1) / target(E1) * 100'), lookup)).toBe(80);
    expect(evaluate(parseFormula('1 + 2 * 3 - -4'), lookup)).toBe(11);
    expect(evaluate(parseFormula('min(100, actual(E1) + actual(E2) * 10)'), lookup)).toBe(100);
    expect(evaluate(parseFormula('clamp((actual(E1) - 90) * 2, 0, 100)'), lookup)).toBe(0);
  });
  it('names the indicators used and yields null when a value is missing or on division by zero', () => {
    expect([...codesOf(parseFormula('rate(A.1) * 60 + rate(B_2) * 40'))]).toEqual(['A.1', 'B_2']);
    expect(evaluate(parseFormula('actual(NOPE) + 1'), lookup)).toBeNull();
    expect(evaluate(parseFormula('1 / (actual(E2) - 5)'), lookup)).toBeNull();
  });
  it('refuses anything that is not the grammar (no eval)', () => {
    for (const bad of ['process.exit(1)', 'actual(E1', '1 +', 'constructor(1)', '2 ** 3', 'actual(1 + 2)', '"x"']) expect(() => parseFormula(bad)).toThrow(FormulaError);
  });
});
