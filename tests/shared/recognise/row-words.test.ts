import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compactText } from '../../../shared/cell-text';
import { isFooter, isPlainLeadText, isTotalsCompact } from '../../../shared/recognise/row-words';

// Characters around every edge the fast path decides on: footer starts, 计 and the totals words,
// spaces of every kind, full-width forms, the CJK range's ends, ASCII controls and plain names.
const CHARS = [
  '填', '制', '审', '负', '支', '组', '注', '备', '说', '表', '人', '核', '计', '合', '小', '总', '共', '季', '度', '第', '一', 'Q', '1',
  '党', '员', '张', '三', 'a', 'Z', '0', '9', '.', '-', ':', '：', ' ', '\u3000', '\u00a0', '\u200b', '\ufeff', '\t', '\n', '\x7f',
  '！', 'Ａ', '～', '\u4e00', '\u9fff', '\u4dff', '\ua000', '·', '\u2028', '𠀋',
];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 14 }).map((cs) => cs.join(''));

describe('isPlainLeadText', () => {
  it('is true only when the general path would keep the text as it is, not a total, not a footer', () => {
    fc.assert(fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'binary' })), (s) => {
      if (isPlainLeadText(s)) {
        expect(compactText(s)).toBe(s);
        expect(isTotalsCompact(s)).toBe(false);
        expect(isFooter(s)).toBe(false);
      }
    }), { numRuns: 20000 });
  });

  it('takes the fast path on names and numbers typed as text', () => {
    for (const s of ['党员1', '张三', '12', '110105196001011234', 'Li Ming'.replace(' ', ''), '']) expect(isPlainLeadText(s)).toBe(true);
    for (const s of ['合计', '填表人：张三', '注', '张 三', '张\u3000三', 'ＡＢ', '备注合计']) expect(isPlainLeadText(s)).toBe(false);
  });
});

describe('isFooter / isTotalsCompact', () => {
  it('reads footer lines and totals labels', () => {
    expect(isFooter('填表人：张三')).toBe(true);
    expect(isFooter('说明')).toBe(true);
    expect(isFooter('张三')).toBe(false);
    expect(isTotalsCompact('合计')).toBe(true);
    expect(isTotalsCompact('第一季度小计')).toBe(true);
    expect(isTotalsCompact('计划')).toBe(false);
  });
});
