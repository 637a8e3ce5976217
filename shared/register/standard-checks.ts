/**
 * A row against the dues standard (dues-standard §2–§4): the rate column, the stated monthly
 * due, flat amounts, and the 1000-yuan ceiling. The fix is always the standard's own value.
 */
import type { CellValue } from '../grid';
import { formatYuan } from '../money';
import { formatRate, parseRateCell, rateNeedsFormat, sameRate, type RateParse } from '../standard/rate';
import { cellAt, formatAt } from '../recognise/table';
import { stdDueAt, yuanFix, type DuesRow, type SheetFindings } from './row';

/** 2017通知: regular monthly dues are normally at most 1000 yuan. */
export const MONTHLY_CEILING_FEN = 100_000;

/** Rate cells repeat (0.015, "1.5%", 定额): parse each distinct value and format once. */
const rateByNumber = new Map<number, RateParse>();
const rateByNumberPct = new Map<number, RateParse>();
const rateByText = new Map<string, RateParse>();
function rateOf(v: CellValue, format: string | undefined): RateParse {
  let cache: Map<number, RateParse> | Map<string, RateParse>;
  if (typeof v === 'number') cache = format !== undefined && format.includes('%') ? rateByNumberPct : rateByNumber;
  else if (typeof v === 'string') cache = rateByText;
  else return parseRateCell(v, format);
  let hit = (cache as Map<CellValue, RateParse>).get(v);
  if (!hit) {
    hit = parseRateCell(v, format);
    if (cache.size > 10_000) cache.clear();
    (cache as Map<CellValue, RateParse>).set(v, hit);
  }
  return hit;
}

/** Rate, due, flat amount and ceiling of one row against the standard (dues-standard §2–§4). */
/** `joinMonth`: the member's month of joining as a month number, −1 when unknown. */
export function checkStandard(row: DuesRow, out: SheetFindings, joinMonth = -1): void {
  const { table, r } = row;
  const { grid, columns: col } = table;
  const std = row.std;
  if (!std || std.kind === 'unchecked' || std.kind === 'none' || row.category === '停止党籍') return;
  const categoryText = row.category ?? '';
  if (col.rate !== undefined) {
    const v = cellAt(grid, r, col.rate);
    const rate = rateOf(v, rateNeedsFormat(v) ? formatAt(grid, r, col.rate) : undefined);
    if (rate.ok && std.kind === 'rate') {
      const wrong = rate.kind === 'flat' || !sameRate(rate.rate, std.rate);
      if (wrong) {
        const expected = formatRate(std.rate);
        const fix = typeof v === 'number' ? std.rate.num / std.rate.den : expected;
        out.add('RATE_WRONG', r, col.rate, {
          actual: rate.kind === 'flat' ? String(v) : formatRate(rate.rate), expected,
          base: row.baseFen === null ? '' : formatYuan(row.baseFen), category: categoryText,
        }, fix, undefined, expected);
      }
    } else if (rate.ok && std.kind === 'flat' && rate.kind === 'rate') {
      out.add('RATE_WRONG', r, col.rate, { actual: formatRate(rate.rate), expected: '定额', base: '', category: categoryText }, '定额');
    } else if (!rate.ok && rate.reason === 'text' && std.kind === 'rate') {
      out.add('RATE_WRONG', r, col.rate, { actual: String(v), expected: formatRate(std.rate), base: row.baseFen === null ? '' : formatYuan(row.baseFen), category: categoryText },
        formatRate(std.rate));
    }
  }
  const dueCell = col.due;
  if (dueCell !== undefined && row.statedDueFen !== null) {
    const original = cellAt(grid, r, dueCell);
    if (std.kind === 'flat' && row.statedDueFen !== std.dueFen) {
      out.add('FLAT_WRONG', r, dueCell, { category: categoryText, expected: formatYuan(std.dueFen), actual: formatYuan(row.statedDueFen) }, yuanFix(original, std.dueFen), undefined, formatYuan(std.dueFen));
    } else if (std.kind === 'rate' && row.statedDueFen !== std.dueFen) {
      out.add('DUE_WRONG', r, dueCell, { expected: formatYuan(std.dueFen), actual: formatYuan(row.statedDueFen) }, yuanFix(original, std.dueFen), undefined, formatYuan(std.dueFen));
    }
  }
  // A register with a due under each month (1月 应交 / 实交): each one against the standard.
  if (row.statedDueByMonth) {
    const ms = row.months;
    for (let i = 0; i < ms.dueCols.length; i++) {
      const stated = row.statedDueByMonth[i]!;
      const expected = stdDueAt(row, i);
      if (stated !== stated || expected !== expected || stated === expected) continue;
      // Before joining nothing is due: DUES_BEFORE_JOIN speaks for those months.
      if (ms.nums[i]! < joinMonth) continue;
      const c = ms.dueCols[i]!;
      const original = cellAt(grid, r, c);
      const p = { category: categoryText, expected: formatYuan(expected), actual: formatYuan(stated) };
      out.add(std.kind === 'flat' ? 'FLAT_WRONG' : 'DUE_WRONG', r, c, p, yuanFix(original, expected), undefined, formatYuan(expected));
    }
  }
  let due = row.statedDueFen ?? (std.kind === 'rate' || std.kind === 'flat' ? std.dueFen : 0);
  if (row.statedDueFen === null && row.statedDueByMonth) for (const d of row.statedDueByMonth) if (d > due) due = d;
  if (due > MONTHLY_CEILING_FEN) out.add('MONTHLY_CEILING', r, dueCell ?? col.base ?? row.nameCol, { amount: formatYuan(due) });
}

