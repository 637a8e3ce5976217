// A1 addresses: columns to letters and back, one module for the checker, the pane and the worker.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { a1, columnIndex, columnLetters } from '../../shared/a1';

describe('A1 addresses', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702, 16383].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(a1(6, 5)).toBe('F7');
    expect(a1(0, 0)).toBe('A1');
  });

  it('reads letters back, in either case, and refuses anything else', () => {
    expect(['A', 'z', 'AA', 'xfd'].map(columnIndex)).toEqual([0, 25, 26, 16383]);
    expect(['', 'A1', '$A', '甲'].map(columnIndex)).toEqual([-1, -1, -1, -1]);
  });

  it('letters and index are inverse (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100_000 }), (c) => columnIndex(columnLetters(c)) === c));
  });
});
