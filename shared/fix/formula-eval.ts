/**
 * The small part of Excel's formula language a dues register uses — cell references and
 * ranges, + − × ÷ ^ %, SUM, ROUND (and ROUNDUP/ROUNDDOWN), MIN, MAX, ABS, AVERAGE — enough to
 * say which cells a formula reads (so a finding on G17 = ROUND(E17*F17,2) can point at F17) and
 * to recompute it after a fix (so the preview and the corrected copy show G17's new value, not
 * a stale cached one). Anything else is "not understood": references are still listed where
 * they can be read, evaluation gives null and the host recalculates instead.
 */
import { parseA1 } from '../a1';

export interface FormulaRef {
  /** Sheet name when the reference names one ('Sheet 1'!A1, Sheet1!A1); null for the formula's own sheet. */
  sheet: string | null;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

type Token =
  | { t: 'num'; v: number }
  | { t: 'ref'; ref: FormulaRef }
  | { t: 'fn'; name: string }
  | { t: 'op'; v: string }
  | { t: '(' }
  | { t: ')' }
  | { t: ',' }
  | { t: 'other' };

const CELL = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
const SHEET = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*))!`;
const TOKEN = new RegExp(
  String.raw`\s+|(?:${SHEET})?(${CELL})(?::(${CELL}))?(?![\w(])|(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)|([A-Za-z][A-Za-z0-9.]*)\s*\(|(<>|<=|>=|[-+*/^%&=<>])|([(),])|("(?:[^"]|"")*"|.)`,
  'gy',
);

function tokenize(formula: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < formula.length && (m = TOKEN.exec(formula))) {
    if (m[3]) {
      const a = parseA1(m[3].replace(/\$/g, ''))!;
      const b = m[4] ? parseA1(m[4].replace(/\$/g, ''))! : a;
      const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2] ?? null;
      out.push({ t: 'ref', ref: { sheet, top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) } });
    } else if (m[5]) out.push({ t: 'num', v: Number(m[5]) });
    else if (m[6]) out.push({ t: 'fn', name: m[6].toUpperCase() });
    else if (m[7]) out.push({ t: 'op', v: m[7] });
    else if (m[8]) out.push({ t: m[8] as '(' | ')' | ',' });
    else if (m[9]) out.push({ t: 'other' });
  }
  return out;
}

/** Every cell range the formula reads (functions it does not know included). */
export function formulaRefs(formula: string): FormulaRef[] {
  return tokenize(formula).flatMap((k) => (k.t === 'ref' ? [k.ref] : []));
}

/** Reads a cell for evaluation: a number, or null when empty; anything else stops evaluation. */
export type CellLookup = (sheet: string | null, row: number, col: number) => number | string | boolean | null;

class Unsupported extends Error {}

/** Excel's ROUND: half away from zero, on the decimal the cell shows (15 significant digits). */
export function excelRound(x: number, digits: number, mode: 'round' | 'up' | 'down' = 'round'): number {
  const f = 10 ** Math.trunc(digits);
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = mode === 'round' ? Math.round(scaled) : mode === 'up' ? Math.ceil(scaled) : Math.floor(scaled);
  return (Math.sign(x) || 1) * (r / f);
}

/** The formula's value, or null when it uses something this evaluator does not do. */
export function evaluateFormula(formula: string, lookup: CellLookup): number | null {
  const toks = tokenize(formula);
  if (toks.some((k) => k.t === 'other')) return null;
  let i = 0;
  const peek = () => toks[i];
  const num = (v: number | string | boolean | null): number => {
    if (v === null || v === '') return 0;
    if (typeof v === 'number') return v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    throw new Unsupported('text in arithmetic');
  };
  const values = (ref: FormulaRef): number[] => {
    const out: number[] = [];
    if ((ref.bottom - ref.top + 1) * (ref.right - ref.left + 1) > 100_000) throw new Unsupported('range too large');
    for (let r = ref.top; r <= ref.bottom; r++) {
      for (let c = ref.left; c <= ref.right; c++) {
        const v = lookup(ref.sheet, r, c);
        // SUM over a range skips text and empty cells, as Excel does.
        if (typeof v === 'number') out.push(v);
      }
    }
    return out;
  };
  type Arg = { kind: 'range'; ref: FormulaRef } | { kind: 'num'; v: number };
  const primary = (): number => {
    const k = toks[i++];
    if (!k) throw new Unsupported('end');
    if (k.t === 'num') return k.v;
    if (k.t === 'ref') {
      if (k.ref.top !== k.ref.bottom || k.ref.left !== k.ref.right) throw new Unsupported('range as value');
      return num(lookup(k.ref.sheet, k.ref.top, k.ref.left));
    }
    if (k.t === '(') {
      const v = expr();
      if (toks[i++]?.t !== ')') throw new Unsupported(')');
      return v;
    }
    if (k.t === 'op' && (k.v === '-' || k.v === '+')) {
      const v = unary();
      return k.v === '-' ? -v : v;
    }
    if (k.t === 'fn') {
      const args: Arg[] = [];
      if (peek()?.t !== ')') {
        for (;;) {
          const a = peek();
          const b = toks[i + 1];
          if (a?.t === 'ref' && (b?.t === ',' || b?.t === ')')) {
            i++;
            args.push({ kind: 'range', ref: a.ref });
          } else args.push({ kind: 'num', v: expr() });
          if (peek()?.t === ',') {
            i++;
            continue;
          }
          break;
        }
      }
      if (toks[i++]?.t !== ')') throw new Unsupported(')');
      const flat = () => args.flatMap((a) => (a.kind === 'range' ? values(a.ref) : [a.v]));
      const scalar = (a: Arg | undefined) => {
        if (!a) throw new Unsupported('argument');
        if (a.kind === 'num') return a.v;
        if (a.ref.top !== a.ref.bottom || a.ref.left !== a.ref.right) throw new Unsupported('range as value');
        return num(lookup(a.ref.sheet, a.ref.top, a.ref.left));
      };
      switch (k.name) {
        case 'SUM': return flat().reduce((s, v) => s + v, 0);
        case 'MIN': { const v = flat(); return v.length ? Math.min(...v) : 0; }
        case 'MAX': { const v = flat(); return v.length ? Math.max(...v) : 0; }
        case 'AVERAGE': { const v = flat(); if (!v.length) throw new Unsupported('#DIV/0!'); return v.reduce((s, x) => s + x, 0) / v.length; }
        case 'ABS': return Math.abs(scalar(args[0]));
        case 'ROUND': return excelRound(scalar(args[0]), args[1] ? scalar(args[1]) : 0);
        case 'ROUNDUP': return excelRound(scalar(args[0]), args[1] ? scalar(args[1]) : 0, 'up');
        case 'ROUNDDOWN': return excelRound(scalar(args[0]), args[1] ? scalar(args[1]) : 0, 'down');
        default: throw new Unsupported(k.name);
      }
    }
    throw new Unsupported('token');
  };
  const postfix = (): number => {
    let v = primary();
    while (peek()?.t === 'op' && (peek() as { v: string }).v === '%') {
      i++;
      v /= 100;
    }
    return v;
  };
  const power = (): number => {
    const b = postfix();
    const k = peek();
    if (k?.t === 'op' && k.v === '^') {
      i++;
      return b ** unary();
    }
    return b;
  };
  function unary(): number {
    const k = peek();
    if (k?.t === 'op' && (k.v === '-' || k.v === '+')) {
      i++;
      const v = unary();
      return k.v === '-' ? -v : v;
    }
    return power();
  }
  const term = (): number => {
    let v = unary();
    for (let k = peek(); k?.t === 'op' && (k.v === '*' || k.v === '/'); k = peek()) {
      i++;
      const r = unary();
      if (k.v === '/' && r === 0) throw new Unsupported('#DIV/0!');
      v = k.v === '*' ? v * r : v / r;
    }
    return v;
  };
  function expr(): number {
    let v = term();
    for (let k = peek(); k?.t === 'op' && (k.v === '+' || k.v === '-'); k = peek()) {
      i++;
      const r = term();
      v = k.v === '+' ? v + r : v - r;
    }
    return v;
  }
  try {
    const v = expr();
    if (i !== toks.length || !Number.isFinite(v)) return null;
    // Excel keeps 15 significant digits: 0.1+0.2 is 0.3 in a cell.
    return Number(v.toPrecision(15));
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
