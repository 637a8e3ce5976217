import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeAt, compactText, dropSpaces, isBlankCell, looksLikeFormula, toHalfWidth } from '../../shared/cell-text';
import { canonicalMemberClass } from '../../shared/roster/member-class';

describe('cell text', () => {
  it('maps full-width forms to ASCII and leaves other text alone', () => {
    expect(toHalfWidth('３０００．０１')).toBe('3000.01');
    expect(toHalfWidth('ＡＢｃ％（）')).toBe('ABc%()');
    expect(toHalfWidth('汉族\u3000在职')).toBe('汉族 在职');
    expect(toHalfWidth('汉族')).toBe('汉族');
  });
  it('drops every kind of space', () => {
    expect(dropSpaces(' a\tb\u00a0c\u3000d\u200be\ufeff ')).toBe('abcde');
    expect(dropSpaces('abc')).toBe('abc');
  });
  it('compactText does both', () => {
    expect(compactText(' １１０１ ０５\u3000x ')).toBe('110105x');
  });
  it('full-width then half-width is the same as ASCII (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[!-~]*$/), (ascii) => {
        const wide = [...ascii].map((ch) => String.fromCodePoint(ch.codePointAt(0)! + 0xfee0)).join('');
        return toHalfWidth(wide) === ascii && toHalfWidth(ascii) === ascii;
      }),
    );
  });
  it('knows text a spreadsheet would take for a formula or DDE: = + - @ tab CR first', () => {
    expect(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tcmd', '\rcmd'].map(looksLikeFormula)).toEqual([true, true, true, true, true, true]);
    expect(['张三', ' =1', '1+1', '', '＝1', '\n='].map(looksLikeFormula)).toEqual([false, false, false, false, false, false]);
  });
});

// isBlankCell's first-character shortcut (issue 14) must agree with the plain trim() test.
describe('isBlankCell', () => {
  it('agrees with null-or-trims-to-nothing on generated cells', () => {
    const unit = fc.oneof(
      fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\n', '\ufeff', '\u200b', '\u2028', '\u1680', '在', 'a', '~', '0', '\u9fff', '\u4e00'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    const cell = fc.oneof(fc.array(unit, { maxLength: 6 }).map((a) => a.join('')), fc.constant(null), fc.double(), fc.boolean());
    fc.assert(fc.property(cell, (v) => isBlankCell(v) === (v === null || (typeof v === 'string' && v.trim().length === 0))), { numRuns: 2000 });
  });
});

describe('codeAt', () => {
  it('reads the code unit charCodeAt reads, in every string form a grid holds (property)', () => {
    // Flat one- and two-byte text, concatenations (ropes), slices of a longer text, lone surrogates.
    const forms = (t: string, pad: string): string[] => [t, pad + t, (pad + t + pad).slice(pad.length, pad.length + t.length), `${t}${pad}`.slice(0, t.length)];
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ minLength: 13, maxLength: 30 }), (t, pad) => {
      for (const s of forms(t, pad)) {
        for (let i = -1; i <= s.length; i++) {
          const a = codeAt(s, i);
          const b = s.charCodeAt(i);
          if (!(a === b || (a !== a && b !== b))) return false; // NaN out of range, both
        }
      }
      return true;
    }), { numRuns: 500 });
  });
});

describe('canonicalMemberClass', () => {
  it('reads the class a clerk writes, and no word of Object.prototype as one', () => {
    expect(canonicalMemberClass(' 预备 ')).toBe('预备党员');
    expect(canonicalMemberClass('中共党员')).toBe('正式党员');
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) expect(canonicalMemberClass(w)).toBeNull();
  });
});
