// Re-read rows replace exactly their cells in the cached grid, whatever the two origins.
import { describe, expect, it } from 'vitest';
import { spliceRows } from '../../../addin/src/host/workbookHost';
import { quartersAround } from '../../../addin/src/App';

describe('spliceRows', () => {
  it('replaces the re-read rows at their sheet position and leaves the rest', () => {
    const grid = { name: 's', origin: { row: 2, col: 1 }, values: [['a', 'b'], ['c', 'd'], ['e', 'f']], formats: [['@', '@'], ['', ''], ['', '']] };
    const out = spliceRows(grid, { name: 's', origin: { row: 3, col: 1 }, values: [['C', 'D']], formats: [['0.00', '']] });
    expect(out.values).toEqual([['a', 'b'], ['C', 'D'], ['e', 'f']]);
    expect(out.formats).toEqual([['@', '@'], ['0.00', ''], ['', '']]);
    expect(grid.values[1]).toEqual(['c', 'd']);
  });

  it('grows the grid for rows added below the used range', () => {
    const out = spliceRows({ name: 's', values: [['x']] }, { name: 's', origin: { row: 2, col: 0 }, values: [['new', 1]] });
    expect(out.values).toEqual([['x'], [], ['new', 1]]);
  });
});

describe('quartersAround', () => {
  it('offers the current quarter and the three before it, across a year boundary', () => {
    expect(quartersAround('2026-02-10')).toEqual(['2026Q1', '2025Q4', '2025Q3', '2025Q2']);
    expect(quartersAround('2026-09-30')).toEqual(['2026Q3', '2026Q2', '2026Q1', '2025Q4']);
  });
});
