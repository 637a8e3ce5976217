// Change tracking without Excel: which events are the echo of our own fixes, which rows a change
// asks to re-read, and a subscription stopped before its registration arrives.
import { describe, expect, it } from 'vitest';
import { LAST_ROW, changedRows, isOwnWrite, subscription } from '../../../addin/src/excel/changeTracking';

const ev = (changeType: string | undefined, address = 'B5', triggerSource?: string) => ({ address, worksheetId: 'w1', changeType, triggerSource });

describe('isOwnWrite', () => {
  it('trusts triggerSource when the host gives it', () => {
    expect(isOwnWrite(ev('RangeEdited', 'B5', 'ThisLocalAddin'), 0, 0)).toBe(true);
    expect(isOwnWrite(ev('RangeEdited', 'B5', 'Local'), 100, 0)).toBe(false);
  });
  it('without it, a plain edit inside the quiet window is ours; structural changes never are', () => {
    expect(isOwnWrite(ev('RangeEdited'), 1000, 2000)).toBe(true);
    expect(isOwnWrite(ev(undefined), 1000, 2000)).toBe(true);
    expect(isOwnWrite(ev('Unknown'), 1000, 2000)).toBe(true);
    expect(isOwnWrite(ev('RangeEdited'), 2000, 2000)).toBe(false);
    expect(isOwnWrite(ev('RowInserted', '3:3'), 1000, 2000)).toBe(false);
  });
});

describe('changedRows', () => {
  it('an edit re-reads its rows; row and cell shifts to the sheet\'s end; column shifts everything', () => {
    expect(changedRows(ev('RangeEdited', 'B5:C7'))).toEqual({ firstRow: 4, lastRow: 6 });
    expect(changedRows(ev('RowDeleted', '3:4'))).toEqual({ firstRow: 2, lastRow: LAST_ROW });
    expect(changedRows(ev('CellInserted', 'D9'))).toEqual({ firstRow: 8, lastRow: LAST_ROW });
    expect(changedRows(ev('ColumnInserted', 'B:B'))).toEqual({ firstRow: 0, lastRow: LAST_ROW });
    expect(changedRows(ev('RowInserted', 'A:C'))).toEqual({ firstRow: 0, lastRow: LAST_ROW });
    expect(changedRows(ev('RangeEdited', 'A:C'))).toBeNull();
  });
});

describe('subscription', () => {
  it('removes the handler once, whether stopped before or after the registration arrives', async () => {
    let removed = 0;
    let arrive!: (r: () => Promise<void>) => void;
    const stopEarly = subscription(() => new Promise((res) => (arrive = res)));
    stopEarly();
    expect(removed).toBe(0);
    arrive(async () => { removed += 1; });
    await new Promise((r) => setTimeout(r, 0));
    expect(removed).toBe(1);

    const stopLate = subscription(async () => async () => { removed += 1; });
    await new Promise((r) => setTimeout(r, 0));
    stopLate();
    expect(removed).toBe(2);
  });
});
