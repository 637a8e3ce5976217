/**
 * What the cells under a header hold, sampled: the checker believes the cells over the header
 * when they disagree (a 党籍状态 of 正式党员/预备党员 is the member class; a 缴费类型 of 补缴/正常
 * is a payment kind; a "小计" of text is no dues total).
 */
import type { CellValue, Grid } from '../grid';
import { compactText } from '../cell-text';
import { canonicalCategory } from '../standard/categories';
import { canonicalMemberClass, isNonMemberWord, isMobileWord } from '../roster/member-class';
import { readAmount } from '../register/amount';

export interface ColumnProfile {
  seen: number;
  memberClass: number;
  category: number;
  standing: number;
  payKind: number;
  id: number;
  rate: number;
  money: number;
  text: number;
}

const SAMPLE = 40;
const ID_SHAPE = /^\d{17}[\dXx]$|^\d{15}$/;
const RATE_TEXT = /^(千分之|百分之)[一二三四五六七八九十零〇点.\d]+$|^\d+(\.\d+)?\s*[%‰]$/;
const PAY_KIND = /^(补交|补缴|正常|正常交纳|正常缴纳|按月交纳|按月缴纳|预交|预缴|提前交纳|补交党费|补缴党费|正常交费|正常缴费|按月|当月|特殊党费|大额党费|一次性交纳)$/;
const STANDING = /^(正常|停止党籍|停籍|恢复党籍|出党|失联|正常党籍)$/;

// What one text cell counts for in a profile, as bits (SKIP: blank after compacting, or a totals word).
const MEMBER_CLASS = 1;
const PAY_KIND_BIT = 2;
const STANDING_BIT = 4;
const CATEGORY = 8;
const ID = 16;
const RATE = 32;
const MONEY = 64;
const TEXT = 128;
const SKIP = 256;

function textKind(v: string): number {
  const s = compactText(v);
  if (!s || /^(合计|小计|总计)$/.test(s)) return SKIP;
  let k = 0;
  if (canonicalMemberClass(v) || isNonMemberWord(s) || isMobileWord(s)) k |= MEMBER_CLASS;
  else if (PAY_KIND.test(s)) k |= PAY_KIND_BIT;
  else if (STANDING.test(s)) k |= STANDING_BIT;
  else if (canonicalCategory(v)) k |= CATEGORY;
  if (ID_SHAPE.test(s)) k |= ID;
  else if (RATE_TEXT.test(s)) k |= RATE;
  else if (readAmount(v).ok) k |= MONEY;
  else if (!canonicalMemberClass(v)) k |= TEXT;
  return k;
}

/**
 * textKind once per distinct text: a recognition profiles every field column, and class,
 * gender, category and standing columns repeat a handful of words (issue 14). textKind is a
 * pure function of the text; emptied by forgetTextKinds at each recognition, and bounded.
 */
const kinds = new Map<string, number>();
function kindOf(v: string): number {
  let k = kinds.get(v);
  if (k === undefined) {
    k = textKind(v);
    if (kinds.size >= 4096) kinds.clear();
    kinds.set(v, k);
  }
  return k;
}
/** Drops the texts remembered by profileColumn (recogniseWorkbook calls it at start and end). */
export function forgetTextKinds(): void {
  kinds.clear();
}

export function profileColumn(grid: Grid, col: number, from: number): ColumnProfile {
  const p: ColumnProfile = { seen: 0, memberClass: 0, category: 0, standing: 0, payKind: 0, id: 0, rate: 0, money: 0, text: 0 };
  for (let r = from; r < grid.values.length && p.seen < SAMPLE; r++) {
    const v: CellValue = grid.values[r]?.[col] ?? null;
    if (v === null || v === '') continue;
    if (typeof v === 'string') {
      const k = kindOf(v);
      if (k === SKIP) continue;
      p.seen += 1;
      if (k & MEMBER_CLASS) p.memberClass += 1;
      else if (k & PAY_KIND_BIT) p.payKind += 1;
      else if (k & STANDING_BIT) p.standing += 1;
      else if (k & CATEGORY) p.category += 1;
      if (k & ID) p.id += 1;
      else if (k & RATE) p.rate += 1;
      else if (k & MONEY) p.money += 1;
      else if (k & TEXT) p.text += 1;
    } else {
      // String(v) of a number or boolean is never blank nor a totals word: always seen.
      p.seen += 1;
      if (typeof v === 'number') {
        if (v > 0 && v <= 0.05) p.rate += 1;
        else if (v >= 0) p.money += 1;
      }
    }
  }
  return p;
}

/** At least half of what was seen (and something was). */
export const most = (n: number, p: ColumnProfile) => p.seen > 0 && n * 2 >= p.seen;
