/**
 * A small safe expression language for quantitative criteria (定量指标公式) — no eval.
 * Grammar: numbers, + - * / ( ), unary minus, and calls:
 *   actual(CODE) target(CODE) baseline(CODE) rate(CODE)   — an indicator of the scheme's plan
 *   min(a, b, …) max(a, b, …) clamp(x, lo, hi)
 * `rate` is the share of the way from baseline to target reached (0–1, direction-aware).
 */
export type Expr =
  | { t: 'num'; v: number }
  | { t: 'neg'; e: Expr }
  | { t: 'bin'; op: '+' | '-' | '*' | '/'; l: Expr; r: Expr }
  | { t: 'call'; fn: string; args: Expr[] }
  | { t: 'ind'; fn: IndicatorFn; code: string };

export const INDICATOR_FNS = ['actual', 'target', 'baseline', 'rate'] as const;
export type IndicatorFn = (typeof INDICATOR_FNS)[number];
const MATH_FNS: Record<string, { min: number; max: number; f: (a: number[]) => number }> = {
  min: { min: 1, max: 20, f: (a) => Math.min(...a) },
  max: { min: 1, max: 20, f: (a) => Math.max(...a) },
  clamp: { min: 3, max: 3, f: ([x, lo, hi]) => Math.min(Math.max(x!, lo!), hi!) },
};

export class FormulaError extends Error {
  constructor(readonly at: number, message: string) {
    super(message);
  }
}

type Tok = { k: 'num'; v: number; at: number } | { k: 'id'; v: string; at: number } | { k: 'op'; v: string; at: number };

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) { out.push({ k: 'num', v: Number(num[0]), at: i }); i += num[0].length; continue; }
    const id = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(src.slice(i));
    if (id) { out.push({ k: 'id', v: id[0], at: i }); i += id[0].length; continue; }
    if ('+-*/(),'.includes(c)) { out.push({ k: 'op', v: c, at: i }); i++; continue; }
    throw new FormulaError(i, `unexpected "${c}"`);
  }
  return out;
}

export function parseFormula(src: string): Expr {
  if (src.length > 500) throw new FormulaError(0, 'too long');
  const toks = lex(src);
  let p = 0;
  const peek = () => toks[p];
  const eat = (v: string) => {
    const t = toks[p];
    if (!t || t.k !== 'op' || t.v !== v) throw new FormulaError(t?.at ?? src.length, `expected "${v}"`);
    p++;
  };
  const expr = (): Expr => {
    let l = term();
    for (let t = peek(); t && t.k === 'op' && (t.v === '+' || t.v === '-'); t = peek()) { p++; l = { t: 'bin', op: t.v, l, r: term() }; }
    return l;
  };
  const term = (): Expr => {
    let l = unary();
    for (let t = peek(); t && t.k === 'op' && (t.v === '*' || t.v === '/'); t = peek()) { p++; l = { t: 'bin', op: t.v, l, r: unary() }; }
    return l;
  };
  const unary = (): Expr => {
    const t = peek();
    if (t?.k === 'op' && t.v === '-') { p++; return { t: 'neg', e: unary() }; }
    return atom();
  };
  const atom = (): Expr => {
    const t = peek();
    if (!t) throw new FormulaError(src.length, 'unexpected end');
    p++;
    if (t.k === 'num') return { t: 'num', v: t.v };
    if (t.k === 'op' && t.v === '(') { const e = expr(); eat(')'); return e; }
    if (t.k === 'id') {
      eat('(');
      if ((INDICATOR_FNS as readonly string[]).includes(t.v)) {
        const code = peek();
        if (!code || code.k !== 'id') throw new FormulaError(code?.at ?? src.length, 'expected an indicator code');
        p++;
        eat(')');
        return { t: 'ind', fn: t.v as IndicatorFn, code: String(code.v) };
      }
      const fn = Object.hasOwn(MATH_FNS, t.v) ? MATH_FNS[t.v] : undefined;
      if (!fn) throw new FormulaError(t.at, `unknown function ${t.v}`);
      const args: Expr[] = [expr()];
      while (peek()?.k === 'op' && peek()!.v === ',') { p++; args.push(expr()); }
      eat(')');
      if (args.length < fn.min || args.length > fn.max) throw new FormulaError(t.at, `${t.v}: wrong number of arguments`);
      return { t: 'call', fn: t.v, args };
    }
    throw new FormulaError(t.at, `unexpected "${t.v}"`);
  };
  const e = expr();
  if (p < toks.length) throw new FormulaError(toks[p]!.at, `unexpected "${toks[p]!.v}"`);
  return e;
}

/** Indicator codes a formula names. */
export function codesOf(e: Expr, out = new Set<string>()): Set<string> {
  if (e.t === 'ind') out.add(e.code);
  else if (e.t === 'neg') codesOf(e.e, out);
  else if (e.t === 'bin') { codesOf(e.l, out); codesOf(e.r, out); }
  else if (e.t === 'call') e.args.forEach((a) => codesOf(a, out));
  return out;
}

/** Null when a value it needs is missing (no report yet) or it divides by zero. */
export function evaluate(e: Expr, lookup: (fn: IndicatorFn, code: string) => number | null): number | null {
  switch (e.t) {
    case 'num': return e.v;
    case 'ind': return lookup(e.fn, e.code);
    case 'neg': { const v = evaluate(e.e, lookup); return v === null ? null : -v; }
    case 'bin': {
      const l = evaluate(e.l, lookup), r = evaluate(e.r, lookup);
      if (l === null || r === null) return null;
      if (e.op === '/') return r === 0 ? null : l / r;
      return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r;
    }
    case 'call': {
      const a = e.args.map((x) => evaluate(x, lookup));
      if (a.some((x) => x === null)) return null;
      return MATH_FNS[e.fn]!.f(a as number[]);
    }
  }
}
