// profileColumn remembers each distinct text's kind (issue 14): it must count exactly what the
// cell-by-cell reading did, cold or warm.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CellValue, Grid } from '../../../shared/grid';
import { compactText } from '../../../shared/cell-text';
import { canonicalCategory } from '../../../shared/standard/categories';
import { canonicalMemberClass, isNonMemberWord, isMobileWord } from '../../../shared/roster/member-class';
import { readAmount } from '../../../shared/register/amount';
import { forgetTextKinds, profileColumn, type ColumnProfile } from '../../../shared/recognise/content';

// The reading before the memo, kept as the reference.
const ID_SHAPE = /^\d{17}[\dXx]$|^\d{15}$/;
const RATE_TEXT = /^(千分之|百分之)[一二三四五六七八九十零〇点.\d]+$|^\d+(\.\d+)?\s*[%‰]$/;
const PAY_KIND = /^(补交|补缴|正常|正常交纳|正常缴纳|按月交纳|按月缴纳|预交|预缴|提前交纳|补交党费|补缴党费|正常交费|正常缴费|按月|当月|特殊党费|大额党费|一次性交纳)$/;
const STANDING = /^(正常|停止党籍|停籍|恢复党籍|出党|失联|正常党籍)$/;
function reference(grid: Grid, col: number, from: number): ColumnProfile {
  const p: ColumnProfile = { seen: 0, memberClass: 0, category: 0, standing: 0, payKind: 0, id: 0, rate: 0, money: 0, text: 0 };
  for (let r = from; r < grid.values.length && p.seen < 40; r++) {
    const v: CellValue = grid.values[r]?.[col] ?? null;
    if (v === null || v === '') continue;
    const s = typeof v === 'string' ? compactText(v) : String(v);
    if (!s || /^(合计|小计|总计)$/.test(s)) continue;
    p.seen += 1;
    if (typeof v === 'string') {
      if (canonicalMemberClass(v) || isNonMemberWord(s) || isMobileWord(s)) p.memberClass += 1;
      else if (PAY_KIND.test(s)) p.payKind += 1;
      else if (STANDING.test(s)) p.standing += 1;
      else if (canonicalCategory(v)) p.category += 1;
      if (ID_SHAPE.test(s)) p.id += 1;
      else if (RATE_TEXT.test(s)) p.rate += 1;
      else if (readAmount(v).ok) p.money += 1;
      else if (!canonicalMemberClass(v)) p.text += 1;
    } else if (typeof v === 'number') {
      if (v > 0 && v <= 0.05) p.rate += 1;
      else if (v >= 0) p.money += 1;
    }
  }
  return p;
}

const WORDS = ['正式党员', '预备党员', '正式', '预备', '流动党员', '入党积极分子', '补缴', '正常', '停止党籍', '在职', '离退休', '学生', '合计', ' 小计 ',
  '110105196001011234', '11010519600101123X', '110105600101123', '1%', '千分之五', '0.5%', '3500.25', '￥120.00', '壹佰元', '党员1', '张三', '', ' ', '\u3000', '男', '汉族'];
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...WORDS), fc.string({ maxLength: 6 }), fc.constant(null), fc.boolean(),
  fc.double({ min: -10, max: 20000, noNaN: true }), fc.constantFrom(0, 0.005, 0.05, 0.051, 1, -1),
);

describe('profileColumn', () => {
  it('counts what the cell-by-cell reading counts, cold and warm', () => {
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (rows, from) => {
      const grid: Grid = { name: 'S', values: rows };
      forgetTextKinds();
      for (let c = 0; c < 3; c++) {
        const want = reference(grid, c, from);
        expect(profileColumn(grid, c, from)).toEqual(want);
        expect(profileColumn(grid, c, from)).toEqual(want); // warm
      }
    }), { numRuns: 500 });
  });
});
