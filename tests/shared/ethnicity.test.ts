import { describe, expect, it } from 'vitest';
import { canonicalEthnicity, checkEthnicity, ETHNIC_GROUPS } from '../../shared/ethnicity';

describe('民族', () => {
  it('has the 56 official names, all distinct and ending in 族', () => {
    expect(ETHNIC_GROUPS).toHaveLength(56);
    expect(new Set(ETHNIC_GROUPS).size).toBe(56);
    for (const n of ETHNIC_GROUPS) expect(n.endsWith('族'), n).toBe(true);
  });
  it('reads the words of Object.prototype as nothing it knows, not as a fix', () => {
    // The variants were an object: 'constructor' found Object, offered as the fix.
    for (const w of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'constructor族']) {
      expect(canonicalEthnicity(w)).toBeNull();
      expect(checkEthnicity(w)).toEqual({ kind: 'invalid' });
    }
  });
  it('accepts every official name as is', () => {
    for (const n of ETHNIC_GROUPS) expect(checkEthnicity(n)).toEqual({ kind: 'ok', name: n });
  });
  it('offers the official name for every short form without 族', () => {
    for (const n of ETHNIC_GROUPS) expect(checkEthnicity(n.slice(0, -1))).toEqual({ kind: 'fixable', fix: n });
  });
  it.each([
    ['汉', '汉族'], [' 汉族 ', '汉族'], ['汉 族', '汉族'], ['维族', '维吾尔族'], ['蒙族', '蒙古族'], ['僮族', '壮族'], ['崩龙族', '德昂族'], ['畬族', '畲族'], ['漢族', '汉族'],
  ])('%j → fix %s', (text, fix) => {
    expect(checkEthnicity(text)).toEqual({ kind: 'fixable', fix });
    expect(canonicalEthnicity(text)).toBe(fix);
  });
  it.each([['汉字'], ['其他'], ['穿青人'], ['中国'], ['族'], [5], [true]])('%j is invalid', (v) => {
    expect(checkEthnicity(v as never)).toEqual({ kind: 'invalid' });
  });
  it('empty cells are empty', () => {
    expect(checkEthnicity(null)).toEqual({ kind: 'empty' });
    expect(checkEthnicity('  ')).toEqual({ kind: 'empty' });
  });
});
