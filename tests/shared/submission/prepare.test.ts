// prepareSubmission: grids + settings + quarter → the submission, as of one report date
// (the quarter's end, or today while it runs) whatever day or tool prepares it.
import { describe, expect, it } from 'vitest';
import { checkWorkbook } from '../../../shared/check';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { buildSubmission, SubmissionRefused } from '../../../shared/submission/build';
import { prepareSubmission, reportDateOf } from '../../../shared/submission/prepare';
import { person, workbook } from '../checker/grids';

// Paid January to July; August onward nothing (a 12-month register).
const grids = () => workbook([person({}, 1), person({ paid: [90, 90, 90, 90, 90, 90, 90, null, null, null, null, null] }, 2)]);

describe('reportDateOf', () => {
  it('is the quarter end once the quarter is over, today while it runs', () => {
    expect(reportDateOf('2026Q3', '2026-12-01')).toBe('2026-09-30');
    expect(reportDateOf('2026Q3', '2026-09-30')).toBe('2026-09-30');
    expect(reportDateOf('2026Q3', '2026-08-15')).toBe('2026-08-15');
    expect(reportDateOf('2026Q4', '2027-01-02')).toBe('2026-12-31');
    expect(reportDateOf('2026Q1', '2026-04-01')).toBe('2026-03-31');
  });
});

describe('prepareSubmission', () => {
  it('gives the same submission for a past quarter whichever day it is prepared', () => {
    const days = ['2026-10-01', '2026-11-15', '2027-01-15'];
    const subs = days.map((today) => prepareSubmission({ grids: grids(), settings: DEFAULT_SETTINGS, quarter: '2026Q3', today }).submission);
    expect(subs.map((s) => s.reportDate)).toEqual(['2026-09-30', '2026-09-30', '2026-09-30']);
    expect(subs[1]).toEqual(subs[0]);
    expect(subs[2]).toEqual(subs[0]);
    // Unpaid August and September: a streak of 2 as of the quarter's end.
    expect(subs[0]!.members[1]!.unpaidStreak).toBe(2);
    // What checking "as of today" sent instead: in November the same figures under another
    // report date; in January a register whose sheet names no year read as 2027's, so the
    // 2026Q3 it sent carried nothing due at all.
    const november = buildSubmission(checkWorkbook(grids(), { asOf: '2026-11-15' }), '2026Q3');
    expect(november.reportDate).toBe('2026-11-15');
    const january = buildSubmission(checkWorkbook(grids(), { asOf: '2027-01-15' }), '2026Q3');
    expect([january.totals.dueFen, subs[0]!.totals.dueFen]).toEqual([0, 6 * 9000]);
  });

  it('stands at today while the quarter runs', () => {
    const { submission, result } = prepareSubmission({ grids: grids(), settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: '2026-08-20' });
    expect([submission.reportDate, result.asOf]).toEqual(['2026-08-20', '2026-08-20']);
    // The quarter has not ended: its months are not judged yet (a quarter paid in its last month is not arrears).
    expect(submission.members[1]!.unpaidStreak).toBe(0);
  });

  it('reuses a result only when it is already as of the report date', () => {
    const g = grids();
    const atEnd = checkWorkbook(g, { asOf: '2026-09-30' });
    expect(prepareSubmission({ grids: g, settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: '2026-12-01', checked: atEnd }).result).toBe(atEnd);
    const later = checkWorkbook(g, { asOf: '2026-12-01' });
    const p = prepareSubmission({ grids: g, settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: '2026-12-01', checked: later });
    expect(p.result).not.toBe(later);
    expect(p.result.asOf).toBe('2026-09-30');
  });

  it('refuses a workbook with errors, as the build does', () => {
    const bad = workbook([person({ id: '110105198001011235' }, 1)]);
    expect(() => prepareSubmission({ grids: bad, settings: DEFAULT_SETTINGS, quarter: '2026Q3', today: '2026-10-01' })).toThrow(SubmissionRefused);
  });
});
