// The roster reader's memo of serial → ISO text (an array by serial, emptied after each table,
// issue 14) gives each record the dates the general parser gives, repeats and later years too.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excelSerialToIso, isoToExcelSerial } from '../../../shared/dates';
import { checkRoster } from '../../../shared/roster/checks';
import { recogniseWorkbook } from '../../../shared/recognise/table';
import { FindingList } from '../../../shared/findings/collect';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { person, workbook } from '../checker/grids';

describe('checkRoster dates', () => {
  it('reads join and full dates as excelSerialToIso does, across checks (property)', () => {
    // A few serials (so they repeat down the column), some past the memo's end in 2100.
    const serial = fc.constantFrom(isoToExcelSerial('2005-07-01'), isoToExcelSerial('2006-07-01'), isoToExcelSerial('2099-12-31'),
      isoToExcelSerial('2100-01-01'), isoToExcelSerial('2150-03-01'), 61, 62);
    const rows = fc.array(fc.tuple(serial, serial), { minLength: 1, maxLength: 10 });
    fc.assert(fc.property(rows, rows, (a, b) => {
      for (const pairs of [a, b]) {
        const people = pairs.map(([join, full], i) => person({ join, full }, i + 1));
        const wb = recogniseWorkbook(workbook(people), { year: 2026 });
        const members = checkRoster(wb.rosters[0]!, { asOf: '2026-09-30', settings: DEFAULT_SETTINGS, findings: new FindingList() });
        expect(members.map((m) => [m.joinDate, m.fullDate])).toEqual(pairs.map(([j, f]) => [excelSerialToIso(j), excelSerialToIso(f)]));
      }
    }), { numRuns: 60 });
  });
});
